// Time to detect and time to mitigate, from the timeline and the error-rate series, with the
// definitions the postmortem prints beside the figures. Pure.
import type { TimelineLine } from './postmortem-timeline';

export interface ErrorRateSeries {
  service: string;
  environment: string;
  /** Epoch ms and error ratio (0..1), oldest first. */
  points: { time: number; value: number }[];
  /** Set when the metrics backend could not answer: the chart and the figures say so. */
  unavailable?: string;
}

export interface IncidentFigures {
  /** The suspect change: the last change before the first alert or the declaration. */
  trigger?: TimelineLine;
  impactStart: number;
  /** How impact start was found, in words. */
  impactBasis: string;
  detectedAt: number;
  detectedBy: string;
  ttdMs: number;
  mitigation?: TimelineLine;
  /** How the mitigating action was chosen, in words. */
  mitigationBasis: string;
  ttmMs?: number;
}

export const TTD_DEFINITION =
  'Time to detect: from the start of impact (the first alert, or the first error-rate reading over the threshold, or else the suspect change) to the declaration of the incident or the first mitigating action, whichever came first.';
export const TTM_DEFINITION =
  'Time to mitigate: from the start of impact to the mitigating action (pause, abort, undo, pause-all, migration rollback) after which the error rate stayed under the threshold, or the first mitigating action where the metrics cannot tell.';

/** The first reading over the threshold in any series, at or after `from`. */
function firstOver(series: readonly ErrorRateSeries[], threshold: number, from: number): number | undefined {
  let first: number | undefined;
  for (const s of series)
    for (const p of s.points)
      if (p.time >= from && p.value > threshold && (first === undefined || p.time < first)) first = p.time;
  return first;
}

/** From when every series stays under the threshold to its end, after `after`; undefined when never. */
function recoveredAt(
  series: readonly ErrorRateSeries[],
  threshold: number,
  after: number,
): number | undefined {
  const usable = series.filter((s) => !s.unavailable && s.points.some((p) => p.time > after));
  if (usable.length === 0) return undefined;
  let at = after;
  for (const s of usable) {
    const lastOver = s.points.filter((p) => p.value > threshold).at(-1);
    const next = s.points.find((p) => p.time > Math.max(after, lastOver?.time ?? after));
    if (!next) return undefined; // still over at its last reading
    at = Math.max(at, next.time);
  }
  return at;
}

export function incidentFigures(input: {
  timeline: readonly TimelineLine[];
  series: readonly ErrorRateSeries[];
  threshold: number;
  declaredAt: number;
  leadInFrom: number;
}): IncidentFigures {
  const { timeline, series, threshold, declaredAt } = input;
  const firstAlert = timeline.find((l) => l.role === 'alert');
  const over = firstOver(series, threshold, input.leadInFrom);
  const firstSignal = Math.min(firstAlert?.time ?? declaredAt, declaredAt);
  const trigger = timeline.filter((l) => l.role === 'change' && l.time <= firstSignal).at(-1);
  const candidates: [number, string][] = [];
  if (firstAlert) candidates.push([firstAlert.time, `the first alert (${firstAlert.what})`]);
  if (over !== undefined) candidates.push([over, `the first error-rate reading over ${threshold * 100}%`]);
  if (candidates.length === 0 && trigger)
    candidates.push([trigger.time, 'the suspect change (no alert or error-rate signal in range)']);
  if (candidates.length === 0) candidates.push([declaredAt, 'the declaration (no earlier signal in range)']);
  candidates.sort((a, b) => a[0] - b[0]);
  const [impactStart, impactBasis] = candidates[0] as [number, string];
  const mitigations = timeline.filter((l) => l.role === 'mitigation' && l.time >= impactStart);
  const firstMitigation = mitigations[0];
  const detectedByMitigation = firstMitigation !== undefined && firstMitigation.time < declaredAt;
  const detectedAt = detectedByMitigation ? firstMitigation.time : declaredAt;
  const detectedBy = detectedByMitigation
    ? `the first mitigating action (${firstMitigation.what})`
    : 'the declaration';
  let mitigation: TimelineLine | undefined;
  let mitigationBasis = 'no mitigating action was recorded';
  if (firstMitigation) {
    const recovered = recoveredAt(series, threshold, firstMitigation.time);
    if (recovered === undefined) {
      mitigation = firstMitigation;
      mitigationBasis = 'the metrics cannot tell when the error rate recovered: the first mitigating action';
    } else {
      mitigation = mitigations.filter((m) => m.time <= recovered).at(-1) ?? firstMitigation;
      mitigationBasis = `the error rate was back under ${threshold * 100}% from ${new Date(recovered).toISOString()}`;
    }
  }
  return {
    ...(trigger ? { trigger } : {}),
    impactStart,
    impactBasis,
    detectedAt,
    detectedBy,
    ttdMs: Math.max(0, detectedAt - impactStart),
    ...(mitigation ? { mitigation, ttmMs: Math.max(0, mitigation.time - impactStart) } : {}),
    mitigationBasis,
  };
}
