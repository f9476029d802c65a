// A throwaway Alertmanager from Debian's `prometheus-alertmanager` package: a config with one null
// receiver, a temp storage folder, a free loopback port, clustering off. kill() ends it like a crash
// (SIGKILL, by pid); stop() ends it and deletes the folder. Never left behind when the test exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freeLoopbackPort } from '../../src/main/free-loopback-port';

export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

export interface ThrowawayAlertmanager {
  url: string;
  readonly pid: number | undefined;
  /** POST /api/v2/alerts, as Prometheus sends them. */
  post(alerts: PostedAlert[]): Promise<void>;
  /** GET /api/v2/silences. */
  silences(): Promise<
    {
      id: string;
      status: { state: string };
      createdBy: string;
      comment: string;
      endsAt: string;
      matchers: { name: string; value: string }[];
    }[]
  >;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function findAlertmanager(): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter))
    for (const name of ['prometheus-alertmanager', 'alertmanager']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startThrowawayAlertmanager(): Promise<ThrowawayAlertmanager> {
  const bin = findAlertmanager();
  if (!bin)
    throw new Error(
      'Alertmanager is not installed (no prometheus-alertmanager on PATH): apt-get install prometheus-alertmanager',
    );
  const dir = mkdtempSync(join(tmpdir(), 'throwaway-alertmanager-'));
  writeFileSync(join(dir, 'alertmanager.yml'), "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + String(chunk)).slice(-6000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited with ${child.exitCode}: ${log}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await end('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`alertmanager was not ready within 30 s:\n${log}`);
    }
    await sleep(100);
  }
  return {
    url,
    get pid() {
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    async post(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!response.ok)
        throw new Error(`alertmanager refused the alerts: ${response.status} ${await response.text()}`);
    },
    async silences() {
      return (await (await fetch(`${url}/api/v2/silences`)).json()) as never;
    },
    kill: () => end('SIGKILL'),
    async stop() {
      process.removeListener('exit', killOnExit);
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
