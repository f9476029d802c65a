// A real unleash-server 6.x on a throwaway PostgreSQL: how long it takes to start (its migrations
// run on the empty database; the CI budget is 20 min in all), and what the Unleash backend costs a
// person: listing 20 flags in 3 environments, and one preconditioned ramp (read, compare, write,
// read back). Without the unleash-server package this suite fails with that message.
import { performance } from 'node:perf_hooks';
import { UnleashFlags } from '../src/main/backends/unleash/unleash-flags';
import { startThrowawayUnleash } from '../test/support/throwaway-unleash';
import type { BenchResult } from './bench-result';

const FLAGS = 20;
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function run(): Promise<BenchResult[]> {
  const unleash = await startThrowawayUnleash();
  try {
    for (let i = 0; i < FLAGS; i += 1) {
      const key = `bench-flag-${i}`;
      await unleash.admin('POST', '/api/admin/projects/default/features', { name: key });
      await unleash.admin(
        'POST',
        `/api/admin/projects/default/features/${key}/environments/production/strategies`,
        {
          name: 'flexibleRollout',
          constraints: [],
          parameters: { rollout: '10', stickiness: 'default', groupId: key },
        },
      );
    }
    const token = unleash.adminToken;
    const flags = new UnleashFlags({ name: 'bench', url: unleash.url, token: async () => token });
    const lists: number[] = [];
    const ramps: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      let began = performance.now();
      const all = await flags.list();
      lists.push(performance.now() - began);
      const flag = all.find((f) => f.key === 'bench-flag-0' && f.environment === 'production');
      if (!flag) throw new Error('bench-flag-0 is not listed');
      began = performance.now();
      await flags.setRollout(flag.key, 'production', {
        expected: flag.version,
        actor: 'bench',
        percent: 11 + run,
      });
      ramps.push(performance.now() - began);
    }
    return [
      {
        name: 'unleash.start',
        description:
          'unleash-server 6.10.1 from spawn to healthy, on an empty database (migrations included)',
        value: Math.round(unleash.startMs),
        unit: 'ms',
        target: '< 20000 ms',
        meetsTarget: unleash.startMs < 20_000,
      },
      {
        name: 'unleash.list.20-flags',
        description: `median of ${RUNS}: list() of ${FLAGS} flags × 3 environments (3 Admin API reads a flag)`,
        value: Math.round(median(lists)),
        unit: 'ms',
      },
      {
        name: 'unleash.set-rollout',
        description: `median of ${RUNS}: one preconditioned ramp (read, compare, write, read back)`,
        value: Math.round(median(ramps)),
        unit: 'ms',
      },
    ];
  } finally {
    await unleash.stop();
  }
}
