// The Settings screen's Test against real servers on loopback: a real Prometheus and a real HAProxy
// (Debian's, started by test/support in temp folders and stopped by pid), a plain HTTP listener that
// plays a Prometheus behind an authenticating proxy, and a listener that accepts and never answers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHangingListener, type HangingListener } from '../../../../test/support/hanging-listener';
import { startThrowawayHaproxy, type ThrowawayHaproxy } from '../../../../test/support/throwaway-haproxy';
import {
  startThrowawayPrometheus,
  type ThrowawayPrometheus,
} from '../../../../test/support/throwaway-prometheus';
import { ConnectionHealth } from '../../core/connections/connection-health';
import { haproxyConnectionSchema, type HaproxyConnection } from '../../core/connections/haproxy-connection';
import {
  prometheusConnectionSchema,
  type PrometheusConnection,
} from '../../core/connections/prometheus-connection';
import { secretResolver } from '../../core/connections/secret-resolver';
import type { SecretStore } from '../../core/migrations/secret-store';
import { freeLoopbackPort } from '../../free-loopback-port';
import { haproxyProbe } from './haproxy-probe';
import { prometheusProbe } from './prometheus-probe';

const TOKEN = 'probe-token-3f1e2d';
let listener: Server;
let listenerUrl = '';
const seen: IncomingHttpHeaders[] = [];
let prom: ThrowawayPrometheus;
let haproxy: ThrowawayHaproxy;
let staticHaproxy: ThrowawayHaproxy;
let hanging: HangingListener;

const memoryStore = (entries: Record<string, string>): SecretStore => ({
  name: 'the test store',
  get: async (key) => entries[key],
  set: async (key, value) => void (entries[key] = value),
  delete: async (key) => void delete entries[key],
});
const secrets = secretResolver({ LAB_PASSWORD: 'pw' }, memoryStore({ 'lab.bearer-token': TOKEN }));
const health = (kind: string) => new ConnectionHealth('lab', kind, ['metrics']);

const prometheus = (url: string, extra: Partial<PrometheusConnection> = {}): PrometheusConnection => ({
  name: 'lab',
  kind: 'prometheus',
  url,
  timeout: 2000,
  metrics: {},
  services: {},
  ...extra,
});

function edge(socket: string, servers: Record<string, string> = { 'web-1': '1.0', 'web-2': '1.1' }) {
  return haproxyConnectionSchema.parse({
    name: 'edge',
    kind: 'haproxy',
    socket,
    timeout: '1s',
    services: [{ service: 'checkout', environment: 'prod', backend: 'web', servers }],
  });
}

beforeAll(async () => {
  listener = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/moved/api/v1/status/buildinfo') {
      res.writeHead(302, { location: 'http://elsewhere.example/' }).end();
      return;
    }
    const ok =
      req.headers.authorization === `Bearer ${TOKEN}` ||
      req.headers.authorization === 'Basic ' + Buffer.from('ops:pw').toString('base64');
    if (!ok) return void res.writeHead(401).end('unauthorized');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'success', data: { version: '2.42.0-proxy' } }));
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  [prom, haproxy, staticHaproxy, hanging] = await Promise.all([
    startThrowawayPrometheus({ targets: [] }),
    startThrowawayHaproxy({ servers: ['web-1', 'web-2'], operatorSocket: true }),
    startThrowawayHaproxy({ servers: ['web-1', 'web-2'], balance: 'static-rr' }),
    startHangingListener(),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([prom?.stop(), haproxy?.stop(), staticHaproxy?.stop(), hanging?.close()]);
  listener?.close();
});

describe('testing a Prometheus connection', () => {
  it('reads the build info of a real Prometheus, recording the call on the health line', async () => {
    const line = health('prometheus');
    expect(await prometheusProbe(secrets)(prometheus(prom.url), line)).toEqual([
      { name: 'API answers', ok: true, detail: 'Prometheus 2.42.0+ds' },
    ]);
    expect(line.status()).toMatchObject({ reachable: true, lastSuccess: expect.any(String) });
  });

  it('runs every configured metric query as the judge will, naming a malformed one with its line:col', async () => {
    const c = prometheusConnectionSchema.parse({
      name: 'lab',
      kind: 'prometheus',
      url: prom.url,
      metrics: {
        errorRate: { query: 'sum(rate(up{job="{{service}}",version="{{version}}"}[{{window}}]))' },
        latencyP99: { query: 'sum(up{job="{{service}}"}) *' },
      },
      services: { checkout: { metrics: { cpu: { query: 'max(up{job="checkout"})' } } } },
    });
    const checks = await prometheusProbe(secrets)(c, health('prometheus'));
    expect(checks.slice(1)).toEqual([
      { name: 'Query errorRate', ok: true, detail: 'Prometheus runs it' },
      {
        name: 'Query latencyP99',
        ok: false,
        detail: expect.stringMatching(/^latencyP99: bad_data: 1:\d+: parse error/),
      },
      { name: 'Query cpu of checkout', ok: true, detail: 'Prometheus runs it' },
    ]);
  });

  it('sends the bearer token or basic auth from the secret store or the environment', async () => {
    const probe = prometheusProbe(secrets);
    expect(
      await probe(prometheus(listenerUrl, { bearerToken: { secret: 'lab.bearer-token' } }), health('p')),
    ).toEqual([
      { name: 'API answers', ok: true, detail: 'Prometheus 2.42.0-proxy' },
      { name: 'Credentials', ok: true, detail: 'bearer token accepted' },
    ]);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    const basic = prometheus(listenerUrl, { basicAuth: { user: 'ops', password: { env: 'LAB_PASSWORD' } } });
    expect((await probe(basic, health('p')))[1]).toEqual({
      name: 'Credentials',
      ok: true,
      detail: 'basic auth accepted',
    });
  });

  it('fails saying why: refused credentials, a missing secret, a redirect, nothing listening, no answer; never quoting the token', async () => {
    const probe = prometheusProbe(secrets);
    const closed = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const failures = await Promise.all(
      [
        prometheus(listenerUrl, { bearerToken: { env: 'WRONG_TOKEN' } }),
        prometheus(listenerUrl, { bearerToken: { secret: 'nope' } }),
        prometheus(listenerUrl),
        prometheus(`${listenerUrl}/moved`, { bearerToken: { secret: 'lab.bearer-token' } }),
        prometheus(closed),
        prometheus(`http://127.0.0.1:${hanging.port}`, { timeout: 300 }),
      ].map((c) =>
        probe(c, health('p')).then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
      ),
    );
    expect(failures).toEqual([
      'lab: bearerToken: the environment variable WRONG_TOKEN is not set',
      'lab: bearerToken { secret: nope }: no such secret in the test store; set it on the Settings screen',
      `Prometheus at ${listenerUrl} answered HTTP 401 Unauthorized: check the connection's bearerToken`,
      `Prometheus at ${listenerUrl}/moved answered with a redirect (HTTP 302 to http://elsewhere.example/): set url to where it points`,
      expect.stringMatching(new RegExp(`^cannot reach Prometheus at ${closed}: .*ECONNREFUSED`)),
      expect.stringMatching(/no answer within 300 ms/),
    ]);
    expect(failures.join('\n')).not.toContain(TOKEN);
  });
});

describe('testing an HAProxy connection', () => {
  it('checks a real HAProxy: the Runtime API answers at admin level and knows every configured server', async () => {
    const line = health('haproxy');
    expect(await haproxyProbe(edge(haproxy.socket), line)).toEqual([
      { name: 'Runtime API answers', ok: true, detail: expect.stringMatching(/^HAProxy 2\.\d+/) },
      { name: 'Admin level', ok: true, detail: 'admin: weights and server states can be set' },
      { name: 'Backend web', ok: true, detail: '2 servers, 2 up, 2 versions (for checkout in prod)' },
    ]);
    expect(line.status().reachable).toBe(true);
  });

  it('names what is wrong: a socket below admin level, a server or backend HAProxy does not know, a static balance', async () => {
    const checks = await haproxyProbe(
      edge(haproxy.operatorSocket as string, { 'web-1': '1.0', 'web-9': '2.0' }),
      health('haproxy'),
    );
    expect(checks.filter((c) => !c.ok)).toEqual([
      {
        name: 'Admin level',
        ok: false,
        detail: 'operator: the control room needs "level admin" on this stats socket to set weights',
      },
      {
        name: 'Backend web',
        ok: false,
        detail: 'service checkout: server "web-9" is not in HAProxy backend "web" (it has web-1, web-2)',
      },
    ]);
    const missing: HaproxyConnection = edge(haproxy.socket);
    missing.services[0] = { ...missing.services[0]!, backend: 'api' };
    expect((await haproxyProbe(missing, health('haproxy'))).at(-1)).toEqual({
      name: 'Backend api',
      ok: false,
      detail: 'HAProxy has no backend api (for checkout in prod; it has web)',
    });
    expect((await haproxyProbe(edge(staticHaproxy.socket), health('haproxy'))).at(-1)).toEqual({
      name: 'Backend web',
      ok: false,
      detail:
        'balances by static-rr, a static algorithm: HAProxy only takes weights of 0% or 100% there, so a canary cannot run (for checkout in prod)',
    });
  });

  it('fails naming the socket when nothing listens there, and gives up on one that never answers', async () => {
    const gone = join(haproxy.dir, 'gone.sock');
    await expect(haproxyProbe(edge(gone), health('haproxy'))).rejects.toThrow(
      `HAProxy socket ${gone}: connect ENOENT ${gone}`,
    );
    const line = health('haproxy');
    const started = Date.now();
    await expect(haproxyProbe(edge(`tcp://127.0.0.1:${hanging.port}`), line)).rejects.toThrow(/1000 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(line.status()).toMatchObject({
      reachable: false,
      lastError: { message: expect.stringMatching(/1000 ms/) },
    });
  });
});
