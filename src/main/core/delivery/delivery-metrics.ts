// DORA's five software delivery metrics (dora.dev, 2024/2025) from the ended changes of a period,
// per service and environment and in total. Pure. Where the log cannot tell (a change time the
// backend never reported, a failure not recovered yet), the figure says unknown rather than guess.
import type {
  DeliveryDay,
  DeliveryFigures,
  DeliveryGroup,
  DeliveryMetricName,
  DeliveryMetrics,
  SampledDuration,
  SampledRate,
} from '../../../shared/api/delivery-api';
import type { DeliveryEvent } from './deployment-history';
import type { FlagDeliveryEvent } from './flag-change-history';

/** Under this many in the denominator a rate is noise: shown with a note, not as a trend. */
export const FEW_FOR_A_RATE = 5;
const DAY_MS = 86_400_000;

export const DELIVERY_DEFINITIONS: Record<DeliveryMetricName, string> = {
  deploymentFrequency:
    'Deployment frequency: how often a change reaches completion in the environment (a rollout that completed), per day over the period.',
  changeLeadTime:
    'Change lead time: from when the change was made (its commit or build time, where the backend reports it) to its deployment completing; unknown where the backend does not say.',
  changeFailRate:
    'Change fail rate: the share of changes that ended in the period (completed or aborted rollouts, and flags enabled or ramped up) that failed — aborted, rolled back or undone after completing, or a flag disabled or ramped down within 24 h or during an incident.',
  failedDeploymentRecoveryTime:
    'Failed deployment recovery time: from a failed change (its abort or undo) to the next successful deployment of that service in that environment.',
  deploymentReworkRate:
    'Deployment rework rate: the share of deployments that were unplanned, made to fix a failure (the first deployment after a failed one: a roll-forward, a retry or the undo target) of all deployments.',
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function rateOf(numerator: number, denominator: number, of: string): SampledRate {
  return {
    numerator,
    denominator,
    rate: denominator === 0 ? null : numerator / denominator,
    ...(denominator < FEW_FOR_A_RATE ? { note: `${plural(denominator, of)}: too few to call a rate` } : {}),
  };
}

function durationOf(values: number[], unknown: number, unknownWhy: string): SampledDuration {
  const note =
    values.length === 0
      ? unknown > 0
        ? `unknown: ${plural(unknown, 'case')} ${unknownWhy}`
        : 'nothing to measure in the period'
      : values.length < FEW_FOR_A_RATE
        ? `${plural(values.length, 'sample')}: too few for a typical figure`
        : undefined;
  return { samples: values.length, medianMs: median(values), unknown, ...(note ? { note } : {}) };
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Figures of one group. `history` is every ended change of the group up to `until` (recovery and
 * rework look back before `since`: a failure just before the period makes its fix rework).
 */
function figuresOf(
  history: readonly DeliveryEvent[],
  flagHistory: readonly FlagDeliveryEvent[],
  since: number,
  until: number,
): DeliveryFigures {
  const inPeriod = (e: DeliveryEvent): boolean => e.endedAt >= since && e.endedAt <= until;
  const sorted = [...history].sort((a, b) => a.endedAt - b.endedAt);
  const deployed = sorted.filter((e) => e.outcome === 'deployed' && inPeriod(e));
  const aborted = sorted.filter((e) => e.outcome === 'aborted' && inPeriod(e));
  const failures = sorted.filter((e) => e.outcome !== 'deployed' && inPeriod(e));
  const place = (e: DeliveryEvent): string => `${e.service}\u0000${e.environment}`;
  // Recovery: the next deployment of the same service and environment after the failure.
  const recoveries: number[] = [];
  let unrecovered = 0;
  for (const f of failures) {
    const next = sorted.find(
      (e) => e.outcome === 'deployed' && place(e) === place(f) && e.endedAt > f.endedAt && e.endedAt <= until,
    );
    if (next) recoveries.push(next.endedAt - f.endedAt);
    else unrecovered++;
  }
  // Rework: a deployment with a failure of its place since that place's previous deployment.
  let rework = 0;
  const failedSinceDeploy = new Set<string>();
  for (const e of sorted) {
    if (e.outcome !== 'deployed') failedSinceDeploy.add(place(e));
    else {
      if (failedSinceDeploy.has(place(e)) && inPeriod(e)) rework++;
      failedSinceDeploy.delete(place(e));
    }
  }
  const leadTimes = deployed.flatMap((e) =>
    e.changeMadeAt === undefined ? [] : [e.endedAt - e.changeMadeAt],
  );
  const periodDays = Math.max((until - since) / DAY_MS, 1 / 24);
  const days = new Map<string, DeliveryDay>();
  for (let t = since; t <= until; t += DAY_MS)
    days.set(dayOf(t), { day: dayOf(t), deployments: 0, failed: 0 });
  for (const e of [...deployed, ...failures]) {
    const day = days.get(dayOf(e.endedAt)) ?? { day: dayOf(e.endedAt), deployments: 0, failed: 0 };
    if (e.outcome === 'deployed') day.deployments++;
    else day.failed++;
    days.set(day.day, day);
  }
  const deployChanges = deployed.length + aborted.length;
  const deployFailed = Math.min(failures.length, deployChanges);
  const flagChanges = flagHistory.filter((e) => e.releasedAt >= since && e.releasedAt <= until);
  const flagFailed = flagChanges.filter((e) => e.revertedAt !== undefined).length;
  return {
    deployments: deployed.length,
    deploymentFrequency: {
      perDay: deployed.length / periodDays,
      perWeek: (deployed.length / periodDays) * 7,
      ...(deployed.length < FEW_FOR_A_RATE
        ? { note: `${plural(deployed.length, 'deployment')}: too few to call a rate` }
        : {}),
    },
    changeLeadTime: durationOf(
      leadTimes,
      deployed.length - leadTimes.length,
      'with no change time from the backend',
    ),
    changeFailRate: rateOf(deployFailed + flagFailed, deployChanges + flagChanges.length, 'change'),
    changeSplit: {
      deploys: { changes: deployChanges, failed: deployFailed },
      flags: { changes: flagChanges.length, failed: flagFailed },
    },
    failedDeploymentRecoveryTime: durationOf(
      recoveries,
      unrecovered,
      'not recovered by the end of the period',
    ),
    deploymentReworkRate: rateOf(rework, deployed.length, 'deployment'),
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** `flags` are the flag changes: each counts once in the total and once per service it touches. */
export function deliveryMetrics(
  events: readonly DeliveryEvent[],
  since: number,
  until: number,
  flags: readonly FlagDeliveryEvent[] = [],
): DeliveryMetrics {
  const upToUntil = events.filter((e) => e.endedAt <= until);
  const groups = new Map<
    string,
    { service: string; environment: string; events: DeliveryEvent[]; flags: FlagDeliveryEvent[] }
  >();
  const groupOf = (service: string, environment: string) => {
    const key = `${service}\u0000${environment}`;
    const g = groups.get(key) ?? { service, environment, events: [], flags: [] };
    groups.set(key, g);
    return g;
  };
  for (const e of upToUntil) groupOf(e.service, e.environment).events.push(e);
  for (const f of flags) for (const service of f.services) groupOf(service, f.environment).flags.push(f);
  const rows: DeliveryGroup[] = [...groups.values()]
    .filter(
      (g) =>
        g.events.some((e) => e.endedAt >= since) ||
        g.flags.some((f) => f.releasedAt >= since && f.releasedAt <= until),
    )
    .map((g) => ({
      service: g.service,
      environment: g.environment,
      ...figuresOf(g.events, g.flags, since, until),
    }))
    .sort((a, b) => a.service.localeCompare(b.service) || a.environment.localeCompare(b.environment));
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    groups: rows,
    total: figuresOf(upToUntil, flags, since, until),
    definitions: DELIVERY_DEFINITIONS,
  };
}
