// A lane's error-rate burn: the stable and the canary version's error rate over the range, about 90
// buckets whatever its length. Metrics that cannot be read (down, slow, refused) say so, never zero.
import type { BurnPoint, ChangeLane } from '../../../shared/api/changes-api';
import type { RolloutSummary } from '../../../shared/domain';
import { isoTime } from '../clock';
import type { MetricSample, MetricsBackend } from '../rollouts/metrics-backend';
import type { TimeRange } from './changes-service';

export const BURN_BUCKETS = 90;
const MIN_STEP_MS = 10_000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The samples' mean per bucket; null where a bucket has none (or none finite). */
function bucketed(samples: MetricSample[], from: number, stepMs: number, count: number): (number | null)[] {
  const sum = new Array<number>(count).fill(0);
  const n = new Array<number>(count).fill(0);
  for (const s of samples) {
    const i = Math.floor((s.time - from) / stepMs);
    if (i < 0 || i >= count || !Number.isFinite(s.value)) continue;
    sum[i] = (sum[i] ?? 0) + s.value;
    n[i] = (n[i] ?? 0) + 1;
  }
  return sum.map((v, i) => ((n[i] ?? 0) > 0 ? v / (n[i] ?? 1) : null));
}

export async function laneBurn(
  metrics: MetricsBackend,
  r: RolloutSummary,
  range: TimeRange,
  timeoutMs: number,
): Promise<ChangeLane['burn']> {
  const span = Math.max(1, range.to - range.from);
  const stepMs = Math.max(MIN_STEP_MS, Math.ceil(span / BURN_BUCKETS / MIN_STEP_MS) * MIN_STEP_MS);
  const count = Math.ceil(span / stepMs);
  const q = {
    service: r.service,
    environment: r.environment,
    ...(r.connection === undefined ? {} : { connection: r.connection }),
    metric: 'errorRate' as const,
    from: range.from,
    to: range.to,
    stepMs,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${metrics.name} did not answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
  });
  try {
    const [stable, canary] = await Promise.race([
      Promise.all([
        metrics.query({ ...q, version: r.stableVersion }),
        r.canaryVersion === r.stableVersion
          ? Promise.resolve<MetricSample[]>([])
          : metrics.query({ ...q, version: r.canaryVersion }),
      ]),
      timeout,
    ]);
    const s = bucketed(stable, range.from, stepMs, count);
    const c = bucketed(canary, range.from, stepMs, count);
    const points: BurnPoint[] = s.map((v, i) => ({
      time: isoTime(range.from + i * stepMs),
      stable: v,
      canary: c[i] ?? null,
    }));
    return { points };
  } catch (error) {
    return { unavailable: `The error rate cannot be read: ${errorText(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
