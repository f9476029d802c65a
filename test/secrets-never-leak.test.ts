// No secret ever lands in config.yaml, a log, the audit log or any other file the control room
// writes. Browser mode as a person runs it (`control-room serve`, its output going to log files, a
// HOME of its own) and the CLI through it: a bearer token, a basic-auth password and a rotated token
// saved through the API, one token from an environment variable; tests that send them to a
// Prometheus behind a proxy that demands them, actions, a restart. Then every file under the
// workspace, the log folder and HOME is read: only the 0600 secrets file may hold the stored ones.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { apiCall, BUILT_CLI, stopServed, type Served } from './support/served-control-room';
import { tempDirs } from './support/temp-dirs';
import { startThrowawayPrometheus, type ThrowawayPrometheus } from './support/throwaway-prometheus';

const root = join(import.meta.dirname, '..');
const tempDir = tempDirs('secrets-leak-');
// Distinct, unguessable-looking values: any of them found in a file is a leak.
const BEARER = 'leak-check-bearer-5f0c2a9e71d4';
const ROTATED = 'leak-check-rotated-b83e6d1077aa';
const PASSWORD = 'leak-check-password-2c9f41e8d6';
const FROM_ENV = 'leak-check-env-token-91a7c3e0f2';
const STORED = [BEARER, ROTATED, PASSWORD];
const ALL = [...STORED, FROM_ENV];

let prom: ThrowawayPrometheus;
let proxy: Server;
let proxyUrl = '';
const accepted = new Set<string>([`Bearer ${BEARER}`, `Bearer ${ROTATED}`, `Bearer ${FROM_ENV}`]);
accepted.add(`Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`);
const seen: string[] = [];

beforeAll(async () => {
  ensureBuild(root);
  prom = await startThrowawayPrometheus({ targets: [] });
  // A Prometheus behind an authenticating proxy: a test passes only when the secret reached it.
  proxy = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    seen.push(auth);
    if (!accepted.has(auth)) return void res.writeHead(401).end('unauthorized');
    void fetch(`${prom.url}${req.url ?? '/'}`).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  proxy?.close();
  await prom?.stop();
});

/** `serve` with its stdout and stderr going to files in `logs`, and a HOME of its own. */
async function serveLogged(dir: string, logs: string, home: string, n: number): Promise<Served> {
  const outPath = join(logs, `serve-${n}.out.log`);
  const out = openSync(outPath, 'a');
  const err = openSync(join(logs, `serve-${n}.err.log`), 'a');
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--workspace', dir], {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), LAB_TOKEN: FROM_ENV },
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  for (const started = Date.now(); Date.now() - started < 30_000;) {
    const printed = readFileSync(outPath, 'utf8');
    const url = /operator:\s+(http:\/\/[^\s/]+)\/\S*token=([\w-]+)/g;
    const last = [...printed.matchAll(url)].at(-1);
    if (last?.[1] && last[2] && child.exitCode === null)
      return { child, base: last[1], token: last[2], err: () => '' };
    if (child.exitCode !== null)
      throw new Error(`serve exited: ${readFileSync(join(logs, `serve-${n}.err.log`), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('serve printed no URL within 30 s');
}

function cli(args: string[], logs: string, home: string, name: string): Promise<number | null> {
  const out = openSync(join(logs, `${name}.out.log`), 'w');
  const err = openSync(join(logs, `${name}.err.log`), 'w');
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    env: { ...process.env, HOME: home, LAB_TOKEN: FROM_ENV },
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  return new Promise((resolve) => child.on('exit', resolve));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

const ok = (answer: Awaited<ReturnType<typeof apiCall>>) => {
  expect(answer.body.error, JSON.stringify(answer.body)).toBeUndefined();
  return answer.body.value;
};

describe('secrets never leak', () => {
  it('keeps every secret out of config.yaml, the audit log, logs and every other file; only the 0600 secrets file holds the stored ones', async () => {
    const dir = tempDir();
    const logs = tempDir();
    const home = tempDir();
    writeFileSync(join(dir, 'config.yaml'), '# lab: secrets test\nactor: dana\n');
    let served = await serveLogged(dir, logs, home, 1);
    try {
      ok(
        await apiCall(served, 'connections.save', {
          connection: {
            name: 'prom',
            kind: 'prometheus',
            url: proxyUrl,
            bearerToken: { secret: 'prom.bearer-token' },
          },
          secrets: { bearerToken: BEARER },
        }),
      );
      ok(
        await apiCall(served, 'connections.save', {
          connection: {
            name: 'basic',
            kind: 'prometheus',
            url: proxyUrl,
            basicAuth: { user: 'ops', password: { secret: 'basic.password' } },
          },
          secrets: { 'basicAuth.password': PASSWORD },
        }),
      );
      ok(
        await apiCall(served, 'connections.save', {
          connection: {
            name: 'envprom',
            kind: 'prometheus',
            url: proxyUrl,
            bearerToken: { env: 'LAB_TOKEN' },
          },
        }),
      );
      // A refused save that carries a secret: the error must not quote it either.
      const refused = await apiCall(served, 'connections.save', {
        connection: { name: 'bad', kind: 'prometheus', url: 'ftp://x', bearerToken: { secret: 'bad.token' } },
        secrets: { bearerToken: BEARER },
      });
      expect(refused.body.ok).toBe(false);
      expect(JSON.stringify(refused.body)).not.toContain(BEARER);

      for (const name of ['prom', 'basic', 'envprom']) {
        const tested = ok(await apiCall(served, 'connections.test', { name }));
        expect(tested.reachable, `${name}: ${String(tested.error)}`).toBe(true);
      }
      ok(
        await apiCall(served, 'connections.setSecret', {
          name: 'prom',
          field: 'bearerToken',
          value: ROTATED,
        }),
      );
      expect(ok(await apiCall(served, 'connections.test', { name: 'prom' })).reachable).toBe(true);
      expect(seen).toEqual(
        expect.arrayContaining([`Bearer ${BEARER}`, `Bearer ${ROTATED}`, `Bearer ${FROM_ENV}`]),
      );

      // Some actions, so the audit log and the world's files hold more than the connection changes.
      const fleet = ok(await apiCall(served, 'fleet.list', {})) as unknown as Array<{
        id: string;
        phase: string;
      }>;
      const first = fleet.find((r) => r.phase === 'progressing');
      for (const action of ['pause', 'resume'])
        ok(
          await apiCall(served, 'rollout.act', {
            id: first?.id,
            action,
            idempotencyKey: `leak-${action}-0001`,
            reason: 'secrets test',
          }),
        );
      const listed = JSON.stringify(ok(await apiCall(served, 'connections.list', {})));
      for (const secret of ALL) expect(listed).not.toContain(secret);
      // The CLI through the running control room, its output into the log folder too.
      expect(await cli(['connections', 'list', '--json', '--workspace', dir], logs, home, 'cli-list')).toBe(
        0,
      );
      expect(await cli(['connections', 'test', '--workspace', dir], logs, home, 'cli-test')).toBe(0);
      expect(
        await cli(['audit', 'export', '--format', 'md', '--workspace', dir], logs, home, 'cli-audit'),
      ).toBe(0);
    } finally {
      await stopServed(served);
    }
    // A restart reads every secret back (the backends need them) and writes its own files again.
    served = await serveLogged(dir, logs, home, 2);
    try {
      expect(ok(await apiCall(served, 'connections.test', { name: 'basic' })).reachable).toBe(true);
      ok(await apiCall(served, 'connections.remove', { name: 'basic' }));
    } finally {
      await stopServed(served);
    }

    const secretsFile = join(dir, 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const stored = readFileSync(secretsFile, 'utf8');
    expect(stored).toContain(ROTATED);
    // The replaced token and the removed connection's password were deleted, not kept.
    expect(stored).not.toContain(BEARER);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(FROM_ENV);

    const config = readFileSync(join(dir, 'config.yaml'), 'utf8');
    expect(config).toContain('# lab: secrets test');
    expect(config).toContain('secret: prom.bearer-token');
    for (const secret of ALL) expect(config).not.toContain(secret);

    const written = [
      ...filesUnder(dir).filter((f) => f !== secretsFile),
      ...filesUnder(logs),
      ...filesUnder(home),
    ];
    // The run wrote the audit log, the world's files and the logs it was asked to keep.
    expect(written.map((f) => relative(dir, f))).toEqual(
      expect.arrayContaining(['config.yaml', 'audit.jsonl']),
    );
    expect(readFileSync(join(logs, 'cli-test.out.log'), 'utf8')).toContain('prom (prometheus): reachable');
    const leaks = written.flatMap((file) => {
      const text = readFileSync(file).toString('latin1');
      return ALL.filter((secret) => text.includes(secret)).map((secret) => `${file}: ${secret}`);
    });
    expect(leaks).toEqual([]);
  }, 120_000);
});
