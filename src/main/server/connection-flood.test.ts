// A local process without a token opens thousands of idle sockets (and a few that drip their
// headers): the server holds no more than its cap, a signed-in person's action still goes through
// and is audited, and the idle sockets are let go within the header deadline.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTestHandlers } from '../../../test/support/test-handlers';
import { makeTestRoom } from '../../../test/support/test-room';
import { startServer, type RunningServer } from './start-server';

const CAP = 50;
const FLOOD = 2_000;
const HEADERS_TIMEOUT_MS = 1_500;
const WAVE = 250;

let server: RunningServer;
let t: ReturnType<typeof makeTestRoom>;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = makeTestRoom();
  server = await startServer({
    room: t.room,
    handlers: makeTestHandlers(t),
    invitations: [{ name: 'dana', role: 'operator' }],
    limits: {
      maxConnections: CAP,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: 2_000,
      keepAliveTimeoutMs: 1_000,
    },
  });
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await server.close();
  t.cleanup();
});

/** One socket that sends nothing; resolves once it is connected or already closed. */
function idleSocket(): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(server.port, '127.0.0.1');
    sockets.push(s);
    s.resume(); // read what the server says (its 408), so its close is seen
    s.once('connect', () => resolve());
    s.once('close', () => resolve());
    s.on('error', () => undefined);
  });
}

/** `count` idle sockets, in waves the size of a listen backlog (beyond it the kernel holds them, not us). */
async function idleSockets(count: number): Promise<void> {
  for (let opened = 0; opened < count; opened += WAVE)
    await Promise.all(Array.from({ length: Math.min(WAVE, count - opened) }, idleSocket));
}

/** Slow-header sockets: a request line, then one header line now and then, never the blank line. */
function drippingSockets(count: number): void {
  for (let i = 0; i < count; i++) {
    const s = connect(server.port, '127.0.0.1', () =>
      s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`),
    );
    sockets.push(s);
    s.resume();
    const drip = setInterval(() => s.writable && s.write('X-Drip: 1\r\n'), 300);
    s.once('close', () => clearInterval(drip));
    s.on('error', () => undefined);
  }
}

const pause = (key: string) =>
  fetch(`${server.origin}/api/rollout.act`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.invitations[0]?.token ?? ''}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ id: 'search-prod-us', action: 'pause', idempotencyKey: key }),
  });

it('holds a flood of token-less sockets to the cap, still serves a signed-in action, and lets them go', async () => {
  let most = 0;
  const sampler = setInterval(() => void server.connections().then((n) => (most = Math.max(most, n))), 20);
  drippingSockets(5);
  await idleSockets(FLOOD / 2);
  expect(await server.connections()).toBeLessThanOrEqual(CAP);

  // The second half of the flood arrives while the action is on its way.
  const [response] = await Promise.all([pause('flood-pause-1'), idleSockets(FLOOD / 2)]);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true, value: { applied: true } });
  const audited = t.audit.records().filter((r) => r.details.idempotencyKey === 'flood-pause-1');
  expect(audited.map((r) => [r.kind, r.actor])).toEqual([
    ['action.requested', 'dana'],
    ['rollout.paused', 'dana'],
    ['action.succeeded', 'dana'],
  ]);
  expect(await server.connections()).toBeLessThanOrEqual(CAP);
  clearInterval(sampler);
  expect(most).toBeGreaterThan(CAP / 2); // the flood did reach the server
  expect(most).toBeLessThanOrEqual(CAP);

  // Nothing token-less outlives the header deadline (plus Node's one-second check).
  await expect
    .poll(() => server.connections(), { timeout: HEADERS_TIMEOUT_MS + 3_000, interval: 250 })
    .toBe(0);
  await expect
    .poll(() => sockets.filter((s) => !s.destroyed && s.readyState === 'open').length, { timeout: 8_000 })
    .toBe(0);
}, 30_000);
