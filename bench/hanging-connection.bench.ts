// Browser mode's fleet API beside connections that never answer: `fleet.list` over HTTP while an
// HAProxy socket and a Prometheus both hold every call open, against the same call on a workspace
// with the simulator alone, measured in the same run. The fleet must answer from its cache.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, stopServe, type ControlRoomServer } from '../e2e/fixtures';
import { startHangingListener } from '../test/support/hanging-listener';
import type { BenchResult } from './bench-result';

const CALLS = 60;
const LIMIT_MS = 100;

interface Timed {
  times: number[];
  /** Rows of the simulator connection and how many of them were marked stale. */
  simulatorRows: number;
  staleSimulatorRows: number;
}

async function timeFleetList(server: ControlRoomServer): Promise<Timed> {
  const base = new URL(server.url).origin;
  const times: number[] = [];
  let rows: { connection: string; stale?: unknown }[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/fleet.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json()) as { ok: boolean; value: typeof rows };
    times.push(performance.now() - started);
    if (!body.ok) throw new Error(`fleet.list failed: ${JSON.stringify(body)}`);
    rows = body.value;
    // Spread over a few seconds: the wedged reads are still waiting on their timeouts meanwhile.
    await new Promise((r) => setTimeout(r, 50));
  }
  const simulator = rows.filter((r) => r.connection === 'sim');
  return {
    times,
    simulatorRows: simulator.length,
    staleSimulatorRows: simulator.filter((r) => r.stale !== undefined).length,
  };
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;
const ms = (x: number) => Math.round(x * 10) / 10;

async function measure(config: string): Promise<Timed> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hanging-'));
  writeFileSync(join(dir, 'config.yaml'), config);
  const server = await startServe(dir);
  try {
    return await timeFleetList(server);
  } finally {
    await stopServe(server);
  }
}

export async function run(): Promise<BenchResult[]> {
  const socket = await startHangingListener();
  const http = await startHangingListener();
  try {
    const alone = await measure('connections:\n  - { name: sim, kind: simulator }\n');
    const hung = await measure(`connections:
  - { name: sim, kind: simulator }
  - name: wedged-lb
    kind: haproxy
    socket: tcp://127.0.0.1:${socket.port}
    services:
      - { service: api, environment: prod, backend: api, servers: { api-1: 1.0.0, api-2: 1.1.0 } }
  - { name: wedged-prom, kind: prometheus, url: 'http://127.0.0.1:${http.port}' }
`);
    if (hung.staleSimulatorRows > 0 || hung.simulatorRows === 0)
      throw new Error(
        `the simulator's rows were not live beside the hung connections (${hung.staleSimulatorRows} of ${hung.simulatorRows} stale)`,
      );
    const worst = Math.max(...hung.times);
    const ratio = quantile(hung.times, 0.5) / quantile(alone.times, 0.5);
    return [
      {
        name: 'connections.hanging.fleet-list.max',
        description: `Browser mode fleet.list over HTTP, slowest of ${CALLS} calls from start while an HAProxy socket and a Prometheus never answer (p50 ${ms(quantile(hung.times, 0.5))} ms, p95 ${ms(quantile(hung.times, 0.95))} ms); the simulator's ${hung.simulatorRows} rows stayed live`,
        value: ms(worst),
        unit: 'ms',
        target: `< ${LIMIT_MS} ms`,
        meetsTarget: worst < LIMIT_MS,
      },
      {
        name: 'connections.hanging.fleet-list.vs-healthy',
        description: `Median fleet.list with the two hung connections over the median with the simulator alone (${ms(quantile(alone.times, 0.5))} ms), same run`,
        value: Math.round(ratio * 100) / 100,
        unit: '×',
      },
    ];
  } finally {
    await socket.close();
    await http.close();
  }
}
