import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawRequest } from '../../../test/support/raw-http';
import { makeTestHandlers } from '../../../test/support/test-handlers';
import { makeTestRoom } from '../../../test/support/test-room';
import type { Identity } from './invitation-book';
import { startServer, type RunningServer } from './start-server';

let server: RunningServer;
let base: string;
let host: string;
let t: ReturnType<typeof makeTestRoom>;
const invited: { invitation: Identity; by: string }[] = [];
let failRecording = false;

beforeAll(async () => {
  t = makeTestRoom();
  const staticDir = join(t.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Release Control Room</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  server = await startServer({
    room: t.room,
    handlers: makeTestHandlers(t),
    invitations: [
      { name: 'dana', role: 'operator' },
      { name: 'wall screen', role: 'observer' },
    ],
    recordInvitation: (invitation, by) => {
      if (failRecording) throw new Error('disk full');
      invited.push({ invitation, by });
    },
    staticDir,
    limits: { authDeadlineMs: 400 },
  });
  base = server.origin;
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

const tokenOf = (name: string): string => server.invitations.find((i) => i.name === name)?.token ?? '';
const as = (name: string) => ({ authorization: `Bearer ${tokenOf(name)}` });

interface Envelope {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { code: string; message: string; field?: string };
}
const json = async (response: Response) => (await response.json()) as Envelope;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('who may come in', () => {
  it('serves the app shell without any secret, and answers 401 on every API route without a token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const page = await fetch(`${base}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    }
    for (const method of ['session.get', 'fleet.list', 'rollout.act', 'audit.list', 'no.such.method']) {
      const response = await post(`/api/${method}`, {});
      expect(response.status, method).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await post('/api/fleet.list', {}, { authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('sets no cookie and takes no token from a cookie or the query string', async () => {
    const token = tokenOf('dana');
    for (const path of ['/', `/?token=${token}`, '/index.html'])
      expect((await fetch(`${base}${path}`)).headers.get('set-cookie'), path).toBeNull();
    const ok = await post('/api/session.get', {}, as('dana'));
    expect(ok.headers.get('set-cookie')).toBeNull();
    expect((await post(`/api/fleet.list?token=${token}`, {})).status).toBe(401);
    const cookie = `control_room_token_${server.port}=${token}`;
    expect((await post('/api/fleet.list', {}, { cookie })).status).toBe(401);
  });

  it('gives every invitation its own token, and the caller is the person it names', async () => {
    const urls = server.invitations.map((i) => i.url);
    expect(urls).toEqual([
      expect.stringMatching(new RegExp(`^${base}/#token=[\\w-]{32}$`)),
      expect.stringMatching(new RegExp(`^${base}/#token=[\\w-]{32}$`)),
    ]);
    expect(new Set(urls).size).toBe(2);
    const dana = await json(await post('/api/session.get', {}, as('dana')));
    expect(dana.value).toMatchObject({ actor: 'dana', role: 'operator' });
    const screen = await json(await post('/api/session.get', {}, as('wall screen')));
    expect(screen.value).toMatchObject({ actor: 'wall screen', role: 'observer' });
  });

  it('records the person of the token, and refuses a request body that names an actor', async () => {
    const spoof = await post(
      '/api/rollout.act',
      { id: 'search-prod-us', action: 'pause', idempotencyKey: 'spoof-actor-1', actor: 'judge' },
      as('dana'),
    );
    expect(spoof.status).toBe(400);
    expect(await spoof.json()).toMatchObject({ error: { code: 'invalid-input', message: /actor/ } });
    const tick = await post(
      '/api/migrations.tick',
      { id: 'orders-customer-id', phase: 'P3', item: 'job', actor: 'controller\n\u001b[2K' },
      as('dana'),
    );
    expect(tick.status).toBe(400);
    const act = await post(
      '/api/rollout.act',
      { id: 'search-prod-us', action: 'pause', idempotencyKey: 'dana-pauses-1', reason: 'drill' },
      as('dana'),
    );
    expect(act.status).toBe(200);
    const records = t.audit.records().filter((r) => r.details.idempotencyKey === 'dana-pauses-1');
    expect(records.map((r) => [r.kind, r.actor])).toEqual([
      ['action.requested', 'dana'],
      ['rollout.paused', 'dana'],
      ['action.succeeded', 'dana'],
    ]);
    expect(t.audit.records().some((r) => r.actor === 'judge' && r.target === 'search-prod-us')).toBe(false);
  });

  it('lets observers watch but not act', async () => {
    expect((await post('/api/fleet.list', {}, as('wall screen'))).status).toBe(200);
    const act = await post(
      '/api/rollout.act',
      { id: 'search-prod-us', action: 'resume', idempotencyKey: 'observer-try' },
      as('wall screen'),
    );
    expect(act.status).toBe(403);
    expect(await act.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets an operator invite a new person, audited, with a token that works at once', async () => {
    const answer = await post('/api/session.invite', { name: 'lee', role: 'observer' }, as('dana'));
    expect(answer.status).toBe(200);
    const { value } = (await answer.json()) as { value: { name: string; role: string; url: string } };
    expect(value).toMatchObject({ name: 'lee', role: 'observer', url: expect.stringMatching(/#token=/) });
    expect(invited).toContainEqual({ invitation: { name: 'lee', role: 'observer' }, by: 'dana' });
    const token = new URL(value.url).hash.replace('#token=', '');
    const session = await json(await post('/api/session.get', {}, { authorization: `Bearer ${token}` }));
    expect(session.value).toMatchObject({ actor: 'lee', role: 'observer' });
  });

  it('refuses invitations from observers, for a name already taken, or for the control room itself', async () => {
    const byObserver = await post(
      '/api/session.invite',
      { name: 'kim', role: 'operator' },
      as('wall screen'),
    );
    expect(byObserver.status).toBe(403);
    const taken = await post('/api/session.invite', { name: 'DANA', role: 'operator' }, as('dana'));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { message: /already has an invitation/ } });
    const system = await post('/api/session.invite', { name: 'judge', role: 'operator' }, as('dana'));
    expect(system.status).toBe(400);
    const garbled = await post('/api/session.invite', { name: 'eve\u001b[2K', role: 'operator' }, as('dana'));
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ error: { field: 'name' } });
  });

  it('makes no invitation that could not be audited', async () => {
    failRecording = true;
    try {
      const answer = await post('/api/session.invite', { name: 'ola', role: 'operator' }, as('dana'));
      expect(answer.status).toBe(500);
      expect(await answer.json()).toMatchObject({
        error: { message: /could not be audited.*none was made/ },
      });
    } finally {
      failRecording = false;
    }
    // Not half made: the name is still free.
    expect((await post('/api/session.invite', { name: 'ola', role: 'operator' }, as('dana'))).status).toBe(
      200,
    );
  });
});

describe('client-supplied headers never break a request', () => {
  it('serves a valid bearer token whatever cookie comes with it (%E0%A4%A and other garbage)', async () => {
    const cookies = [
      `control_room_token_${server.port}=%E0%A4%A`,
      '%',
      '=;=;;=',
      `a=${'%'.repeat(4000)}`,
      'control_room_token_1=\u00ff\u00fe',
    ];
    for (const cookie of cookies) {
      const response = await post('/api/fleet.list', {}, { ...as('dana'), cookie });
      expect(response.status, cookie).toBe(200);
      expect((await fetch(`${base}/`, { headers: { cookie } })).status).toBe(200);
    }
  });

  it('answers malformed headers and targets with a named 4xx, never a 500, and keeps serving', async () => {
    const bearer = `Authorization: Bearer ${tokenOf('dana')}`;
    const json = 'Content-Type: application/json';
    const cases: [string, string[], number][] = [
      ['escape in the query', ['POST /api/fleet.list?x=%E0%A4%A HTTP/1.1', bearer, json], 200],
      ['escape in the path', ['POST /api/%E0%A4%A HTTP/1.1', bearer, json], 400],
      ['bearer without a token', ['POST /api/fleet.list HTTP/1.1', 'Authorization: Bearer', json], 401],
      ['basic auth', ['POST /api/fleet.list HTTP/1.1', 'Authorization: Basic Zm9vOmJhcg==', json], 401],
      ['latin-1 token', ['POST /api/fleet.list HTTP/1.1', 'Authorization: Bearer \u00ff', json], 401],
      ['opaque origin', ['POST /api/fleet.list HTTP/1.1', bearer, 'Origin: null', json], 403],
      ['two origins', ['POST /api/fleet.list HTTP/1.1', bearer, `Origin: ${base}`, 'Origin: x', json], 403],
      ['control bytes in a header', ['POST /api/fleet.list HTTP/1.1', bearer, 'X-Thing: \u0001', json], 400],
      // The router decodes %61 to "a": this reaches the API and needs a token like any API call.
      ['escaped api path', ['POST /%61pi/fleet.list HTTP/1.1', json], 401],
    ];
    for (const [name, [line = '', ...headers], expected] of cases) {
      const response = await rawRequest(server.port, [line, `Host: ${host}`, ...headers], '{}');
      expect(response.status, `${name}: ${response.body}`).toBe(expected);
    }
    expect((await post('/api/fleet.list', {}, as('dana'))).status).toBe(200);
  });
});

describe('Host, request-target and Origin', () => {
  it('answers 403 to a foreign Host header even with the token (DNS rebinding)', async () => {
    const bearer = `Authorization: Bearer ${tokenOf('dana')}`;
    for (const foreign of ['attacker.example:80', `evil.test:${server.port}`])
      expect((await rawRequest(server.port, ['GET / HTTP/1.1', `Host: ${foreign}`, bearer])).status).toBe(
        403,
      );
    expect((await rawRequest(server.port, ['GET / HTTP/1.1', `Host: localhost:${server.port}`])).status).toBe(
      200,
    );
  });

  it('answers 400 to two Host headers, or none', async () => {
    const two = await rawRequest(server.port, ['GET / HTTP/1.1', `Host: ${host}`, 'Host: evil.example']);
    expect(two.status).toBe(400);
    expect(two.body).toMatch(/exactly one Host header/);
    const reversed = await rawRequest(server.port, ['GET / HTTP/1.1', 'Host: evil.example', `Host: ${host}`]);
    expect(reversed.status).toBe(400);
    expect((await rawRequest(server.port, ['GET / HTTP/1.0'])).status).toBe(400);
  });

  it('answers 400 to an absolute-form target naming another server, and routes one naming this one', async () => {
    const bearer = `Authorization: Bearer ${tokenOf('dana')}`;
    const foreign = await rawRequest(server.port, ['GET http://evil.example/ HTTP/1.1', `Host: ${host}`]);
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatch(/names another server/);
    const foreignApi = await rawRequest(
      server.port,
      [`POST http://evil.example:${server.port}/api/fleet.list HTTP/1.1`, `Host: ${host}`, bearer],
      '{}',
    );
    expect(foreignApi.status).toBe(400);
    const own = await rawRequest(
      server.port,
      [
        `POST http://${host}/api/session.get HTTP/1.1`,
        `Host: ${host}`,
        bearer,
        'Content-Type: application/json',
      ],
      '{}',
    );
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ value: { actor: 'dana' } });
    expect((await rawRequest(server.port, ['GET * HTTP/1.1', `Host: ${host}`])).status).toBe(400);
  });

  it('answers 403 to a cross-site Origin', async () => {
    const response = await post('/api/fleet.list', {}, { ...as('dana'), origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await post('/api/fleet.list', {}, { ...as('dana'), origin: base })).status).toBe(200);
  });
});

interface StreamLog {
  messages: unknown[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  ws: WebSocket;
}

function openStream(headers: Record<string, string> = {}): StreamLog {
  const ws = new WebSocket(`ws://${host}/api/events`, { headers });
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  ws.on('error', () => undefined);
  return {
    ws,
    messages,
    opened: new Promise((resolve) => ws.once('open', () => resolve())),
    closed: new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    ),
  };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the change stream', () => {
  it('carries no token in its URL: it signs in with its first message, then pushes changes', async () => {
    const stream = openStream();
    await stream.opened;
    // Something changes before the stream signed in: nothing may reach it.
    await post(
      '/api/rollout.act',
      { id: 'cart-prod-us', action: 'pause', idempotencyKey: 'ws-before-auth' },
      as('dana'),
    );
    await settle(100);
    expect(stream.messages).toEqual([]);
    stream.ws.send(JSON.stringify({ type: 'auth', token: tokenOf('wall screen') }));
    await expect
      .poll(() => stream.messages[0])
      .toEqual({ type: 'auth.ok', actor: 'wall screen', role: 'observer' });
    await post(
      '/api/rollout.act',
      { id: 'cart-prod-us', action: 'resume', idempotencyKey: 'ws-after-auth' },
      as('dana'),
    );
    await expect.poll(() => stream.messages.length).toBeGreaterThan(1);
    expect(stream.messages[1]).toMatchObject({ type: expect.stringMatching(/rollout|audit/) });
    stream.ws.close();
  });

  it('closes with 4401 on a wrong token and 4408 when no token comes in time', async () => {
    const wrong = openStream();
    await wrong.opened;
    wrong.ws.send(JSON.stringify({ type: 'auth', token: 'not-a-token' }));
    expect(await wrong.closed).toEqual({ code: 4401, reason: 'a valid access token is required' });
    expect(wrong.messages).toEqual([]);
    const garbage = openStream();
    await garbage.opened;
    garbage.ws.send('{"type":');
    expect((await garbage.closed).code).toBe(4401);
    const silent = openStream();
    await silent.opened;
    expect(await silent.closed).toEqual({ code: 4408, reason: 'no auth message in time' });
    expect(silent.messages).toEqual([]);
  });

  it('checks Host and Origin on the upgrade', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${host}/api/events`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await status({ host: 'attacker.example' })).toBe(403);
    expect(await status({ origin: 'http://evil.example' })).toBe(403);
    expect(await status({ authorization: 'Bearer wrong' })).toBe(401);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and keeps serving', async () => {
    const response = await post('/api/rollout.get', '{"id":', as('dana'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await post('/api/fleet.list', {}, as('dana'))).status).toBe(200);
  });

  it('names the wrong field and type', async () => {
    const response = await post('/api/rollout.get', { id: 42 }, as('dana'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { field: 'id', message: expect.stringMatching(/string/) },
    });
    const extra = await post('/api/fleet.list', { surprise: true }, as('dana'));
    expect(await extra.json()).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringMatching(/surprise/) },
    });
  });

  it('answers an unknown rollout with 404 and an invalid action with 409', async () => {
    expect((await post('/api/rollout.get', { id: 'nope' }, as('dana'))).status).toBe(404);
    const act = await post(
      '/api/rollout.act',
      { id: 'checkout-staging', action: 'abort', idempotencyKey: 'abort-completed' },
      as('dana'),
    );
    expect(act.status).toBe(409);
    expect(await act.json()).toMatchObject({ error: { message: expect.stringMatching(/complete/) } });
  });

  it('answers a reason holding a lone surrogate with 400 naming the field, not an audit failure', async () => {
    // JSON.stringify writes the lone surrogate as the escape \ud800, as any client could send it.
    const body = JSON.stringify({
      id: 'search-prod-us',
      action: 'pause',
      idempotencyKey: 'http-lone-surrogate',
      reason: 'oops \ud800',
    });
    expect(body).toContain('\\ud800');
    const act = await post('/api/rollout.act', body, as('dana'));
    expect(act.status).toBe(400);
    expect(await act.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'reason', message: expect.stringMatching(/lone surrogate/) },
    });
  });

  it('rejects roll-forward without a version, naming the field', async () => {
    const act = await post(
      '/api/rollout.act',
      { id: 'checkout-prod-eu', action: 'roll-forward', idempotencyKey: 'rf-no-version' },
      as('dana'),
    );
    expect(act.status).toBe(400);
    expect(await act.json()).toMatchObject({ error: { field: 'toVersion' } });
  });
});
