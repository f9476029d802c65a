// The Settings screen's Test against real servers on loopback: a real Prometheus and a real HAProxy
// (Debian's, started here in a temp folder and stopped by pid), and a plain HTTP listener that plays
// a Prometheus behind an authenticating proxy.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrometheusConnection } from '../../core/connections/prometheus-connection';
import type { HaproxyConnection } from '../../core/connections/haproxy-connection';
import { SecretResolver } from '../../core/connections/secret-resolver';
import type { SecretStore } from '../../core/migrations/secret-store';
import { haproxyProbe } from './haproxy-probe';
import { prometheusProbe } from './prometheus-probe';

const TOKEN = 'probe-token-3f1e2d';
const dir = mkdtempSync(join(tmpdir(), 'probes-test-'));
const children: ChildProcess[] = [];
let listener: Server;
let listenerUrl = '';
const seen: IncomingHttpHeaders[] = [];

const memoryStore = (entries: Record<string, string>): SecretStore => ({
  name: 'the test store',
  get: async (key) => entries[key],
  set: async (key, value) => void (entries[key] = value),
  delete: async (key) => void delete entries[key],
});
const secrets = new SecretResolver(memoryStore({ 'lab.bearer-token': TOKEN }), { LAB_PASSWORD: 'pw' });
const signal = () => new AbortController().signal;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, ready: () => Promise<boolean>, ms = 20_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((r) => setTimeout(r, 100)))
    if (await ready().catch(() => false)) return;
  throw new Error(`${what} did not come up within ${ms} ms`);
}

const prometheus = (url: string, extra: Partial<PrometheusConnection> = {}): PrometheusConnection => ({
  name: 'lab',
  kind: 'prometheus',
  url,
  timeout: 2000,
  metrics: {},
  ...extra,
});

let prometheusUrl = '';
const haproxySocket = join(dir, 'admin.sock');
let operatorSocket = '';

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

  const promPort = await freePort();
  writeFileSync(join(dir, 'prometheus.yml'), 'global: { scrape_interval: 5s }\nscrape_configs: []\n');
  const prom = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
    ],
    { stdio: 'ignore' },
  );
  children.push(prom);
  prometheusUrl = `http://127.0.0.1:${promPort}`;

  const backendPort = await freePort();
  const operatorPort = await freePort();
  operatorSocket = `tcp://127.0.0.1:${operatorPort}`;
  writeFileSync(
    join(dir, 'haproxy.cfg'),
    [
      'global',
      `  stats socket ${haproxySocket} mode 600 level admin`,
      `  stats socket ipv4@127.0.0.1:${operatorPort} level operator`,
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 5s',
      '  timeout server 5s',
      'backend web',
      '  balance roundrobin',
      `  server web-1 127.0.0.1:${backendPort} weight 100`,
      `  server web-2 127.0.0.1:${backendPort} weight 100`,
      '',
    ].join('\n'),
  );
  children.push(spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: 'ignore' }));
  await until('Prometheus', async () => (await fetch(`${prometheusUrl}/-/ready`)).ok);
  await until('HAProxy', async () => (await haproxyProbe(haproxy(haproxySocket), signal())).length > 0);
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  listener?.close();
  rmSync(dir, { recursive: true, force: true });
});

function haproxy(
  socket: string,
  servers: Record<string, string> = { 'web-1': '1.0', 'web-2': '1.0' },
): HaproxyConnection {
  return {
    name: 'edge',
    kind: 'haproxy',
    socket,
    timeout: 2000,
    services: [{ service: 'checkout', environment: 'prod', backend: 'web', servers, strategy: 'canary' }],
  };
}

describe('testing a Prometheus connection', () => {
  it('reads the build info of a real Prometheus', async () => {
    expect(await prometheusProbe(secrets)(prometheus(prometheusUrl), signal())).toEqual([
      { name: 'API answers', ok: true, detail: 'Prometheus 2.42.0+ds' },
    ]);
  });

  it('sends the bearer token or basic auth from the secret store or the environment', async () => {
    const probe = prometheusProbe(secrets);
    expect(
      await probe(prometheus(listenerUrl, { bearerToken: { secret: 'lab.bearer-token' } }), signal()),
    ).toEqual([
      { name: 'API answers', ok: true, detail: 'Prometheus 2.42.0-proxy' },
      { name: 'Credentials', ok: true, detail: 'bearer token accepted' },
    ]);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    const basic = prometheus(listenerUrl, { basicAuth: { user: 'ops', password: { env: 'LAB_PASSWORD' } } });
    expect((await probe(basic, signal()))[1]).toEqual({
      name: 'Credentials',
      ok: true,
      detail: 'basic auth accepted',
    });
  });

  it('fails saying why: refused credentials, a missing secret, a redirect, nothing listening; never quoting the token', async () => {
    const probe = prometheusProbe(secrets);
    const failures = await Promise.all(
      [
        prometheus(listenerUrl, { bearerToken: { env: 'WRONG_TOKEN' } }),
        prometheus(listenerUrl, { bearerToken: { secret: 'nope' } }),
        prometheus(listenerUrl),
        prometheus(`${listenerUrl}/moved`, { bearerToken: { secret: 'lab.bearer-token' } }),
        prometheus(`http://127.0.0.1:${await freePort()}`),
      ].map((c) =>
        probe(c, signal()).then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
      ),
    );
    expect(failures).toEqual([
      'lab: bearerToken { env: WRONG_TOKEN }: the environment variable WRONG_TOKEN is not set',
      'lab: bearerToken { secret: nope }: no such secret in the test store; set it on the Settings screen',
      `${listenerUrl} refused a call without credentials (HTTP 401): check basicAuth`,
      `${listenerUrl}/moved/api/v1/status/buildinfo redirects (HTTP 302) to http://elsewhere.example/: give that URL instead`,
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/),
    ]);
    expect(failures.join('\n')).not.toContain(TOKEN);
  });
});

describe('testing an HAProxy connection', () => {
  it('checks a real HAProxy: the Runtime API answers at admin level and knows every configured server', async () => {
    expect(await haproxyProbe(haproxy(haproxySocket), signal())).toEqual([
      { name: 'Runtime API answers', ok: true, detail: expect.stringMatching(/^HAProxy 2\.\d+/) },
      { name: 'Admin level', ok: true, detail: 'admin: weights and server states can be set' },
      { name: 'Backend web', ok: true, detail: '2 servers (for checkout in prod)' },
    ]);
  });

  it('names what is wrong: a socket below admin level, a server or backend HAProxy does not know', async () => {
    const checks = await haproxyProbe(haproxy(operatorSocket, { 'web-1': '1.0', 'web-9': '2.0' }), signal());
    expect(checks.filter((c) => !c.ok)).toEqual([
      {
        name: 'Admin level',
        ok: false,
        detail: 'operator: the control room needs "level admin" on this stats socket to set weights',
      },
      {
        name: 'Backend web',
        ok: false,
        detail: 'HAProxy knows no server web-9 in web (it has web-1, web-2)',
      },
    ]);
    const missing = haproxy(haproxySocket);
    missing.services[0] = { ...missing.services[0]!, backend: 'api' };
    expect((await haproxyProbe(missing, signal())).at(-1)).toEqual({
      name: 'Backend api',
      ok: false,
      detail: 'HAProxy has no backend api (for checkout in prod)',
    });
  });

  it('fails naming the socket when nothing listens there', async () => {
    await expect(haproxyProbe(haproxy(join(dir, 'gone.sock')), signal())).rejects.toThrow(
      new RegExp(`^${join(dir, 'gone.sock')}: connect ENOENT`),
    );
  });
});
