// flags.compare: the canary judge applied around a flag flip. For each service the flag touches,
// the metrics the canary config names, the window before the flip as baseline and after it as
// canary, read from the version the service serves; judged by the same judge, no other statistic.
import type { ApiParsedInput } from '../../../shared/api';
import type { FlagComparison } from '../../../shared/api/flags-api';
import type { AuditRecord, RolloutSummary } from '../../../shared/domain';
import { ApiError } from '../api/api-error';
import type { CanaryConfig } from '../canary/canary-config';
import { gatherJudgeInput, withSources } from '../canary/gather-judge-input';
import { judge } from '../canary/judge';
import type { Clock } from '../clock';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { flagChangeOf, type FlagChangeRecord } from './flag-audit-record';

/** Under this much time after the flip the canary side has too few samples to judge. */
export const MIN_AFTER_MS = 60_000;

export interface FlagComparisonDeps {
  /** Throws not-found for a flag no connection has; gives the services the flag touches now. */
  find(flag: string, environment: string, connection?: string): Promise<{ services?: string[] }>;
  history(): readonly AuditRecord[];
  fleet(): RolloutSummary[];
  /** The canary config a rollout is judged with. */
  canaryConfig(rolloutId: string): CanaryConfig;
  metrics: MetricsBackend;
  clock: Clock;
}

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function createFlagComparison(deps: FlagComparisonDeps) {
  return async (input: ApiParsedInput<'flags.compare'>): Promise<FlagComparison> => {
    const found = await deps.find(input.flag, input.environment, input.connection);
    const flips: FlagChangeRecord[] = deps
      .history()
      .flatMap((r) => flagChangeOf(r) ?? [])
      .filter(
        (c) =>
          c.flag === input.flag &&
          c.details.environment === input.environment &&
          (input.connection === undefined || c.details.connection === input.connection),
      );
    const index =
      input.auditSeq === undefined ? flips.length - 1 : flips.findIndex((c) => c.seq === input.auditSeq);
    const head = { flag: input.flag, environment: input.environment, mode: 'before-after' as const };
    if (input.auditSeq !== undefined && index < 0)
      throw new ApiError(
        'not-found',
        `Audit record ${input.auditSeq} is not a change of ${input.flag} in ${input.environment}`,
        'auditSeq',
      );
    const flip = flips[index];
    if (!flip)
      return {
        ...head,
        reports: [],
        problem: `No change of ${input.flag} in ${input.environment} is recorded, so there is no flip to compare around.`,
      };
    const at = Date.parse(flip.time);
    const windowMs = input.windowSec * 1000;
    const previous = flips[index - 1];
    const next = flips[index + 1];
    // Each side sees one state of the flag: bounded by the flips before and after this one.
    const before = {
      from: Math.max(at - windowMs, previous ? Date.parse(previous.time) : -Infinity),
      to: at,
    };
    const afterTo = Math.min(at + windowMs, deps.clock.now(), next ? Date.parse(next.time) : Infinity);
    const summary = flip.reason ? `${flip.details.message} — “${flip.reason}”` : flip.details.message;
    const flipped = { ...head, flip: { at: flip.time, auditSeq: flip.seq, summary } };
    if (afterTo - at < MIN_AFTER_MS)
      return {
        ...flipped,
        reports: [],
        problem: next
          ? `The flag changed again ${Math.round((afterTo - at) / 1000)} s after this flip: too little data after it to judge.`
          : `Only ${Math.max(0, Math.round((afterTo - at) / 1000))} s of data after the flip at ${hhmm(at)} UTC; at least ${MIN_AFTER_MS / 1000} s are needed (ask again after ${hhmm(at + MIN_AFTER_MS)} UTC).`,
      };
    const services = flip.details.services.length > 0 ? flip.details.services : (found.services ?? []);
    if (services.length === 0)
      return {
        ...flipped,
        reports: [],
        problem: `${input.flag} names no service, so no metric can be compared.`,
      };
    const fleet = deps.fleet();
    const missing: string[] = [];
    const reports: FlagComparison['reports'] = [];
    for (const service of services) {
      const rollout = fleet.find((r) => r.service === service && r.environment === input.environment);
      if (!rollout) {
        missing.push(service);
        continue;
      }
      // The version most users are served on both sides: the flag is what differs.
      const served = { ...rollout, canaryVersion: rollout.stableVersion };
      const { input: judgeInput, sources } = await gatherJudgeInput(
        deps.metrics,
        served,
        deps.canaryConfig(rollout.id),
        before,
        { from: at, to: afterTo },
      );
      reports.push({ service, report: withSources(judge(judgeInput), sources) });
    }
    return {
      ...flipped,
      reports,
      ...(missing.length > 0
        ? {
            problem: `No rollout of ${missing.join(', ')} runs in ${input.environment}, so its metrics cannot be read.`,
          }
        : {}),
    };
  };
}
