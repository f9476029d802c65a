// The judge in the demo fleet, end to end on simulated time: the regressing canary fails its
// analysis step and is rolled back automatically, with the audit record and the timeline marker;
// the healthy canary passes and moves on. Also the policies, background and on-demand runs.
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR_METHODS } from '../src/shared/api';
import type { ChangeEvent } from '../src/shared/domain';
import { fleetCanaryConfig } from '../src/main/backends/simulator/fleet-canary-config';
import { fleetFileSchema } from '../src/main/backends/simulator/fleet-file';
import { verifyAuditFile } from '../src/main/core/audit/verify-audit';
import {
  canaryConfigSchema,
  loadShippedCanaryConfig,
  withOverride,
  type CanaryConfig,
} from '../src/main/core/canary/canary-config';
import type { ManualClock } from '../src/main/core/clock';
import { parseYamlText } from '../src/main/core/config/parse-yaml-file';
import type { ControlRoom } from '../src/main/core/control-room';
import { makeTestRoom, START } from './support/test-room';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function demo() {
  const t = makeTestRoom();
  cleanups.push(t.cleanup);
  return t;
}

/** The demo fleet judged with another canary config. */
function demoWith(config: CanaryConfig) {
  const t = makeTestRoom(undefined, { canaryConfig: config });
  cleanups.push(t.cleanup);
  return t;
}

/** Runs the controller like `serve` does, one tick every 10 simulated seconds. */
async function runFor(t: { room: ControlRoom; clock: ManualClock }, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 10_000) {
    t.clock.advance(10_000);
    await t.room.tick();
  }
}

// checkout-prod-eu bakes 45 minutes (12 done), then its 5 minute analysis step runs.
const CHECKOUT_JUDGED_AFTER = (33 + 5) * 60_000 + 10_000;

describe('canary analysis in the demo fleet', () => {
  it('fails the regressing canary and rolls it back, with the audit record and the timeline marker', async () => {
    const t = demo();
    const events: ChangeEvent[] = [];
    t.room.onChange((e) => events.push(e));
    await runFor(t, CHECKOUT_JUDGED_AFTER);

    const r = t.room.rollout('checkout-prod-eu');
    expect(r.phase).toBe('degraded');
    expect(r.weight).toBe(0);
    expect(r.analyses.at(-1)).toMatchObject({ verdict: 'fail', score: 0 });
    expect(r.message).toMatch(/^Analysis failed, rolled back to 2\.3\.1: Fail: error rate \+\d+%/);
    const marker = r.timeline.find((e) => e.kind === 'analysis-finished');
    expect(marker).toMatchObject({ actor: 'judge', stepIndex: 2 });
    expect(marker?.message).toMatch(/^Analysis fail \(score 0\): Fail: error rate/);
    expect(r.timeline.at(-1)).toMatchObject({ kind: 'aborted', actor: 'judge' });
    expect(events).toContainEqual({
      type: 'rollout',
      id: 'simulator/checkout-prod-eu',
      revision: r.revision,
    });

    const [run] = t.room.canaryAnalyses('checkout-prod-eu');
    expect(run).toMatchObject({ index: 1, trigger: 'step', stepIndex: 2, decision: 'abort', actor: 'judge' });
    expect(run?.window).toEqual({
      from: new Date(START + 33 * 60_000).toISOString(),
      to: new Date(START + 38 * 60_000).toISOString(),
    });
    const metrics = run?.report.metrics ?? [];
    expect(metrics.map((m) => [m.name, m.classification])).toEqual([
      ['errorRate', 'high'],
      ['latencyP99', 'high'],
      ['latencyP50', 'high'],
      ['cpu', 'high'],
    ]);
    expect(metrics[0]).toMatchObject({
      failsCanary: true,
      baselineStats: { count: 30 },
      canaryStats: { count: 30 },
    });
    expect(metrics[0]?.reason).toMatch(
      /^error rate \+\d+% \(CI \+\d+%\.\.\+\d+%\), beyond the critical \+200%/,
    );

    const record = t.audit
      .records()
      .find((x) => x.kind === 'analysis.verdict' && x.target === 'simulator/checkout-prod-eu');
    expect(record).toMatchObject({
      seq: run?.auditSeq,
      actor: 'judge',
      reason: run?.report.reason,
      details: { trigger: 'step', verdict: 'fail', score: 0, decision: 'abort', canaryVersion: '2.4.0' },
    });
    const kinds = t.audit.records().map((x) => `${x.kind}:${x.target}`);
    expect(kinds.indexOf('analysis.verdict:simulator/checkout-prod-eu')).toBeLessThan(
      kinds.indexOf('rollout.aborted:simulator/checkout-prod-eu'),
    );
    expect(verifyAuditFile(t.auditPath).ok).toBe(true);
  });

  it('passes the healthy canary, which moves on by itself', async () => {
    const t = demo();
    await runFor(t, 5 * 60_000);
    const r = t.room.rollout('search-prod-us');
    expect(r.analyses.at(-1)).toMatchObject({ stepIndex: 3, verdict: 'pass', score: 100 });
    expect(r.currentStepIndex).toBeGreaterThan(3);
    expect(r.phase).toBe('progressing');
    const [run] = t.room.canaryAnalyses('search-prod-us');
    expect(run).toMatchObject({ trigger: 'step', decision: 'continue' });
    expect(run?.report.reason).toBe('Pass: score 100, all 4 metrics within bounds');
    expect(run?.report.metrics.every((m) => m.canaryStats.count === 12)).toBe(true);
  });

  it('judges every demo canary except the regressing one healthy, for the whole demo', async () => {
    const t = demo();
    await runFor(t, 60 * 60_000);
    for (const id of t.room.fleet().map((r) => r.id))
      for (const run of t.room.canaryAnalyses(id))
        expect([id, run.report.verdict]).toEqual([id, id === 'simulator/checkout-prod-eu' ? 'fail' : 'pass']);
    const healthy = t.room
      .fleet()
      .filter((r) => r.id !== 'simulator/checkout-prod-eu' && r.phase !== 'completed');
    expect(healthy.map((r) => [r.id, r.health])).toEqual(healthy.map((r) => [r.id, 'healthy']));
  });

  it('reads the fleet health column from the judge', async () => {
    const t = demo();
    await t.room.refreshHealth();
    const checkout = t.room.fleet().find((r) => r.id === 'simulator/checkout-prod-eu');
    expect(checkout?.health).toBe('critical');
    expect(checkout?.healthReason).toMatch(/^Fail: error rate \+\d+%/);
    expect(t.room.fleet().find((r) => r.id === 'simulator/search-prod-us')?.health).toBe('healthy');
  });
});

describe('analysis policy', () => {
  const shipped = loadShippedCanaryConfig();

  it('pauses instead of rolling back when the policy says onFail: pause', async () => {
    const t = demoWith(withOverride(shipped, { onFail: 'pause' }));
    await runFor(t, CHECKOUT_JUDGED_AFTER);
    const r = t.room.rollout('checkout-prod-eu');
    expect(r.phase).toBe('paused');
    expect(r.weight).toBe(10);
    expect(r.pauseConditions.map((c) => c.reason)).toContain('analysis-inconclusive');
    expect(t.room.canaryAnalyses('checkout-prod-eu')[0]).toMatchObject({ decision: 'pause' });
    expect(r.analyses.at(-1)?.reason).toMatch(/^Fail: /);
  });

  it('pauses a marginal canary for a person to judge', async () => {
    const config = canaryConfigSchema.parse({
      groups: { latency: 20, saturation: 80 },
      metrics: {
        latencyP50: { group: 'latency', direction: 'increase', allowedIncrease: 1.15 },
        cpu: { group: 'saturation', direction: 'increase', allowedIncrease: 1.5 },
      },
    });
    const t = demoWith(config);
    await runFor(t, CHECKOUT_JUDGED_AFTER);
    const r = t.room.rollout('checkout-prod-eu');
    expect(r.analyses.at(-1)).toMatchObject({ verdict: 'inconclusive', score: 80 });
    expect(r.phase).toBe('paused');
    const [run] = t.room.canaryAnalyses('checkout-prod-eu');
    expect(run).toMatchObject({ decision: 'pause', report: { verdict: 'marginal' } });
    expect(run?.report.reason).toMatch(/^Marginal: score 80 \(pass needs 95\); median latency \+\d+%/);
  });

  it('judges canaries in the background and rolls back a failing one between steps', async () => {
    const t = demoWith(withOverride(shipped, { background: { everyMinutes: 5 } }));
    // The first run comes a full interval after the canary is first seen taking traffic.
    await runFor(t, 6 * 60_000);
    const checkout = t.room.rollout('checkout-prod-eu');
    expect(checkout.phase).toBe('aborted');
    expect(checkout.timeline.at(-1)).toMatchObject({ kind: 'aborted', actor: 'judge' });
    expect(t.room.canaryAnalyses('checkout-prod-eu')[0]).toMatchObject({
      trigger: 'background',
      stepIndex: null,
      decision: 'abort',
    });
    const search = t.room.canaryAnalyses('search-prod-us').find((a) => a.trigger === 'background');
    expect(search).toMatchObject({ decision: 'none', report: { verdict: 'pass' } });
  });

  it('takes per-rollout overrides from the fleet file', () => {
    const fleet = parseYamlText(
      [
        'environments: [prod]',
        'strategies: { s: { kind: canary, steps: [{ analysis: 5m }] } }',
        'services: { api: { stable: 1.0.0, requestRate: 1, errorRate: 0.01, latencyP50: 10, cpu: 1 } }',
        'rollouts:',
        '  - { service: api, environment: prod, strategy: s, canary: 1.1.0, step: 0, analysis: { onFail: pause } }',
      ].join('\n'),
      'fleet.yaml',
      fleetFileSchema,
    );
    const configFor = fleetCanaryConfig(fleet, shipped);
    expect(configFor({ id: 'api-prod' }).onFail).toBe('pause');
    expect(configFor({ id: 'other-prod' })).toBe(shipped);
  });
});

describe('re-judging on demand', () => {
  it('judges a chosen window, audits it under the asker, and leaves the rollout alone', async () => {
    const t = demo();
    const before = t.room.rollout('checkout-prod-eu');
    const run = await t.room.judgeCanary({ id: 'checkout-prod-eu', windowSec: 600 }, 'dana');
    expect(run).toMatchObject({
      index: 1,
      trigger: 'manual',
      decision: 'none',
      actor: 'dana',
      stepIndex: null,
    });
    expect(run.window).toEqual({
      from: new Date(START - 600_000).toISOString(),
      to: new Date(START).toISOString(),
    });
    expect(run.report.verdict).toBe('fail');
    expect(run.report.metrics[0]?.canaryStats.count).toBe(60);
    expect(t.audit.records().find((x) => x.seq === run.auditSeq)).toMatchObject({
      actor: 'dana',
      kind: 'analysis.verdict',
      details: { trigger: 'manual', decision: 'none' },
    });
    expect(t.room.rollout('checkout-prod-eu').revision).toBe(before.revision);
    expect(t.room.canaryAnalyses('checkout-prod-eu')).toEqual([run]);
    expect(OPERATOR_METHODS.has('canary.judge')).toBe(true);
  });

  it('judges a window that ended earlier, and refuses one that ends in the future', async () => {
    const t = demo();
    const to = new Date(START - 5 * 60_000).toISOString();
    const run = await t.room.judgeCanary({ id: 'checkout-prod-eu', windowSec: 300, to }, 'dana');
    expect(run.window).toEqual({ from: new Date(START - 10 * 60_000).toISOString(), to });
    expect(run.report.metrics[0]?.canaryStats.count).toBe(30);
    const future = new Date(START + 60_000).toISOString();
    await expect(
      t.room.judgeCanary({ id: 'checkout-prod-eu', windowSec: 300, to: future }, 'dana'),
    ).rejects.toMatchObject({ code: 'invalid-input', field: 'to' });
  });

  it('refuses a rollout without a canary and names an unknown one', async () => {
    const t = demo();
    await expect(
      t.room.judgeCanary({ id: 'checkout-staging', windowSec: 600 }, 'dana'),
    ).rejects.toMatchObject({
      code: 'precondition-failed',
    });
    expect(() => t.room.canaryAnalyses('nope')).toThrow(/No rollout with id "nope"/);
  });
});
