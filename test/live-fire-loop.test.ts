// Issue 8's loop, for real: a real HAProxy and a real Prometheus from `sandbox up`, the built
// control room serving the sandbox's workspace, and a fault that the judge must catch from
// Prometheus's data, aborting the canary by itself so HAProxy sends the new version nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanaryAnalysis } from '../src/shared/api/canary-api';
import type { AuditRecord, RolloutSummary } from '../src/shared/domain';
import { controlRoom, eventually, startLiveSandbox, type LiveSandbox } from './support/live-sandbox';
import { apiCall, serve, stopServed, type Served } from './support/served-control-room';

const parent = mkdtempSync(join(tmpdir(), 'live-fire-'));
const dir = join(parent, 'sb');
let sandbox: LiveSandbox;
let served: Served;

beforeAll(async () => {
  sandbox = startLiveSandbox(dir);
  served = await serve(dir);
}, 120_000);

afterAll(async () => {
  if (served) await stopServed(served);
  controlRoom(['sandbox', 'down', '--dir', dir]);
  rmSync(parent, { recursive: true, force: true });
});

/** checkout-4 is 1.1.0's only server. */
const canaryWeight = () => sandbox.serverWeight('checkout-4');

async function rollout(): Promise<RolloutSummary | undefined> {
  const fleet = await apiCall(served, 'fleet.list', {});
  return (fleet.body.value as unknown as RolloutSummary[]).find((r) => r.connection === 'sandbox-haproxy');
}

describe('the live-fire loop', () => {
  it('a canary failing on real errors aborts by itself, HAProxy sends it nothing, and the audit log tells it', async () => {
    const r = await eventually('the sandbox rollout in the fleet', rollout, 30_000);
    const started = await apiCall(served, 'rollout.act', {
      id: r.id,
      action: 'roll-forward',
      toVersion: '1.1.0',
      idempotencyKey: 'live-fire-forward',
      reason: 'live-fire test',
    });
    expect(started.body.ok, JSON.stringify(started.body.error)).toBe(true);
    await eventually('the canary at 10% on HAProxy', async () =>
      (await canaryWeight()) > 0 ? true : undefined,
    );

    const fault = controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--error-rate', '0.2']);
    expect(fault.code, fault.err).toBe(0);

    const aborted = await eventually(
      'the rollout aborted by its analysis',
      async () => {
        const now = await rollout();
        if (process.env.LIVE_FIRE_DEBUG) console.log(JSON.stringify(now));
        // The judge's abort is Argo's: degraded, traffic back on the stable version.
        return now?.phase === 'degraded' && now.weight === 0 ? now : undefined;
      },
      150_000,
    );
    expect(aborted.id).toBe(r.id);
    expect(aborted.message).toMatch(/^Analysis failed, rolled back to 1\.0\.0: Fail: error rate/);
    expect(await canaryWeight()).toBe(0);

    const audit = await apiCall(served, 'audit.list', {});
    const records = (audit.body.value as unknown as { records: AuditRecord[] }).records;
    const story = records.filter((x) => x.target === r.id).sort((a, b) => a.seq - b.seq);
    // Oldest first: the person's roll forward, the judge's failing verdict, then the abort it caused.
    const forward = story.findIndex(
      (x) => x.kind === 'action.succeeded' && x.details?.action === 'roll-forward',
    );
    const verdict = story.findIndex(
      (x) => x.kind === 'analysis.verdict' && x.details?.verdict === 'fail' && x.details?.trigger === 'step',
    );
    expect(
      forward,
      JSON.stringify(story.map((x) => [x.kind, x.actor, x.details?.action])),
    ).toBeGreaterThanOrEqual(0);
    expect(verdict).toBeGreaterThan(forward);
    expect(story[verdict]?.reason).toMatch(/error rate/);
    const stopped = story.slice(verdict).find((x) => x.kind === 'rollout.aborted');
    expect(stopped, 'the abort after the verdict').toBeDefined();
    expect(stopped?.actor).not.toBe(story[forward]?.actor);

    controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--clear']);
    // The users' error rate returns to the baseline once HAProxy stops sending traffic to 1.1.0.
    await eventually(
      'the load generator back at the baseline error rate',
      () => {
        const rate = sandbox.loadStatus().recent.errorRate;
        return rate !== null && rate < 0.02 ? rate : undefined;
      },
      30_000,
    );
  }, 240_000);

  it('without a fault the same version is promoted to 100% step by step, on HAProxy too', async () => {
    const r = await eventually('the sandbox rollout in the fleet', rollout, 30_000);
    expect(controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--clear']).code).toBe(0);
    // The aborted canary's last errors must leave the 30 s rate window before it is judged again.
    await eventually(
      '1.1.0 free of errors in Prometheus',
      async () => {
        const errors = await sandbox.query(
          'sum(increase(http_requests_total{service="checkout",version="1.1.0",code=~"5.."}[40s]))',
        );
        return (errors[0]?.value ?? 0) === 0 ? true : undefined;
      },
      90_000,
    );
    const retried = await apiCall(served, 'rollout.act', {
      id: r.id,
      action: 'retry',
      idempotencyKey: 'live-fire-retry',
      reason: 'live-fire test: fault cleared',
    });
    expect(retried.body.ok, JSON.stringify(retried.body.error)).toBe(true);

    const seen = new Set<number>();
    const done = await eventually(
      'the rollout promoted to 100%',
      async () => {
        seen.add(await canaryWeight());
        const now = await rollout();
        if (process.env.LIVE_FIRE_DEBUG) console.log(JSON.stringify(now));
        return now?.phase === 'completed' || now?.phase === 'degraded' || now?.phase === 'aborted'
          ? now
          : undefined;
      },
      180_000,
    );
    expect(done.phase, done.message).toBe('completed');
    expect(done.stableVersion).toBe('1.1.0');
    // checkout-4 is 1.1.0's only server: it carried traffic at every step before taking all of it.
    expect(await canaryWeight()).toBeGreaterThan(0);
    const detail = await apiCall(served, 'rollout.get', { id: r.id });
    const history = (detail.body.value as unknown as { weightHistory: { weight: number }[] }).weightHistory;
    const weights = history.map((h) => h.weight);
    expect(weights.slice(weights.lastIndexOf(0))).toEqual([0, 10, 50, 100]);
    expect(seen.size).toBeGreaterThan(1);

    const verdicts = await apiCall(served, 'canary.analyses', { id: r.id });
    // Both analysis steps judged the canary from Prometheus and passed it: newest first.
    const steps = (verdicts.body.value as unknown as CanaryAnalysis[])
      .filter((a) => a.trigger === 'step')
      .slice(0, 2);
    expect(steps.map((a) => [a.stepIndex, a.report.verdict])).toEqual([
      [5, 'pass'],
      [2, 'pass'],
    ]);
  }, 300_000);
});
