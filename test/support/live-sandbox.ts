// A live-fire sandbox for a test file, started and stopped with the built CLI exactly as a person
// would (`control-room sandbox up --json`, `sandbox down`), and ways to look at it: Prometheus
// queries, the load generator's status, HAProxy's Runtime API, the config.yaml it wrote.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricName } from '../../src/shared/domain';
import { loadConfig, workspacePaths } from '../../src/main/core/workspace';
import { readLoadStatus, type LoadStatus } from '../../src/main/sandbox/load-status';
import { parseLiveState } from '../../src/main/backends/haproxy/haproxy-state';
import { runtimeApiCommand } from '../../src/main/sandbox/runtime-api-command';
import { SANDBOX_BACKEND } from '../../src/main/sandbox/sandbox-topology';
import type { sandboxSummary } from '../../src/main/sandbox/sandbox-state';
import { ensureBuild } from './ensure-build';
import { BUILT_CLI } from './served-control-room';

const root = join(import.meta.dirname, '..', '..');

export type SandboxSummary = ReturnType<typeof sandboxSummary>;

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** The built CLI, as installed; `env` replaces the environment (PATH included) when given. */
export function controlRoom(args: string[], env?: NodeJS.ProcessEnv): CliRun {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: env ?? { ...process.env, CONTROL_ROOM_TOKEN: '' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export async function prometheusQuery(url: string, query: string): Promise<Sample[]> {
  const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query })}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`Prometheus refused ${query}: ${body.error}`);
  return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** Polls `probe` until it returns a value (not undefined), or fails naming what it waited for. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  withinMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `waited ${withinMs / 1000} s for ${what}${last ? `; last error: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Gone, or a zombie: dead either way, only not yet reaped by whoever adopted it. */
export function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

export interface LiveSandbox {
  dir: string;
  summary: SandboxSummary;
  /** A metric's PromQL template from the config.yaml the sandbox wrote, filled in for one version. */
  templateQuery(metric: MetricName, version: string): string;
  query(promql: string): Promise<Sample[]>;
  loadStatus(): LoadStatus;
  runtimeApi(command: string): Promise<string>;
  /** A server's runtime weight in the sandbox's HAProxy backend, read as the control room reads it. */
  serverWeight(server: string): Promise<number>;
  stop(): CliRun;
}

export function startLiveSandbox(dir: string): LiveSandbox {
  ensureBuild(root);
  const up = controlRoom(['sandbox', 'up', '--dir', dir, '--json']);
  if (up.code !== 0) throw new Error(`sandbox up failed (${up.code}):\n${up.err}`);
  const summary = JSON.parse(up.out) as SandboxSummary;
  // Read as the control room reads it: checked against the config schema.
  const config = loadConfig(workspacePaths(dir));
  const prometheus = config.connections?.find((c) => c.kind === 'prometheus');
  return {
    dir,
    summary,
    templateQuery: (metric, version) => {
      const template = prometheus?.kind === 'prometheus' ? prometheus.metrics[metric]?.query : undefined;
      if (!template) throw new Error(`config.yaml has no Prometheus query for ${metric}`);
      return template
        .replaceAll('{{service}}', 'checkout')
        .replaceAll('{{environment}}', 'sandbox')
        .replaceAll('{{version}}', version);
    },
    query: (promql) => prometheusQuery(summary.prometheus.url, promql),
    loadStatus: () => readLoadStatus(summary.loadGenerator.status),
    runtimeApi: (command) => runtimeApiCommand(summary.haproxy.socket, command),
    serverWeight: async (server) => {
      const socket = summary.haproxy.socket;
      const live = parseLiveState(
        await runtimeApiCommand(socket, 'show servers state'),
        await runtimeApiCommand(socket, 'show stat'),
      );
      const weight = live.get(SANDBOX_BACKEND)?.servers.get(server)?.weight;
      if (weight === undefined) throw new Error(`HAProxy backend ${SANDBOX_BACKEND} does not list ${server}`);
      return weight;
    },
    stop: () => controlRoom(['sandbox', 'down', '--dir', dir]),
  };
}
