import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTestRoom } from '../../../test/support/test-room';
import { canaryHandlers } from '../core/api/canary-handlers';
import { migrationHandlers } from '../core/api/migration-handlers';
import { makeTestMigrations } from '../../../test/support/test-migrations';
import { rolloutHandlers } from '../core/api/rollout-handlers';
import { startServer, type RunningServer } from './start-server';

let server: RunningServer;
let base: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  const staticDir = join(t.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Release Control Room</title>');
  server = await startServer({
    room: t.room,
    handlers: {
      ...rolloutHandlers(t.room),
      ...canaryHandlers(t.room),
      ...migrationHandlers(makeTestMigrations(t)),
    },
    actor: 'tester',
    staticDir,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
const auth = () => ({ authorization: `Bearer ${server.operatorToken}` });

/** A raw request, so the Host header can be anything (fetch does not let us set it). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('access control', () => {
  it('answers 401 on every route without the token, including the page, assets, API and WebSocket', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/index.html`)).status).toBe(401);
    expect((await fetch(`${base}/assets/anything.js`)).status).toBe(401);
    for (const method of ['session.get', 'fleet.list', 'rollout.act', 'audit.list', 'no.such.method'])
      expect((await post(`/api/${method}`, '{}')).status).toBe(401);
    expect(await wsStatus(`ws://127.0.0.1:${server.port}/api/events`)).toBe(401);
    expect((await post('/api/fleet.list', '{}', { authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('answers 403 to a foreign Host header even with the token (DNS rebinding)', async () => {
    expect(await rawGet(`/?token=${server.operatorToken}`, { host: 'attacker.example:80' })).toBe(403);
    expect(await rawGet(`/?token=${server.operatorToken}`, { host: `evil.test:${server.port}` })).toBe(403);
    expect(await rawGet(`/?token=${server.operatorToken}`, { host: `localhost:${server.port}` })).toBe(200);
    expect(
      await wsStatus(`ws://127.0.0.1:${server.port}/api/events?token=${server.operatorToken}`, {
        host: 'attacker.example',
      }),
    ).toBe(403);
  });

  it('answers 403 to a cross-site Origin', async () => {
    const response = await post('/api/fleet.list', '{}', { ...auth(), origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await post('/api/fleet.list', '{}', { ...auth(), origin: base })).status).toBe(200);
  });

  it('turns the URL token into an HttpOnly SameSite cookie so the page can load its assets', async () => {
    const first = await fetch(`${base}/?token=${server.operatorToken}`);
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const again = await fetch(`${base}/index.html`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('opens the event stream with the token and pushes changes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.operatorToken}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const message = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    await post(
      '/api/rollout.act',
      JSON.stringify({ id: 'search-prod-us', action: 'pause', idempotencyKey: 'ws-test-pause' }),
      auth(),
    );
    expect(JSON.parse(await message)).toMatchObject({ type: expect.stringMatching(/rollout|audit/) });
    ws.close();
  });

  it('lets observers watch but not act', async () => {
    const observer = { authorization: `Bearer ${server.observerToken}` };
    expect((await post('/api/fleet.list', '{}', observer)).status).toBe(200);
    const act = await post(
      '/api/rollout.act',
      JSON.stringify({ id: 'search-prod-us', action: 'resume', idempotencyKey: 'observer-try' }),
      observer,
    );
    expect(act.status).toBe(403);
    expect(await act.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and keeps serving', async () => {
    const response = await post('/api/rollout.get', '{"id":', auth());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await post('/api/fleet.list', '{}', auth())).status).toBe(200);
  });

  it('names the wrong field and type', async () => {
    const response = await post('/api/rollout.get', JSON.stringify({ id: 42 }), auth());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { field: 'id', message: expect.stringMatching(/string/) },
    });
    const extra = await post('/api/fleet.list', JSON.stringify({ surprise: true }), auth());
    expect(await extra.json()).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringMatching(/surprise/) },
    });
  });

  it('answers an unknown rollout with 404 and an invalid action with 409', async () => {
    expect((await post('/api/rollout.get', JSON.stringify({ id: 'nope' }), auth())).status).toBe(404);
    const act = await post(
      '/api/rollout.act',
      JSON.stringify({ id: 'checkout-staging', action: 'abort', idempotencyKey: 'abort-completed' }),
      auth(),
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
    const act = await post('/api/rollout.act', body, auth());
    expect(act.status).toBe(400);
    expect(await act.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'reason', message: expect.stringMatching(/lone surrogate/) },
    });
  });

  it('rejects roll-forward without a version, naming the field', async () => {
    const act = await post(
      '/api/rollout.act',
      JSON.stringify({ id: 'checkout-prod-eu', action: 'roll-forward', idempotencyKey: 'rf-no-version' }),
      auth(),
    );
    expect(act.status).toBe(400);
    expect(await act.json()).toMatchObject({ error: { field: 'toVersion' } });
  });
});
