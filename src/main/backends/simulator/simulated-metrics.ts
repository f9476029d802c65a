// Per-version metrics with a diurnal traffic shape and deterministic noise. A version serves traffic
// only while a rollout runs it, so samples outside that span are absent, as in a real TSDB.
import type { MetricName } from '../../../shared/domain';
import type { MetricQuery, MetricSample, MetricsBackend } from '../../core/rollouts/metrics-backend';
import type { ServiceProfile } from './fleet-file';
import { gaussian, hashString } from './seeded-noise';
import type { FlagCohort } from './simulated-flags';
import { withRequirements } from './version-requirements';

/** Resolution of the underlying series; queries with a coarser step average the buckets. */
export const BUCKET_MS = 10_000;
const DAY_MS = 86_400_000;

/** Traffic relative to the daily mean: low at night, peak mid-afternoon (UTC). */
export function diurnalFactor(time: number): number {
  const dayFraction = (time % DAY_MS) / DAY_MS;
  return 1 + 0.35 * Math.sin(2 * Math.PI * (dayFraction - 0.375));
}

export interface VersionSpan {
  from: number;
  to: number;
}

/** Tells when a version of a service served traffic in an environment. */
export type ServingLookup = (service: string, environment: string, version: string) => VersionSpan[];

/** A drill's faults: a factor on a metric at a time, and times of which no samples were kept. */
export interface MetricFaults {
  factor(service: string, environment: string, version: string, metric: MetricName, at: number): number;
  metricsDown(at: number): boolean;
}

/**
 * What feature flags do to the metrics where they are on (simulated-flags.ts): a factor and, for
 * latency, milliseconds added, applied after a drill's faults the same way. With a cohort, the named
 * flag counts for all of the series' users (on) or none (off).
 */
export interface FlagEffects {
  factor(service: string, environment: string, metric: MetricName, at: number, cohort?: FlagCohort): number;
  offset(service: string, environment: string, metric: MetricName, at: number, cohort?: FlagCohort): number;
  /** The share (0 to 1) of users the flag is on for in the environment at `at`. */
  share(flag: string, environment: string, at: number): number;
}

/** The share of a service's traffic in an environment on `version` or newer at a time (0 to 1). */
export type ShareLookup = (service: string, environment: string, version: string, at: number) => number;

/** A version listed without behaviour of its own behaves like the stable one. */
const AS_STABLE = { errorRateFactor: 1, latencyFactor: 1, cpuFactor: 1 };

function serves(spans: readonly VersionSpan[], t: number): boolean {
  for (const s of spans) if (t >= s.from && t < s.to) return true;
  return false;
}

// The per-bucket arithmetic is kept in exactly this order: the same seed gives the same samples.
function latency(
  profile: ServiceProfile,
  behaviour: typeof AS_STABLE,
  load: number,
  noise: number,
  spread: number,
  relNoise: number,
): number {
  return (
    profile.latencyP50 * spread * (1 + 0.25 * (load - 1)) * behaviour.latencyFactor * (1 + relNoise * noise)
  );
}

/** One metric of one version in one 10 s bucket, before any fault. */
function healthyValue(
  profile: ServiceProfile,
  behaviour: typeof AS_STABLE,
  metric: MetricName,
  series: number,
  bucket: number,
): number {
  const noise = gaussian(series, bucket);
  const load = diurnalFactor(bucket * BUCKET_MS);
  switch (metric) {
    case 'requestRate':
      return profile.requestRate * load * (1 + 0.04 * noise);
    case 'errorRate':
      return Math.min(
        1,
        Math.max(
          0,
          profile.errorRate * (1 + 0.6 * (load - 1)) * behaviour.errorRateFactor * (1 + 0.2 * noise),
        ),
      );
    case 'latencyP50':
      return latency(profile, behaviour, load, noise, 1, 0.04);
    case 'latencyP90':
      return latency(profile, behaviour, load, noise, 1.9, 0.07);
    case 'latencyP99':
      return latency(profile, behaviour, load, noise, 3.4, 0.1);
    case 'cpu':
      return Math.max(0, profile.cpu * load * behaviour.cpuFactor * (1 + 0.06 * noise));
  }
}

export class SimulatedMetrics implements MetricsBackend {
  readonly name = 'simulator';

  constructor(
    private readonly seed: number,
    private readonly profiles: Record<string, ServiceProfile>,
    private readonly serving: ServingLookup,
    private readonly faults?: MetricFaults,
    /** For versions that require another service's version (coupled releases). */
    private readonly shareAtLeast?: ShareLookup,
    private readonly flags?: FlagEffects,
  ) {}

  /** The value of one metric in one 10 s bucket. */
  valueAt(service: string, environment: string, version: string, metric: MetricName, bucket: number): number {
    return this.bucketValue(
      service,
      environment,
      version,
      metric,
      this.seriesOf(service, environment, version, metric),
      bucket,
    );
  }

  /** The noise series of one metric of one version: hashed once per query, not once per bucket. */
  private seriesOf(service: string, environment: string, version: string, metric: MetricName): number {
    return hashString(`${this.seed}|${service}|${environment}|${version}|${metric}`);
  }

  private bucketValue(
    service: string,
    environment: string,
    version: string,
    metric: MetricName,
    series: number,
    bucket: number,
    cohort?: FlagCohort,
  ): number {
    const profile = this.profiles[service];
    if (!profile) return Number.NaN;
    let value = healthyValue(profile, profile.versions[version] ?? AS_STABLE, metric, series, bucket);
    const requires = profile.versions[version]?.requires;
    const lookup = this.shareAtLeast;
    if (metric === 'errorRate' && requires && requires.length > 0 && lookup)
      value = withRequirements(value, requires, (need) =>
        lookup(need.service, environment, need.version, bucket * BUCKET_MS),
      );
    const at = bucket * BUCKET_MS;
    let factor = this.faults ? this.faults.factor(service, environment, version, metric, at) : 1;
    let offset = 0;
    if (this.flags) {
      factor *= this.flags.factor(service, environment, metric, at, cohort);
      offset = this.flags.offset(service, environment, metric, at, cohort);
    }
    if (factor === 1 && offset === 0) return value;
    return metric === 'errorRate' ? Math.min(1, value * factor + offset) : value * factor + offset;
  }

  async query(q: MetricQuery): Promise<MetricSample[]> {
    return this.querySync(q);
  }

  /**
   * One version's series for one cohort of a flag's users: those it is on for (samples only while
   * it is on for some) or the rest (only while it is not on for all), for a flag-on/off comparison.
   */
  queryCohort(q: MetricQuery, cohort: FlagCohort): MetricSample[] {
    const flags = this.flags;
    if (!flags) return [];
    return this.querySync(q, cohort).filter((sample) => {
      const share = flags.share(cohort.flag, q.environment, sample.time);
      return cohort.on ? share > 0 : share < 1;
    });
  }

  querySync(q: MetricQuery, cohort?: FlagCohort): MetricSample[] {
    const spans = this.serving(q.service, q.environment, q.version);
    const samples: MetricSample[] = [];
    const step = Math.max(BUCKET_MS, q.stepMs);
    const series = this.seriesOf(q.service, q.environment, q.version, q.metric);
    for (let t = Math.ceil(q.from / step) * step; t < q.to; t += step) {
      if (!serves(spans, t)) continue;
      // Scrapes missed while the metrics backend was down are gone, as in a real TSDB.
      if (this.faults?.metricsDown(t)) continue;
      let sum = 0;
      let n = 0;
      for (let b = t; b < t + step && b < q.to; b += BUCKET_MS) {
        sum += this.bucketValue(
          q.service,
          q.environment,
          q.version,
          q.metric,
          series,
          Math.floor(b / BUCKET_MS),
          cohort,
        );
        n++;
      }
      samples.push({ time: t, value: sum / n });
    }
    return samples;
  }
}
