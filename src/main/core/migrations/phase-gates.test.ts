import { describe, expect, it } from 'vitest';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { compareVersions } from './compare-versions';
import { evaluateGate, previousPhaseGate } from './phase-gates';

function rollout(environment: string, stable: string, canary = stable, weight = 0): RolloutSnapshot {
  return {
    id: `checkout-${environment}`,
    service: 'checkout',
    environment,
    stableVersion: stable,
    canaryVersion: canary,
    weight,
  } as RolloutSnapshot;
}

describe('phase gates', () => {
  const fleet = [
    rollout('staging', '2.4.0'),
    rollout('prod-us', '2.4.0'),
    rollout('prod-eu', '2.3.1', '2.4.0', 10),
  ];

  it('names the environment, the release and what it uses when an old release still runs', () => {
    const gate = evaluateGate(
      { noReleaseBefore: { service: 'checkout', version: '2.4.0', uses: 'reads orders.customer_ref' } },
      fleet,
    );
    expect(gate.met).toBe(false);
    expect(gate.reason).toBe('prod-eu still runs checkout 2.3.1, which reads orders.customer_ref.');
  });

  it('says how far a release is when it must be at 100%', () => {
    const gate = evaluateGate({ releaseAt100: { service: 'checkout', version: '2.4.0' } }, fleet);
    expect(gate.met).toBe(false);
    expect(gate.reason).toBe('prod-eu: checkout 2.4.0 at 10% (2.3.1 serves 90%).');
    const done = evaluateGate(
      { releaseAt100: { service: 'checkout', version: '2.4.0', environments: ['staging'] } },
      fleet,
    );
    expect(done.met).toBe(true);
  });

  it('counts a later release as good enough and an environment without the service as blocked', () => {
    const later = [rollout('prod-eu', '2.5.0')];
    expect(evaluateGate({ releaseAt100: { service: 'checkout', version: '2.4.0' } }, later).met).toBe(true);
    const missing = evaluateGate(
      { releaseAt100: { service: 'checkout', version: '2.4.0', environments: ['prod-ap'] } },
      later,
    );
    expect(missing.reason).toContain('prod-ap: checkout does not run there');
  });

  it('blocks on the previous phase until every item passed or was waived, naming the failing one', () => {
    const items = [
      {
        id: 'a',
        kind: 'sql' as const,
        title: 'No rows left to backfill',
        state: 'failed' as const,
        result: { state: 'failed' as const, value: '12 rows left', at: '', ms: 1, by: 'x' },
      },
      { id: 'b', kind: 'manual' as const, title: 'Job started', state: 'waived' as const },
    ];
    const blocked = previousPhaseGate({ id: 'P3', title: 'backfill', state: 'active', items });
    expect(blocked.met).toBe(false);
    expect(blocked.reason).toBe(
      'P3 backfill is not finished: “No rows left to backfill” failed (12 rows left).',
    );
    const ok = previousPhaseGate({ id: 'P3', title: 'backfill', state: 'active', items: [{ ...items[1]! }] });
    expect(ok.met).toBe(true);
  });

  it('orders versions as people read them', () => {
    expect(compareVersions('2.10.0', '2.9.4')).toBeGreaterThan(0);
    expect(compareVersions('2.4.0-rc.1', '2.4.0')).toBeLessThan(0);
    expect(compareVersions('2.4', '2.4.0')).toBe(0);
  });
});
