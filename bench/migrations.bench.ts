// Migration gates: how long evaluating every phase's gates (and building the plan view around them)
// takes for the demo plan on the demo fleet, and one run of its active phase's checks on the
// simulated database.
import { performance } from 'node:perf_hooks';
import { makeTestMigrations } from '../test/support/test-migrations';
import { makeTestRoom } from '../test/support/test-room';
import type { BenchResult } from './bench-result';

const EVALUATIONS = 5_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function run(): Promise<BenchResult[]> {
  const t = makeTestRoom();
  try {
    const service = makeTestMigrations(t);
    const plan = service.get('orders-customer-id');
    const gates = plan.phases.reduce((n, p) => n + p.gates.length, 0);
    for (let i = 0; i < 200; i++) service.get('orders-customer-id'); // warm-up
    const times: number[] = [];
    for (let i = 0; i < EVALUATIONS; i++) {
      const t0 = performance.now();
      service.get('orders-customer-id');
      times.push(performance.now() - t0);
    }
    const t0 = performance.now();
    await service.check('orders-customer-id', 'P3', 'bench');
    const checkMs = performance.now() - t0;
    return [
      {
        name: 'migrations.gates.evaluate',
        description: `Evaluate all ${gates} gates of the demo plan's ${plan.phases.length} phases against the live fleet and build the plan view (median of ${EVALUATIONS})`,
        value: Math.round(median(times) * 1000),
        unit: 'µs',
      },
      {
        name: 'migrations.checks.simulated',
        description:
          'Run the demo plan’s P3 checks (4 SQL templates + 1 metric) on the simulated database, audited',
        value: Math.round(checkMs * 10) / 10,
        unit: 'ms',
      },
    ];
  } finally {
    t.cleanup();
  }
}
