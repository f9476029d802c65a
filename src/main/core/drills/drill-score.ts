// Scores a drill from what happened: time to detect (the first investigative or mitigating action
// after the fault), time to mitigate (the steady state holds again, to the end), the expected
// responses, forbidden and collateral actions. Every line says why it got its points.
import type { AuditRecord } from '../../../shared/domain';
import { JUDGE_ACTOR } from '../../../shared/system-actors';
import type { SteadyStateCheck } from './steady-state';
import type { ScenarioFile } from './scenario-schema';

/** A participant's action, as the drill's audit log has it. */
export interface DrillAction {
  offset: number;
  actor: string;
  action: string;
  /** The rollout's local id, or the config-push inject a revert-config names. */
  target: string;
  outcome: 'succeeded' | 'failed' | 'refused' | 'done';
  message: string;
}

/** When each inject happened and, if it did, ended (offsets from the drill's start). */
export interface InjectRecord {
  id: string;
  kind: string;
  at: number;
  endedAt?: number;
  live: boolean;
  note?: string;
}

export interface ScoreLine {
  criterion: 'detect' | 'mitigate' | 'responses' | 'forbidden' | 'collateral';
  points: number;
  weight: number;
  reasons: string[];
}

export interface DrillScore {
  /** 0-100. */
  score: number;
  timeToDetectMs?: number;
  timeToMitigateMs?: number;
  lines: ScoreLine[];
}

/** Mitigating kinds that touch a rollout nobody needed to touch count as collateral. */
const COLLATERAL_ACTIONS = new Set([
  'abort',
  'roll-forward',
  'promote',
  'promote-full',
  'retry',
  'undo',
  'restart',
]);

export const offsetText = (ms: number): string => {
  const s = Math.round(ms / 1000);
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours > 0 ? `+${hours}:${mm}:${ss}` : `+${mm}:${ss}`;
};

export const durationText = (ms: number): string => {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return s % 60 === 0 ? `${s / 60}m` : `${Math.floor(s / 60)}m${s % 60}s`;
};

/** The participants' actions in the drill's audit log: requests' outcomes, canary checks, reverts. */
export function participantActions(history: readonly AuditRecord[], start: number): DrillAction[] {
  const actions: DrillAction[] = [];
  const local = (target: string) => target.slice(target.indexOf('/') + 1);
  for (const r of history) {
    const offset = Date.parse(r.time) - start;
    const d = r.details;
    const outcome =
      r.kind === 'action.succeeded'
        ? 'succeeded'
        : r.kind === 'action.failed'
          ? 'failed'
          : r.kind === 'action.rejected'
            ? 'refused'
            : undefined;
    if (outcome) {
      actions.push({
        offset,
        actor: r.actor,
        action: String(d.action),
        target: local(r.target),
        outcome,
        message: String(d.message ?? d.refused ?? ''),
      });
    } else if (r.kind === 'analysis.verdict' && d.trigger === 'on-demand' && r.actor !== JUDGE_ACTOR) {
      actions.push({
        offset,
        actor: r.actor,
        action: 'investigate',
        target: local(r.target),
        outcome: 'done',
        message: `judged the canary: ${String(d.verdict)}`,
      });
    } else if (r.kind === 'drill.config-reverted') {
      actions.push({
        offset,
        actor: r.actor,
        action: 'revert-config',
        target: String(d.config),
        outcome: 'succeeded',
        message: r.reason,
      });
    }
  }
  return actions;
}

/** Full points within the target; none at three times the target or later. */
function timeliness(delta: number, within: number): number {
  if (delta <= within) return 1;
  return Math.max(0, 1 - (delta - within) / (2 * within));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function scoreDrill(
  scenario: ScenarioFile,
  injects: readonly InjectRecord[],
  actions: readonly DrillAction[],
  checks: readonly SteadyStateCheck[],
  endOffset: number,
): DrillScore {
  const rubric = scenario.scoring;
  const lines: ScoreLine[] = [];
  const faultId = rubric.fault ?? scenario.timeline[0]?.id;
  const fault = injects.find((i) => i.id === faultId);
  const faultAt = fault?.at ?? 0;
  const offsetOf = (check: SteadyStateCheck) => check.at - scenario.start;
  const endOf = (id: string) => {
    const i = injects.find((x) => x.id === id);
    return i?.endedAt ?? endOffset;
  };

  // Time to detect: the first thing anyone did about it after the fault.
  const first = actions.find((a) => a.offset >= faultAt);
  const detectWeight = rubric.detect.weight;
  let timeToDetectMs: number | undefined;
  if (!fault)
    lines.push({
      criterion: 'detect',
      points: 0,
      weight: detectWeight,
      reasons: ['the fault was never injected'],
    });
  else if (!first)
    lines.push({
      criterion: 'detect',
      points: 0,
      weight: detectWeight,
      reasons: [`nobody acted after ${fault.id} at ${offsetText(faultAt)}: not detected`],
    });
  else {
    timeToDetectMs = first.offset - faultAt;
    const points = detectWeight * timeliness(timeToDetectMs, rubric.detect.within);
    lines.push({
      criterion: 'detect',
      points: round1(points),
      weight: detectWeight,
      reasons: [
        `detected ${durationText(timeToDetectMs)} after ${fault.id} (target ${durationText(rubric.detect.within)}): ${first.actor} ${first.action} ${first.target} at ${offsetText(first.offset)}`,
      ],
    });
  }

  // Time to mitigate: from the fault until the steady state holds again and keeps holding.
  const mitigateWeight = rubric.mitigate.weight;
  const after = checks.filter((c) => offsetOf(c) >= faultAt);
  const last = after.at(-1);
  let timeToMitigateMs: number | undefined;
  if (!fault || !last)
    lines.push({
      criterion: 'mitigate',
      points: 0,
      weight: mitigateWeight,
      reasons: ['no steady-state checks after the fault'],
    });
  else if (!last.holds)
    lines.push({
      criterion: 'mitigate',
      points: 0,
      weight: mitigateWeight,
      reasons: [
        `the steady state (${scenario.steadyState.title}) still did not hold at the end: ${last.probes
          .filter((p) => !p.holds)
          .map((p) => `${p.name}: ${p.reason}`)
          .join('; ')}`,
      ],
    });
  else {
    let since = after.length - 1;
    while (since > 0 && (after[since - 1] as SteadyStateCheck).holds) since--;
    const brokeAfterFault = after.some((c) => !c.holds);
    if (!brokeAfterFault) {
      lines.push({
        criterion: 'mitigate',
        points: mitigateWeight,
        weight: mitigateWeight,
        reasons: ['the steady state never broke after the fault'],
      });
      timeToMitigateMs = 0;
    } else {
      timeToMitigateMs = offsetOf(after[since] as SteadyStateCheck) - faultAt;
      const points = mitigateWeight * timeliness(timeToMitigateMs, rubric.mitigate.within);
      lines.push({
        criterion: 'mitigate',
        points: round1(points),
        weight: mitigateWeight,
        reasons: [
          `the steady state held again ${durationText(timeToMitigateMs)} after ${fault.id} (target ${durationText(rubric.mitigate.within)}), at ${offsetText(offsetOf(after[since] as SteadyStateCheck))}, until the end`,
        ],
      });
    }
  }

  // The expected responses, each met by a succeeded action in time.
  const responseReasons: string[] = [];
  let met = 0;
  for (const e of scenario.expected) {
    const from = injects.find((i) => i.id === e.after)?.at;
    const hit =
      from === undefined
        ? undefined
        : actions.find(
            (a) =>
              a.outcome === 'succeeded' &&
              e.actions.includes(a.action as never) &&
              a.offset >= from &&
              a.offset <= from + e.within &&
              a.target === (a.action === 'revert-config' ? e.config : e.rollout),
          );
    const what = `${e.actions.join(' or ')} ${e.rollout ?? e.config ?? ''} within ${durationText(e.within)} of ${e.after}`;
    if (hit) {
      met++;
      responseReasons.push(`met ${e.id}: ${hit.action} ${hit.target} at ${offsetText(hit.offset)} (${what})`);
    } else {
      const late = actions.find(
        (a) =>
          a.outcome === 'succeeded' &&
          e.actions.includes(a.action as never) &&
          (from === undefined || a.offset >= from),
      );
      responseReasons.push(
        `missed ${e.id}: expected ${what}; ${e.why}${late ? ` (${late.action} ${late.target} came at ${offsetText(late.offset)})` : ''}`,
      );
    }
  }
  const responsesWeight = rubric.responses.weight;
  lines.push({
    criterion: 'responses',
    points:
      scenario.expected.length === 0
        ? responsesWeight
        : round1((responsesWeight * met) / scenario.expected.length),
    weight: responsesWeight,
    reasons: responseReasons.length > 0 ? responseReasons : ['no responses expected'],
  });

  // Forbidden actions: applied in their window, they cost the whole weight; refused ones are noted.
  const brokenAt = (offset: number) => {
    const before = checks.filter((c) => offsetOf(c) <= offset).at(-1);
    return before !== undefined && !before.holds;
  };
  const forbiddenReasons: string[] = [];
  let violations = 0;
  for (const f of scenario.forbidden) {
    const window =
      f.during === undefined
        ? undefined
        : { from: injects.find((i) => i.id === f.during)?.at, to: endOf(f.during) };
    for (const a of actions) {
      if (!f.actions.includes(a.action as never)) continue;
      if (f.rollout !== undefined && a.target !== f.rollout) continue;
      if (window && (window.from === undefined || a.offset < window.from || a.offset >= window.to)) continue;
      if (f.while === 'steady-state-broken' && !brokenAt(a.offset)) continue;
      if (a.outcome === 'succeeded') {
        violations++;
        forbiddenReasons.push(
          `forbidden: ${a.actor} ${a.action} ${a.target} at ${offsetText(a.offset)}: ${f.why}`,
        );
      } else
        forbiddenReasons.push(
          `attempted (${a.outcome}, not counted): ${a.action} ${a.target} at ${offsetText(a.offset)}: ${f.why}`,
        );
    }
  }
  const forbiddenWeight = rubric.forbidden.weight;
  lines.push({
    criterion: 'forbidden',
    points: violations === 0 ? forbiddenWeight : 0,
    weight: forbiddenWeight,
    reasons: forbiddenReasons.length > 0 ? forbiddenReasons : ['no forbidden action'],
  });

  // Collateral: mitigating actions on rollouts the drill did not need touched.
  const involved = new Set(scenario.expected.flatMap((e) => (e.rollout ? [e.rollout] : [])));
  const collateral = actions.filter(
    (a) => a.outcome === 'succeeded' && COLLATERAL_ACTIONS.has(a.action) && !involved.has(a.target),
  );
  const collateralWeight = rubric.collateral.weight;
  lines.push({
    criterion: 'collateral',
    points: round1(collateralWeight * Math.max(0, 1 - 0.5 * collateral.length)),
    weight: collateralWeight,
    reasons:
      collateral.length > 0
        ? collateral.map(
            (a) =>
              `collateral: ${a.action} ${a.target} at ${offsetText(a.offset)}: no part of this drill needed it`,
          )
        : ['no collateral action'],
  });

  const total = lines.reduce((sum, l) => sum + l.weight, 0);
  const earned = lines.reduce((sum, l) => sum + l.points, 0);
  return {
    score: total === 0 ? 0 : Math.round((100 * earned) / total),
    ...(timeToDetectMs === undefined ? {} : { timeToDetectMs }),
    ...(timeToMitigateMs === undefined ? {} : { timeToMitigateMs }),
    lines,
  };
}
