import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock';
import { findResourcesDir } from '../../resources-dir';
import { createSimulator, loadFleetFile } from './simulator';

const START = Date.parse('2026-11-27T12:00:00Z');
const demoFleet = () => loadFleetFile(join(findResourcesDir(), 'demo-fleet.yaml'));

function world() {
  const clock = new ManualClock(START);
  const sim = createSimulator(demoFleet(), clock);
  const get = (id: string) => {
    const r = sim.deployments.get(id);
    if (!r) throw new Error(`missing ${id}`);
    return r;
  };
  return { clock, sim, get, tickBy: (ms: number) => (clock.advance(ms), sim.deployments.tick(clock.now())) };
}

describe('demo fleet', () => {
  it('has every service in every environment with the scenario rollouts mid-flight', () => {
    const { sim, get } = world();
    const list = sim.deployments.list();
    expect(new Set(list.map((r) => r.service)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(list.map((r) => r.environment))).toEqual(new Set(['staging', 'prod-us', 'prod-eu']));
    expect(new Set(list.map((r) => r.strategy))).toEqual(
      new Set(['canary', 'blueGreen', 'rolling', 'phased']),
    );
    expect(get('payments-prod-us').phase).toBe('paused');
    expect(get('catalog-prod-eu').phase).toBe('awaiting-promotion');
    expect(get('checkout-prod-eu').canaryVersion).toBe('2.4.0');
    expect(get('search-prod-us').phase).toBe('progressing');
  });

  it('gives the bad release clearly worse error rate and p99 latency than its baseline', () => {
    const { sim } = world();
    const q = {
      service: 'checkout',
      environment: 'prod-eu',
      from: START - 600_000,
      to: START,
      stepMs: 10_000,
    };
    const mean = (xs: { value: number }[]) => xs.reduce((a, s) => a + s.value, 0) / xs.length;
    const base = sim.metrics.querySync({ ...q, version: '2.3.1', metric: 'errorRate' });
    const canary = sim.metrics.querySync({ ...q, version: '2.4.0', metric: 'errorRate' });
    expect(canary.length).toBeGreaterThan(30);
    expect(mean(canary) / mean(base)).toBeGreaterThan(4);
    const baseP99 = sim.metrics.querySync({ ...q, version: '2.3.1', metric: 'latencyP99' });
    const canaryP99 = sim.metrics.querySync({ ...q, version: '2.4.0', metric: 'latencyP99' });
    expect(mean(canaryP99) / mean(baseP99)).toBeGreaterThan(1.5);
  });

  it('is deterministic: the same seed gives the same samples, another seed different ones', () => {
    const q = { service: 'search', environment: 'prod-us', version: '1.40.2', metric: 'latencyP50' as const };
    const window = { from: START - 300_000, to: START, stepMs: 10_000 };
    const a = createSimulator(demoFleet(), new ManualClock(START), { seed: 7 }).metrics.querySync({
      ...q,
      ...window,
    });
    const b = createSimulator(demoFleet(), new ManualClock(START), { seed: 7 }).metrics.querySync({
      ...q,
      ...window,
    });
    const c = createSimulator(demoFleet(), new ManualClock(START), { seed: 8 }).metrics.querySync({
      ...q,
      ...window,
    });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('has no canary samples before the canary started', () => {
    const { sim, get } = world();
    const started = Date.parse(get('search-prod-us').startedAt);
    const samples = sim.metrics.querySync({
      service: 'search',
      environment: 'prod-us',
      version: '1.41.0',
      metric: 'errorRate',
      from: started - 600_000,
      to: started + 60_000,
      stepMs: 10_000,
    });
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.time >= started)).toBe(true);
  });
});

describe('controller semantics', () => {
  it('ends a timed pause by itself and waits the settle time on setWeight', () => {
    const { get, tickBy } = world();
    const before = get('search-prod-us'); // at step 2 (pause 2m), 40 s in
    expect(before.currentStepIndex).toBe(1);
    tickBy(60_000);
    expect(get('search-prod-us').currentStepIndex).toBe(1);
    tickBy(25_000); // pause over: now at setWeight 40, settling
    expect(get('search-prod-us').currentStepIndex).toBe(2);
    expect(get('search-prod-us').weight).toBe(40);
    tickBy(31_000); // settled: analysis step starts and waits for a verdict
    expect(get('search-prod-us').currentStepIndex).toBe(3);
    expect(get('search-prod-us').analyses.at(-1)?.verdict).toBe('running');
    tickBy(600_000);
    expect(get('search-prod-us').currentStepIndex).toBe(3);
  });

  it('holds an untimed pause until promoted, and promote advances exactly one step', async () => {
    const { sim, get, tickBy } = world();
    tickBy(3_600_000);
    expect(get('payments-prod-us').currentStepIndex).toBe(3);
    await sim.deployments.apply('payments-prod-us', { kind: 'promote', actor: 'alice' });
    expect(get('payments-prod-us').currentStepIndex).toBe(4);
    expect(get('payments-prod-us').weight).toBe(50);
    expect(get('payments-prod-us').phase).toBe('progressing');
  });

  it('abort sends all traffic back to stable; retry starts over from step 1', async () => {
    const { sim, get } = world();
    const answer = await sim.deployments.apply('checkout-prod-eu', { kind: 'abort', actor: 'bob' });
    expect(answer.message).toBe('Traffic returned to 2.3.1 in prod-eu');
    expect(get('checkout-prod-eu')).toMatchObject({ phase: 'aborted', weight: 0, stableVersion: '2.3.1' });
    await sim.deployments.apply('checkout-prod-eu', { kind: 'retry', actor: 'bob' });
    expect(get('checkout-prod-eu')).toMatchObject({ phase: 'progressing', currentStepIndex: 0, weight: 10 });
  });

  it('manual pause freezes timed steps; resume lets them go on', async () => {
    const { sim, get, tickBy } = world();
    await sim.deployments.apply('search-prod-us', { kind: 'pause', actor: 'carol' });
    tickBy(3_600_000);
    expect(get('search-prod-us')).toMatchObject({ phase: 'paused', currentStepIndex: 1 });
    await sim.deployments.apply('search-prod-us', { kind: 'resume', actor: 'carol' });
    expect(get('search-prod-us').currentStepIndex).toBeGreaterThan(1);
  });

  it('blue-green promote switches all traffic, then completes on the new version', async () => {
    const { sim, get, tickBy } = world();
    await sim.deployments.apply('catalog-prod-eu', { kind: 'promote', actor: 'dan' });
    expect(get('catalog-prod-eu').weight).toBe(100);
    tickBy(31_000);
    expect(get('catalog-prod-eu')).toMatchObject({ phase: 'completed', stableVersion: '3.9.0' });
  });

  it('roll-forward starts a new rollout of the given version from step 1', async () => {
    const { sim, get } = world();
    await sim.deployments.apply('checkout-prod-eu', { kind: 'abort', actor: 'erin' });
    await sim.deployments.apply('checkout-prod-eu', {
      kind: 'roll-forward',
      actor: 'erin',
      toVersion: '2.4.1',
    });
    expect(get('checkout-prod-eu')).toMatchObject({
      phase: 'progressing',
      stableVersion: '2.3.1',
      canaryVersion: '2.4.1',
      currentStepIndex: 0,
    });
  });

  it('a failed analysis verdict rolls the canary back and marks the rollout degraded', async () => {
    const { sim, get, tickBy } = world();
    tickBy(3 * 60_000 + 40_000); // checkout-prod-eu reaches its analysis step after the 45m bake? not yet
    const search = get('search-prod-us');
    tickBy(120_000);
    expect(get('search-prod-us').currentStepIndex).toBeGreaterThanOrEqual(search.currentStepIndex);
    const r = get('search-prod-us');
    expect(r.steps[r.currentStepIndex]?.kind).toBe('analysis');
    await sim.deployments.apply('search-prod-us', {
      kind: 'analysis-result',
      actor: 'judge',
      stepIndex: r.currentStepIndex,
      verdict: 'fail',
      score: 0,
      reason: 'error rate +300%',
    });
    expect(get('search-prod-us')).toMatchObject({ phase: 'degraded', weight: 0 });
    expect(get('search-prod-us').message).toContain('error rate +300%');
  });
});
