// Simulator and controller tick time with 500 rollouts in flight.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSimulator, loadFleetFile } from '../src/main/backends/simulator/simulator';
import { AuditLog } from '../src/main/core/audit/audit-log';
import { ManualClock } from '../src/main/core/clock';
import { ControlRoom } from '../src/main/core/control-room';
import type { BenchResult } from './bench-result';
import { writeLargeFleet } from './large-fleet';

const ROLLOUTS = 500;
const TICKS = 2_000;
const TARGET_MS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? Number.NaN;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'));
  try {
    const fleet = loadFleetFile(writeLargeFleet(dir, ROLLOUTS));
    const clock = new ManualClock(Date.parse('2026-11-27T12:00:00Z'));
    const sim = createSimulator(fleet, clock);
    const inFlight = sim.deployments.list().filter((r) => r.phase !== 'completed').length;
    // One simulated second per tick, as `serve` runs at 1x: steps settle, pauses end, analyses start.
    const tickTimes: number[] = [];
    for (let i = 0; i < TICKS; i++) {
      clock.advance(1000);
      const t0 = performance.now();
      sim.deployments.tick(clock.now());
      tickTimes.push(performance.now() - t0);
    }
    const simMedian = median(tickTimes);

    // The whole controller tick: simulator, health readings of every rollout in flight, due analyses.
    const audit = AuditLog.open(join(dir, 'audit.jsonl'), clock);
    const room = new ControlRoom({
      deployment: sim.deployments,
      metrics: sim.metrics,
      audit,
      clock,
      session: { actor: 'bench', role: 'operator', mode: 'cli', workspace: dir, speed: 1, simulated: true },
    });
    const roomTimes: number[] = [];
    // One tick first: the JIT compiles the judge on its first calls (a one-off of about 90 ms).
    clock.advance(1000);
    await room.tick();
    // The longest the event loop is held during ticks: what an API request may wait behind them.
    let longestBlock = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const at = performance.now();
      longestBlock = Math.max(longestBlock, at - last);
      last = at;
    }, 1);
    for (let i = 0; i < 50; i++) {
      clock.advance(1000);
      const t0 = performance.now();
      await room.tick();
      roomTimes.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    clearInterval(probe);
    return [
      {
        name: 'simulator.tick.500',
        description: `Simulator tick, ${sim.deployments.list().length} rollouts (${inFlight} in flight at start), median of ${TICKS} (p99 ${p99(tickTimes).toFixed(3)} ms)`,
        value: Number(simMedian.toFixed(3)),
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
        meetsTarget: simMedian < TARGET_MS,
      },
      {
        name: 'controller.tick.500',
        description:
          'Full controller tick: every 5 s the judge re-reads the health of every rollout in flight (4 metrics x 5 min, both versions); mean of 50 one-second ticks',
        value: Number((roomTimes.reduce((a, b) => a + b, 0) / roomTimes.length).toFixed(2)),
        unit: 'ms',
      },
      {
        name: 'controller.tick.500.longest-block',
        description:
          'Longest event-loop stall during those ticks after one warm-up tick: what an API request can wait behind them (judging runs in slices)',
        value: Number(longestBlock.toFixed(1)),
        unit: 'ms',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
