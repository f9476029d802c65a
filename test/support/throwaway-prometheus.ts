// A throwaway Prometheus server from Debian's `prometheus` package, for integration tests and
// benchmarks: a config scraping the given targets, a temp storage folder, a free loopback port.
// kill() ends it like a crash (SIGKILL, by pid) and restart() brings it back on the same port and
// storage; stop() ends it and deletes the folder. Never left behind when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freeLoopbackPort } from '../../src/main/free-loopback-port';

export interface ThrowawayPrometheusOptions {
  /** `host:port` of each target to scrape (its /metrics). */
  targets: string[];
  /** How often every target is scraped, as Prometheus writes it ("1s", "5s"). */
  scrapeInterval?: string;
}

export interface ThrowawayPrometheus {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  dir: string;
  /** The running server's pid (undefined while killed). */
  readonly pid: number | undefined;
  /** Resolves once `promql` (an instant query) gives at least `count` series, or rejects at the deadline. */
  waitFor(promql: string, options?: { count?: number; timeoutMs?: number }): Promise<void>;
  /** SIGKILL by pid, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and storage. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The last lines it logged, for a failing test's message. */
  log(): string;
}

/** The prometheus binary on PATH, or undefined when the package is missing. */
export function findPrometheus(): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, 'prometheus');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startThrowawayPrometheus(
  options: ThrowawayPrometheusOptions,
): Promise<ThrowawayPrometheus> {
  const bin = findPrometheus();
  if (!bin)
    throw new Error('Prometheus is not installed (no prometheus on PATH): apt-get install prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'throwaway-prometheus-'));
  const interval = options.scrapeInterval ?? '1s';
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  evaluation_interval: ${interval}`,
      'scrape_configs:',
      '  - job_name: targets',
      '    static_configs:',
      `      - targets: [${options.targets.map((t) => JSON.stringify(t)).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const launch = async () => {
    const started = spawn(
      bin,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=2h',
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = started;
    started.stderr?.on('data', (chunk: Buffer) => (log = (log + String(chunk)).slice(-6000)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`prometheus exited with ${started.exitCode}: ${log}`);
      try {
        if ((await fetch(`${url}/-/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`prometheus was not ready within 30 s:\n${log}`);
      }
      await sleep(100);
    }
  };

  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill(signal);
    await exited;
  };

  try {
    await launch();
  } catch (error) {
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url,
    port,
    dir,
    get pid() {
      return child?.pid;
    },
    async waitFor(promql, { count = 1, timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let last: string;
      for (;;) {
        try {
          const answer = (await (
            await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`)
          ).json()) as { data?: { result?: unknown[] } };
          last = JSON.stringify(answer).slice(0, 500);
          if ((answer.data?.result?.length ?? 0) >= count) return;
        } catch (error) {
          last = String(error);
        }
        if (Date.now() > deadline)
          throw new Error(`${promql} gave fewer than ${count} series within ${timeoutMs} ms: ${last}`);
        await sleep(200);
      }
    },
    kill: () => end('SIGKILL'),
    restart: launch,
    async stop() {
      process.removeListener('exit', killOnExit);
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => log,
  };
}
