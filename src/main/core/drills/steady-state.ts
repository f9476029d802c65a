// The steady-state hypothesis, Chaos Toolkit style: probes with tolerances, checked before, during
// and after the drill. Missing data never holds: a metrics outage cannot look healthy.
import type { RolloutSummary } from '../../../shared/domain';
import { MetricsUnavailable, type MetricsBackend } from '../rollouts/metrics-backend';
import type { Probe } from './scenario-schema';

export interface ProbeResult {
  name: string;
  holds: boolean;
  reason: string;
  /**
   * The measured value the verdict rests on: the worst serving version's mean over the window
   * (highest against a max, lowest against a min only); absent when a version had no data.
   */
  value?: number;
}

export interface SteadyStateCheck {
  at: number;
  holds: boolean;
  probes: ProbeResult[];
}

const SAMPLE_STEP_MS = 10_000;

/** The versions serving traffic in the rollout now (a version at weight 0 serves none). */
export function servingVersions(
  r: Pick<RolloutSummary, 'phase' | 'weight' | 'stableVersion' | 'canaryVersion'>,
): string[] {
  if (
    r.phase === 'completed' ||
    r.phase === 'aborted' ||
    r.phase === 'degraded' ||
    r.stableVersion === r.canaryVersion
  )
    return [r.stableVersion];
  if (r.weight >= 100) return [r.canaryVersion];
  return r.weight > 0 ? [r.stableVersion, r.canaryVersion] : [r.stableVersion];
}

/** A probe's value as people read it (the report's charts and timeline use the same words). */
export function probeValueText(metric: Probe['metric'], value: number): string {
  if (metric === 'errorRate') return `${(value * 100).toFixed(2)}%`;
  if (metric === 'cpu') return `${value.toFixed(2)} cores`;
  return `${Math.round(value)} ms`;
}

export function toleranceText(p: Pick<Probe, 'metric' | 'min' | 'max'>): string {
  const parts = [
    ...(p.min === undefined ? [] : [`>= ${probeValueText(p.metric, p.min)}`]),
    ...(p.max === undefined ? [] : [`<= ${probeValueText(p.metric, p.max)}`]),
  ];
  return parts.join(' and ');
}

export async function checkProbe(
  probe: Probe,
  rollout: RolloutSummary | undefined,
  metrics: MetricsBackend,
  at: number,
): Promise<ProbeResult> {
  const where = `${probe.service} in ${probe.environment}`;
  if (!rollout) return { name: probe.name, holds: false, reason: `no rollout of ${where}` };
  const failures: string[] = [];
  const readings: string[] = [];
  const means: number[] = [];
  let missing = false;
  for (const version of servingVersions(rollout)) {
    let samples;
    try {
      samples = await metrics.query({
        service: probe.service,
        environment: probe.environment,
        version,
        metric: probe.metric,
        from: at - probe.window,
        to: at,
        stepMs: SAMPLE_STEP_MS,
        connection: rollout.connection,
      });
    } catch (error) {
      if (!(error instanceof MetricsUnavailable)) throw error;
      failures.push(`${version}: no data (${error.message})`);
      missing = true;
      continue;
    }
    if (samples.length === 0) {
      failures.push(`${version}: no data in the last ${probe.window / 1000}s`);
      missing = true;
      continue;
    }
    const mean = samples.reduce((sum, s) => sum + s.value, 0) / samples.length;
    means.push(mean);
    const ok =
      (probe.max === undefined || mean <= probe.max) && (probe.min === undefined || mean >= probe.min);
    (ok ? readings : failures).push(`${version} ${probeValueText(probe.metric, mean)}`);
  }
  const worst = probe.max === undefined ? Math.min(...means) : Math.max(...means);
  const measured = missing || means.length === 0 ? {} : { value: worst };
  return failures.length === 0
    ? {
        name: probe.name,
        holds: true,
        reason: `${probe.metric} ${readings.join(', ')} (${toleranceText(probe)})`,
        ...measured,
      }
    : {
        name: probe.name,
        holds: false,
        reason: `${probe.metric} of ${where}: ${failures.join(', ')} (needs ${toleranceText(probe)})`,
        ...measured,
      };
}

export async function checkSteadyState(
  probes: readonly Probe[],
  fleet: readonly RolloutSummary[],
  metrics: MetricsBackend,
  at: number,
): Promise<SteadyStateCheck> {
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    const rollout = fleet.find((r) => r.service === probe.service && r.environment === probe.environment);
    results.push(await checkProbe(probe, rollout, metrics, at));
  }
  return { at, holds: results.every((r) => r.holds), probes: results };
}
