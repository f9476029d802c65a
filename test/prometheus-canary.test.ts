// A simulated fleet judged by a real Prometheus (Debian's package) scraping a real prom-client
// target, wired through config.yaml's `connections:` as a user would: the canary is judged from
// Prometheus's data, with each side's resolved query, sample count and graph link in the report.
// Then Prometheus is killed mid-rollout: the analysis reads nodata (an error, never a pass, so no
// step would promote), the charts keep their last points marked stale with their age, and the
// connection's health line says unreachable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { decide } from '../src/main/core/canary/analysis-decision';
import { dispatchApiCall } from '../src/main/core/api/dispatch-api-call';
import { startMetricsTarget, type MetricsTarget } from './support/metrics-target';
import { startThrowawayPrometheus, type ThrowawayPrometheus } from './support/throwaway-prometheus';

const SEL = 'service="{{service}}",environment="{{environment}}",version="{{version}}"';
const rate = (selector: string) => `sum(rate(http_requests_total{${selector}}[{{window}}]))`;
const quantile = (q: number) =>
  `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[{{window}}]))) * 1000`;
const ERROR_RATE = `${rate(`${SEL},code=~"5.."`)} / ${rate(SEL)}`;

const ID = 'simulator/checkout-prod-eu';
const who = { role: 'operator' as const, actor: 'tester' };

let target: MetricsTarget;
let prom: ThrowawayPrometheus;
let running: RunningControlRoom;
let dir: string;
const stops: (() => void)[] = [];

async function call<T>(method: string, input: unknown): Promise<T> {
  const answer = (await dispatchApiCall(running.handlers, method as never, input as never, who)) as {
    ok: boolean;
    value?: T;
    error?: unknown;
  };
  if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

beforeAll(async () => {
  target = await startMetricsTarget();
  prom = await startThrowawayPrometheus({ targets: [target.hostPort], scrapeInterval: '1s' });
  dir = mkdtempSync(join(tmpdir(), 'prometheus-canary-'));
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'connections:',
      '  - { name: simulator, kind: simulator, metrics: prom }',
      '  - name: prom',
      '    kind: prometheus',
      `    url: ${prom.url}`,
      '    timeout: 2s',
      '    metrics:',
      `      errorRate: { query: ${JSON.stringify(ERROR_RATE)}, unit: ratio, window: 5s }`,
      `      latencyP99: { query: ${JSON.stringify(quantile(0.99))}, unit: ms, window: 5s }`,
      `      latencyP50: { query: ${JSON.stringify(quantile(0.5))}, unit: ms, window: 5s }`,
      `      cpu: { query: ${JSON.stringify(`max(demo_value{${SEL}})`)}, unit: cores }`,
      '',
    ].join('\n'),
  );
  running = await createControlRoom({ workspaceDir: dir, mode: 'cli', actor: 'tester', speed: 1 });
  const r = running.room.rollout(ID);
  const side = (version: string) => ({ service: r.service, environment: r.environment, version });
  // The canary answers one request in five with an error, and four times slower.
  stops.push(
    target.traffic(side(r.stableVersion), { perSecond: 200, errorRatio: 0.01, latencyMs: 20 }),
    target.traffic(side(r.canaryVersion), { perSecond: 200, errorRatio: 0.2, latencyMs: 80 }),
  );
  target.gauge(side(r.stableVersion), 0.5);
  target.gauge(side(r.canaryVersion), 0.5);
  // A minute of scrapes: six 10 s samples per side in the judge's shortest window.
  await prom.waitFor(`count_over_time(demo_value{service="${r.service}"}[70s]) >= 62`, {
    count: 2,
    timeoutMs: 100_000,
  });
}, 130_000);

afterAll(async () => {
  stops.forEach((stop) => stop());
  running?.close();
  await prom?.stop();
  await target?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Judged {
  decision: string;
  report: {
    verdict: string;
    reason: string;
    metrics: {
      name: string;
      classification: string;
      canaryStats: { count: number };
      reason: string;
      sources?: Record<
        'baseline' | 'canary',
        { query?: string; link?: string; samples: number; error?: string }
      >;
    }[];
  };
}

interface Series {
  metric: string;
  points: { time: string; baseline: number | null; canary: number | null }[];
  error?: string;
  readAt?: string;
}

describe('a canary judged by a real Prometheus', () => {
  it('fails the regressing canary on Prometheus data, showing each side’s query, samples and link', async () => {
    const r = running.room.rollout(ID);
    const judged = await call<Judged>('canary.judge', { id: ID, windowSec: 60 });
    expect(judged.report.verdict).toBe('fail');
    const errorRate = judged.report.metrics.find((m) => m.name === 'errorRate');
    expect(errorRate?.classification).toBe('high');
    expect(errorRate?.canaryStats.count).toBeGreaterThanOrEqual(5);
    const canary = errorRate?.sources?.canary;
    expect(canary?.query).toContain(`version="${r.canaryVersion}"`);
    expect(canary?.query).toContain(`service="${r.service}",environment="${r.environment}"`);
    expect(canary?.query).toContain('[5s]');
    expect(errorRate?.sources?.baseline.query).toContain(`version="${r.stableVersion}"`);
    expect(canary?.samples).toBe(errorRate?.canaryStats.count);
    expect(new URL(canary?.link ?? '').searchParams.get('g0.expr')).toBe(canary?.query);
    const statuses = await call<{ name: string; reachable?: boolean }[]>('connections.status', {});
    expect(statuses.find((s) => s.name === 'prom')).toMatchObject({ reachable: true });
  });

  it('reads nodata, never pass, once Prometheus is killed mid-rollout; charts stale with their age', async () => {
    const live = await call<Series[]>('rollout.metrics', { id: ID, windowSec: 300 });
    expect(live.every((s) => s.error === undefined && s.points.length > 0)).toBe(true);
    const before = Date.now();
    await prom.kill();

    const judged = await call<Judged>('canary.judge', { id: ID, windowSec: 60 });
    expect(judged.report.verdict).not.toBe('pass');
    expect(decide('step', judged.report.verdict as 'fail', 'pause')).not.toBe('continue');
    for (const m of judged.report.metrics) {
      expect(m.classification).toBe('error');
      expect(m.canaryStats.count).toBe(0);
      expect(m.reason).toMatch(/could not be read: .*cannot reach Prometheus at .*ECONNREFUSED/);
      expect(m.sources?.canary.error).toMatch(/ECONNREFUSED/);
    }

    const stale = await call<Series[]>('rollout.metrics', { id: ID, windowSec: 300 });
    for (const [i, s] of stale.entries()) {
      expect(s.error).toMatch(/cannot reach Prometheus/);
      // The last points it gave, with when they were read: before the kill.
      expect(s.points).toEqual(live[i]?.points);
      expect(Date.parse(s.readAt ?? '')).toBeLessThanOrEqual(before);
    }
    const statuses = await call<{ name: string; reachable?: boolean; lastError?: { message: string } }[]>(
      'connections.status',
      {},
    );
    expect(statuses.find((s) => s.name === 'prom')).toMatchObject({
      reachable: false,
      lastError: { message: expect.stringMatching(/ECONNREFUSED/) },
    });
  });
});
