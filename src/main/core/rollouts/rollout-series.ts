// The baseline-vs-canary series the charts draw. When the metrics backend cannot answer, a series
// says why and keeps the last points it gave, with when they were read, so a chart shows stale data
// as stale with its age instead of an empty chart or a failed page.
import type { MetricName, MetricPoint, MetricSeries } from '../../../shared/domain';
import { readSide, unavailableReason } from '../canary/gather-judge-input';
import { isoTime, type Clock } from '../clock';
import type { RolloutSnapshot } from './deployment-backend';
import { METRIC_UNITS, type MetricSample, type MetricsBackend } from './metrics-backend';

const SAMPLE_STEP_MS = 10_000;
/** Last good series kept (rollouts x charts x windows on screen); the oldest go first. */
const KEPT = 2_000;

/** A point's value as JSON can carry it: NaN and ±Inf are gaps on a chart. */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function merge(baseline: MetricSample[], canary: MetricSample[]): MetricPoint[] {
  const byTime = new Map<number, { baseline: number | null; canary: number | null }>();
  for (const s of baseline) byTime.set(s.time, { baseline: finite(s.value), canary: null });
  for (const s of canary)
    byTime.set(s.time, { baseline: byTime.get(s.time)?.baseline ?? null, canary: finite(s.value) });
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([time, v]) => ({ time: isoTime(time), ...v }));
}

export class RolloutSeries {
  private readonly last = new Map<string, { points: MetricPoint[]; readAt: number }>();

  constructor(
    private readonly metrics: MetricsBackend,
    private readonly clock: Clock,
  ) {}

  async read(r: RolloutSnapshot, names: readonly MetricName[], windowSec: number): Promise<MetricSeries[]> {
    const to = this.clock.now();
    const from = to - windowSec * 1000;
    // About 180 points per chart whatever the window.
    const stepMs = Math.max(
      SAMPLE_STEP_MS,
      Math.ceil((windowSec * 1000) / 180 / SAMPLE_STEP_MS) * SAMPLE_STEP_MS,
    );
    return Promise.all(
      names.map(async (metric): Promise<MetricSeries> => {
        const q = {
          service: r.service,
          environment: r.environment,
          ...(r.connection === undefined ? {} : { connection: r.connection }),
          metric,
          from,
          to,
          stepMs,
        };
        const [baseline, canary] = await Promise.all([
          readSide(this.metrics, { ...q, version: r.stableVersion }),
          r.canaryVersion === r.stableVersion
            ? Promise.resolve({ samples: [], source: { samples: 0 } })
            : readSide(this.metrics, { ...q, version: r.canaryVersion }),
        ]);
        const unit = baseline.unit ?? METRIC_UNITS[metric];
        const points = merge(baseline.samples, canary.samples);
        const key = `${r.id}|${metric}|${windowSec}`;
        const error = unavailableReason(baseline.source, canary.source, {
          baseline: r.stableVersion,
          canary: r.canaryVersion,
        });
        if (error === undefined) {
          this.keep(key, points, to);
          return { metric, unit, points };
        }
        const kept = this.last.get(key);
        return kept
          ? { metric, unit, points: kept.points, error, readAt: isoTime(kept.readAt) }
          : { metric, unit, points, error };
      }),
    );
  }

  private keep(key: string, points: MetricPoint[], readAt: number): void {
    this.last.delete(key);
    this.last.set(key, { points, readAt });
    if (this.last.size > KEPT) this.last.delete(this.last.keys().next().value as string);
  }
}
