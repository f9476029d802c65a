import { describe, expect, it } from 'vitest';
import type { HaproxyService } from '../../core/connections/haproxy-connection';
import type { LiveBackend, LiveServer } from './haproxy-state';
import { liveShare, planWeights } from './weight-plan';

function server(name: string, initialWeight: number): LiveServer {
  return {
    name,
    address: '127.0.0.1',
    port: '8080',
    weight: initialWeight,
    initialWeight,
    up: true,
    maint: false,
    drain: false,
    scur: 0,
    lbtot: 0,
    status: 'UP',
  };
}

// The sandbox's shape: three stable servers at weight 100, the new version's one parked at 0.
const live: LiveBackend = {
  name: 'checkout',
  algo: 'roundrobin',
  servers: new Map(
    [server('c1', 100), server('c2', 100), server('c3', 100), server('c4', 0)].map((s) => [s.name, s]),
  ),
};
const versions = new Map([
  ['c1', '1.0'],
  ['c2', '1.0'],
  ['c3', '1.0'],
  ['c4', '1.1'],
]);
const service = { service: 'checkout', environment: 'prod', backend: 'checkout' } as HaproxyService;

function shareAfter(plan: ReturnType<typeof planWeights>, version: string): number {
  const after: LiveBackend = { ...live, servers: new Map() };
  for (const [name, s] of live.servers)
    after.servers.set(name, { ...s, weight: plan.get(name)?.weight ?? s.weight });
  return liveShare(after, versions, version);
}

describe('planWeights', () => {
  const input = { service, live, versions, stableVersion: '1.0', targetVersion: '1.1', drainTarget: false };

  it('gives a canary its share over the servers that take traffic', () => {
    expect(shareAfter(planWeights({ ...input, share: 10 }), '1.1')).toBeCloseTo(10, 0);
    expect(shareAfter(planWeights({ ...input, share: 50 }), '1.1')).toBeCloseTo(50, 0);
  });

  it('sends all traffic to a fully promoted version whose servers were configured at weight 0', () => {
    const plan = planWeights({ ...input, share: 100 });
    expect(plan.get('c4')?.weight).toBeGreaterThan(0);
    expect(shareAfter(plan, '1.1')).toBe(100);
  });

  it('restores the configured weights when the stable version takes everything back', () => {
    const plan = planWeights({ ...input, share: 0, drainTarget: true });
    expect([...plan].map(([s, t]) => [s, t.weight, t.drain])).toEqual([
      ['c1', 100, false],
      ['c2', 100, false],
      ['c3', 100, false],
      ['c4', 0, true],
    ]);
  });
});
