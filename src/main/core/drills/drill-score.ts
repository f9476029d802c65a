// Scores a drill from what happened: time to detect (the first investigative or mitigating action
// after the fault, refused or failed ones included: trying is noticing), time to mitigate (the steady
// state holds again, to the end, after a right mitigation: a fault that ends by itself earns nothing),
// the expected responses, forbidden and collateral actions. Every line says why it got its points.
import type { AuditRecord } from '../../../shared/domain';
import { FLAG_AUDIT_KINDS } from '../../../shared/flags';
import { JUDGE_ACTOR } from '../../../shared/system-actors';
import type { SteadyStateCheck } from './steady-state';
import type { ExpectedResponse, ScenarioFile } from './scenario-schema';

/** A participant's action, as the drill's audit log has it. */
export interface DrillAction {
  offset: number;
  actor: string;
  action: string;
  /** The rollout's local id, the config-push inject a revert-config names, or a flag-disable's flag. */
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
  /** The rollouts whose own release the inject implicates (see implicated-rollouts.ts). */
  implicates?: string[];
}

/** An alert as it fired in the drill, with its playbook's steps (countermeasures) resolved then. */
export interface DrillAlertRecord {
  id: string;
  name: string;
  service?: string;
  environment?: string;
  /** Offset of the first step it was seen firing at. */
  firedAt: number;
  /** The playbook's title; absent: no playbook answers this alert. */
  playbook?: string;
  steps: { label: string; action: string; rollout?: string }[];
}

export interface ScoreLine {
  criterion: 'detect' | 'mitigate' | 'responses' | 'forbidden' | 'playbook' | 'collateral';
  points: number;
  weight: number;
  reasons: string[];
}

/** One expected response and whether it was met in time: the report's "what to change". */
export interface ExpectedOutcome {
  id: string;
  actions: string[];
  /** The rollout (or, for revert-config, the config push) it is about. */
  target: string;
  after: string;
  within: number;
  why: string;
  /** When the action that met it came. */
  metAt?: number;
  /** A matching action that came too late (or before the inject). */
  lateAt?: number;
}

/** A forbidden action someone took (counted) or tried and was refused (not counted). */
export interface ForbiddenOutcome {
  offset: number;
  actor: string;
  action: string;
  target: string;
  during?: string;
  whileBroken: boolean;
  why: string;
  counted: boolean;
}

export interface DrillScore {
  /** 0-100. */
  score: number;
  timeToDetectMs?: number;
  timeToMitigateMs?: number;
  lines: ScoreLine[];
  responses?: ExpectedOutcome[];
  forbiddenActions?: ForbiddenOutcome[];
}

/** Actions that show someone noticed: looking, holding, reverting. A promote or resume does not. */
const DETECTING_ACTIONS = new Set([
  'investigate',
  'pause',
  'abort',
  'roll-forward',
  'undo',
  'revert-config',
  'flag-disable',
]);

/** What an expected response's action is on: a config push, a flag, or a rollout. */
function expectedTarget(e: ExpectedResponse, action: string): string | undefined {
  if (action === 'revert-config') return e.config;
  if (action === 'flag-disable') return e.flag;
  return e.rollout;
}

const FLAG_OUTCOMES: Record<string, DrillAction['outcome']> = {
  [FLAG_AUDIT_KINDS.changed]: 'succeeded',
  [FLAG_AUDIT_KINDS.refused]: 'refused',
  [FLAG_AUDIT_KINDS.failed]: 'failed',
};

/** Release-changing kinds: on a rollout whose release nothing implicated, they are collateral. */
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
    } else if (r.kind === 'analysis.verdict' && d.trigger === 'manual' && r.actor !== JUDGE_ACTOR) {
      actions.push({
        offset,
        actor: r.actor,
        action: 'investigate',
        target: local(r.target),
        outcome: 'done',
        message: `judged the canary: ${String(d.verdict)}`,
      });
    } else if (FLAG_OUTCOMES[r.kind] && d.change === 'disable') {
      // The kill switch, from the Flags view, the CLI or a script: the flag is its target.
      actions.push({
        offset,
        actor: r.actor,
        action: 'flag-disable',
        target: r.target,
        outcome: FLAG_OUTCOMES[r.kind] as DrillAction['outcome'],
        message: String(d.message ?? d.error ?? r.reason),
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

/**
 * Playbooks followed: each alert that fired with a playbook whose steps the app can run, answered by
 * one of those steps on the rollout it named, after it fired. A playbook's steps are alternatives
 * (pause, or abort when the release is to blame), so one taken follows it; none taken does not. With
 * no such alert the criterion does not apply and weighs nothing.
 */
function playbookLine(
  alerts: readonly DrillAlertRecord[],
  actions: readonly DrillAction[],
  weight: number,
): ScoreLine {
  const answerable = alerts.filter((a) => a.playbook !== undefined && a.steps.some((s) => s.rollout));
  if (answerable.length === 0)
    return {
      criterion: 'playbook',
      points: 0,
      weight: 0,
      reasons: ['no alert with a playbook the app can run fired: nothing to follow'],
    };
  const reasons: string[] = [];
  let followed = 0;
  for (const alert of answerable) {
    const where = [alert.service, alert.environment].filter(Boolean).join(' in ');
    const fired = `${alert.name}${where ? ` (${where})` : ''} fired at ${offsetText(alert.firedAt)}`;
    const steps = alert.steps.filter((s) => s.rollout !== undefined);
    const taken = actions.find(
      (a) =>
        a.outcome === 'succeeded' &&
        a.offset >= alert.firedAt &&
        steps.some((s) => s.action === a.action && s.rollout === a.target),
    );
    if (taken) {
      followed++;
      const step = steps.find((s) => s.action === taken.action) as { label: string };
      reasons.push(
        `followed the playbook "${alert.playbook}": ${fired}; ${taken.actor} took its step "${step.label}" (${taken.action} ${taken.target}) at ${offsetText(taken.offset)}`,
      );
    } else
      reasons.push(
        `playbook not followed: ${fired}; none of the steps of "${alert.playbook}" (${steps.map((s) => `${s.label}: ${s.action} ${s.rollout}`).join('; ')}) was taken after it fired`,
      );
  }
  return {
    criterion: 'playbook',
    points: round1((weight * followed) / answerable.length),
    weight,
    reasons,
  };
}

/** Full points within the target; none at three times the target or later. */
function timeliness(delta: number, within: number): number {
  if (delta <= within) return 1;
  return Math.max(0, 1 - (delta - within) / (2 * within));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A mitigating action: a succeeded action some expected response names, on its rollout (or config
 * push), whatever its deadline; with no expected responses, any succeeded pause, abort, roll forward,
 * undo or revert. Looking (investigate) and refused or failed attempts never mitigate.
 */
function isMitigation(scenario: ScenarioFile, a: DrillAction): boolean {
  if (a.outcome !== 'succeeded' || a.action === 'investigate') return false;
  if (scenario.expected.length === 0) return DETECTING_ACTIONS.has(a.action);
  return scenario.expected.some(
    (e) => e.actions.includes(a.action as never) && a.target === expectedTarget(e, a.action),
  );
}

export function scoreDrill(
  scenario: ScenarioFile,
  injects: readonly InjectRecord[],
  actions: readonly DrillAction[],
  checks: readonly SteadyStateCheck[],
  endOffset: number,
  alerts: readonly DrillAlertRecord[] = [],
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

  // Time to detect: the first investigative or mitigating action after the fault, whatever its outcome.
  const first = actions.find((a) => a.offset >= faultAt && DETECTING_ACTIONS.has(a.action));
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
      reasons: [`nobody investigated or mitigated after ${fault.id} at ${offsetText(faultAt)}: not detected`],
    });
  else {
    timeToDetectMs = first.offset - faultAt;
    const points = detectWeight * timeliness(timeToDetectMs, rubric.detect.within);
    lines.push({
      criterion: 'detect',
      points: round1(points),
      weight: detectWeight,
      reasons: [
        `detected ${durationText(timeToDetectMs)} after ${fault.id} (target ${durationText(rubric.detect.within)}): ${first.actor} ${first.action} ${first.target} at ${offsetText(first.offset)}${first.outcome === 'refused' || first.outcome === 'failed' ? ` (${first.outcome}: it counts as detection, not as mitigation)` : ''}`,
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
      const heldAt = offsetOf(after[since] as SteadyStateCheck);
      // The last right action before it held again is the one that brought it back.
      const mitigation = actions.findLast(
        (a) => a.offset >= faultAt && a.offset < heldAt && isMitigation(scenario, a),
      );
      if (!mitigation) {
        // The fault went away (it ended by itself, or something else ended it): nothing to credit.
        const ended =
          fault.endedAt === undefined ? '' : `; ${fault.id} ended at ${offsetText(fault.endedAt)}`;
        lines.push({
          criterion: 'mitigate',
          points: 0,
          weight: mitigateWeight,
          reasons: [
            `the steady state held again at ${offsetText(heldAt)} with no mitigating action before it${ended}: a fault that ends by itself is not mitigated by the team (a mitigating action is one the expected responses name, on their rollout)`,
          ],
        });
      } else {
        timeToMitigateMs = heldAt - faultAt;
        const points = mitigateWeight * timeliness(timeToMitigateMs, rubric.mitigate.within);
        lines.push({
          criterion: 'mitigate',
          points: round1(points),
          weight: mitigateWeight,
          reasons: [
            `the steady state held again ${durationText(timeToMitigateMs)} after ${fault.id} (target ${durationText(rubric.mitigate.within)}), at ${offsetText(heldAt)}, until the end, after ${mitigation.actor} ${mitigation.action} ${mitigation.target} at ${offsetText(mitigation.offset)}`,
          ],
        });
      }
    }
  }

  // The expected responses, each met by a succeeded action in time.
  const responseReasons: string[] = [];
  const outcomes: ExpectedOutcome[] = [];
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
              a.target === expectedTarget(e, a.action),
          );
    const what = `${e.actions.join(' or ')} ${e.rollout ?? e.config ?? e.flag ?? ''} within ${durationText(e.within)} of ${e.after}`;
    const outcome: ExpectedOutcome = {
      id: e.id,
      actions: [...e.actions],
      target: e.rollout ?? e.config ?? e.flag ?? '',
      after: e.after,
      within: e.within,
      why: e.why,
    };
    outcomes.push(outcome);
    if (hit) {
      outcome.metAt = hit.offset;
      met++;
      responseReasons.push(`met ${e.id}: ${hit.action} ${hit.target} at ${offsetText(hit.offset)} (${what})`);
    } else {
      const late = actions.find(
        (a) =>
          a.outcome === 'succeeded' &&
          e.actions.includes(a.action as never) &&
          a.target === expectedTarget(e, a.action) &&
          (from === undefined || a.offset >= from),
      );
      // For "what to change": the matching action on the right target that came too late.
      const lateHere = actions.find(
        (a) =>
          a.outcome === 'succeeded' &&
          e.actions.includes(a.action as never) &&
          a.target === expectedTarget(e, a.action) &&
          (from === undefined || a.offset >= from),
      );
      if (lateHere) outcome.lateAt = lateHere.offset;
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
  const forbiddenActions: ForbiddenOutcome[] = [];
  let violations = 0;
  const violating = new Set<DrillAction>();
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
      forbiddenActions.push({
        offset: a.offset,
        actor: a.actor,
        action: a.action,
        target: a.target,
        ...(f.during === undefined ? {} : { during: f.during }),
        whileBroken: f.while === 'steady-state-broken',
        why: f.why,
        counted: a.outcome === 'succeeded',
      });
      if (a.outcome === 'succeeded') {
        violations++;
        violating.add(a);
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

  lines.push(playbookLine(alerts, actions, rubric.playbook.weight));

  // Collateral: release-changing actions on rollouts whose release no inject implicated, unless an
  // expected response asks for that very action there (pausing is never collateral: a resume undoes
  // it). An action already counted as forbidden costs once, there.
  const implicated = new Set(injects.flatMap((i) => i.implicates ?? []));
  const asked = (a: DrillAction) =>
    scenario.expected.some((e) => e.rollout === a.target && e.actions.includes(a.action as never));
  const collateral = actions.filter(
    (a) =>
      a.outcome === 'succeeded' &&
      COLLATERAL_ACTIONS.has(a.action) &&
      !implicated.has(a.target) &&
      !asked(a) &&
      !violating.has(a),
  );
  const collateralWeight = rubric.collateral.weight;
  const faults = injects.map((i) => i.id).join(', ') || 'none';
  lines.push({
    criterion: 'collateral',
    points: round1(collateralWeight * Math.max(0, 1 - 0.5 * collateral.length)),
    weight: collateralWeight,
    reasons:
      collateral.length > 0
        ? collateral.map(
            (a) =>
              `collateral: ${a.action} ${a.target} at ${offsetText(a.offset)}: the fault${injects.length > 1 ? 's' : ''} (${faults}) did not come from that rollout's release, so changing it was not needed`,
          )
        : ['no collateral action (none changed a rollout the fault did not implicate)'],
  });

  const total = lines.reduce((sum, l) => sum + l.weight, 0);
  const earned = lines.reduce((sum, l) => sum + l.points, 0);
  return {
    score: total === 0 ? 0 : Math.round((100 * earned) / total),
    ...(timeToDetectMs === undefined ? {} : { timeToDetectMs }),
    ...(timeToMitigateMs === undefined ? {} : { timeToMitigateMs }),
    lines,
    responses: outcomes,
    forbiddenActions: forbiddenActions.sort((a, b) => a.offset - b.offset),
  };
}
