// A throwaway PostgreSQL server from Debian's postgresql package, for integration tests and
// benchmarks only: initdb into a temp dir, start on a free loopback port with its sockets in that
// dir, stop and delete it after. PostgreSQL refuses to run as root, so as root it runs as the
// package's `postgres` user (or `nobody`).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from '../../free-loopback-port';

export interface ThrowawayPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  /** A client connected to `database` as the superuser. */
  connect(database?: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder, or undefined when the package is missing. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** uid/gid to run the server as: ourselves, unless we are root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0)
      return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin)
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql',
    );
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'throwaway-pg-'));
  const password = `pw-${process.pid}-${Date.now()}`;
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(join(dir, 'pwfile'), user.uid, user.gid);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', HOME: dir };
  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--pwfile',
      join(dir, 'pwfile'),
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ],
    { ...as, env, encoding: 'utf8', cwd: dir },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);
  }

  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    { ...as, env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + String(chunk)).slice(-4000)));
  // Never leave a server behind, even when the test process dies early.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const connect = async (database = 'postgres'): Promise<pg.Client> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log}`);
    try {
      const probe = await connect();
      await probe.end();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`postgres did not accept connections within 30 s: ${String(error)}\n${log}`, {
          cause: error,
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    dir,
    connect,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // fast shutdown: ends sessions, no waiting for clients
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
