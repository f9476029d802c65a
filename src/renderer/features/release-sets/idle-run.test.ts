import { describe, expect, it } from 'vitest';
import type { RolloutSummary } from '../../../shared/domain';
import type { ReleaseSetSummary } from '../../../shared/release-sets';
import { idleRun } from './idle-run';

const summary: ReleaseSetSummary = {
  definition: {
    name: 'checkout-2-4',
    source: 'sets/checkout-2-4.yaml:1',
    members: [
      { kind: 'service', service: 'payments', version: '5.13.0' },
      { kind: 'migration', plan: 'orders', phase: 'P5' },
    ],
  },
  runs: [],
};
const row = (id: string, service: string, environment: string) =>
  ({ id, service, environment, health: 'healthy' }) as RolloutSummary;

describe('a set not started in an environment', () => {
  it("names each service member's rollout there, so not started never reads as no rollout", () => {
    const run = idleRun(summary, 'prod-eu', [
      row('sim/payments-prod-us', 'payments', 'prod-us'),
      row('sim/payments-prod-eu', 'payments', 'prod-eu'),
    ]);
    expect(run.state).toBe('idle');
    expect(run.verdict).toBe('not started in prod-eu');
    expect(run.members[0]).toMatchObject({ rollout: 'sim/payments-prod-eu', health: 'healthy' });
    expect(run.members[1]?.rollout).toBeUndefined();
  });

  it('leaves the rollout out where the fleet has none of that service', () => {
    expect(
      idleRun(summary, 'staging', [row('sim/payments-prod-eu', 'payments', 'prod-eu')]).members[0]?.rollout,
    ).toBeUndefined();
  });
});
