// A throwaway unleash-server (the npm package, 6.x) for integration tests: a fresh database in a
// throwaway PostgreSQL on loopback, the server in a child process on a free loopback port with an
// admin API token made at start (INIT_ADMIN_API_TOKENS), stopped by pid and deleted after.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  findPostgresBin,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../src/main/backends/postgres/throwaway-postgres';
import { freeLoopbackPort } from '../../src/main/free-loopback-port';

export interface ThrowawayUnleash {
  /** http://127.0.0.1:PORT */
  url: string;
  /** An admin API token (`*:*.…`): the Admin API accepts it as the Authorization header. */
  adminToken: string;
  readonly pid: number | undefined;
  /** How long the server took from spawn to a healthy answer, ms (migrations run on first start). */
  startMs: number;
  /** One Admin API call as a person in the Unleash UI would make it; throws naming path and status. */
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  /** SIGKILL by pid, as a crash would (the database stays); resolves once the process is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

/**
 * The server's entry point, or why it cannot run here: the package is a devDependency that the
 * integrator installs, and it needs Node >=18 <21 and Debian's postgresql.
 */
export function findUnleash(): { entry: string } | { missing: string } {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 18 || major >= 21)
    return { missing: `unleash-server 6.x runs on Node >=18 <21, this is ${process.version}` };
  if (!findPostgresBin()) return { missing: 'PostgreSQL is not installed: apt-get install postgresql' };
  const require = createRequire(import.meta.url);
  const candidates = [process.env.UNLEASH_SERVER_PACKAGE, undefined];
  for (const from of candidates) {
    try {
      const manifest = require.resolve('unleash-server/package.json', from ? { paths: [from] } : {});
      return { entry: join(dirname(manifest), 'dist', 'server.js') };
    } catch {
      // not installed there
    }
  }
  return {
    missing:
      'unleash-server is not installed (npm ci installs the devDependency; or set UNLEASH_SERVER_PACKAGE to a folder holding node_modules/unleash-server)',
  };
}

/**
 * Why the Unleash suites skip here ('' when they run). CI sets REQUIRE_UNLEASH=1: there a missing
 * server is a failure, never a quiet skip, since the integration tests are a Done-when of issue 12.
 */
export function unleashSkipReason(): string {
  const found = findUnleash();
  if (!('missing' in found)) return '';
  if (process.env['REQUIRE_UNLEASH'] === '1')
    throw new Error(`REQUIRE_UNLEASH=1 but the Unleash tests cannot run: ${found.missing}`);
  return ` (skipped: ${found.missing})`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startThrowawayUnleash({ timeoutMs = 60_000 } = {}): Promise<ThrowawayUnleash> {
  const found = findUnleash();
  if ('missing' in found) throw new Error(found.missing);
  const postgres: ThrowawayPostgres = await startThrowawayPostgres();
  let child: ChildProcess | undefined;
  let log = '';
  const killOnExit = () => child?.kill('SIGKILL');
  try {
    const root = await postgres.connect();
    await root.query('CREATE DATABASE unleash');
    await root.end();
    const port = await freeLoopbackPort();
    const url = `http://127.0.0.1:${port}`;
    const adminToken = `*:*.throwaway-${process.pid}-${Date.now()}`;
    const began = Date.now();
    child = spawn(process.execPath, [found.entry], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        DATABASE_HOST: postgres.host,
        DATABASE_PORT: String(postgres.port),
        DATABASE_USERNAME: postgres.user,
        DATABASE_PASSWORD: postgres.password,
        DATABASE_NAME: 'unleash',
        DATABASE_SSL: 'false',
        INIT_ADMIN_API_TOKENS: adminToken,
        // A test server phones no one: no version check, no telemetry.
        CHECK_VERSION: 'false',
        SEND_TELEMETRY: 'false',
        SCARF_ANALYTICS: 'false',
        DO_NOT_TRACK: '1',
        LOG_LEVEL: 'warn',
      },
    });
    process.once('exit', killOnExit);
    const keep = (chunk: Buffer) => (log = (log + String(chunk)).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const started = child;
    const deadline = began + timeoutMs;
    for (;;) {
      if (started.exitCode !== null)
        throw new Error(`unleash-server exited with ${started.exitCode}:\n${log}`);
      try {
        const answer = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
        if (answer.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`unleash-server was not ready within ${timeoutMs} ms:\n${log}`);
      await sleep(200);
    }
    const startMs = Date.now() - began;

    const end = async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGKILL');
      await exited;
    };
    return {
      url,
      adminToken,
      startMs,
      get pid() {
        return child?.pid;
      },
      async admin(method, path, body) {
        const answer = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: adminToken,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await answer.text();
        if (!answer.ok) throw new Error(`${method} ${path}: HTTP ${answer.status}: ${text.slice(0, 400)}`);
        return text === '' ? undefined : (JSON.parse(text) as unknown);
      },
      kill: end,
      async stop() {
        await end();
        process.removeListener('exit', killOnExit);
        await postgres.stop();
      },
      log: () => log,
    };
  } catch (error) {
    child?.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    await postgres.stop();
    throw error;
  }
}
