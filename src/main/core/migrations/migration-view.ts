// Builds what the UI and CLI show of a plan: every phase with its live gates, its checklist with the
// latest results, the linked release per environment, and the rollback path.
import {
  IRREVERSIBLE_PHASE,
  PHASE_NAMES,
  type ItemView,
  type LinkedRelease,
  type MigrationDetail,
  type MigrationSummary,
  type PhaseId,
  type PhaseView,
} from '../../../shared/migrations';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { describeCheck } from './check-spec';
import { IMPORTED_NOTE, itemKey, type MigrationProgress, type PhaseProgress } from './migration-progress';
import { describeMetricItem } from './metric-check';
import { evaluateGates, openItems } from './phase-gates';
import { planPhases, type PlanFile, type PlanItem, type PlanRelease } from './plan-file';
import type { LoadedPlan } from './plan-library';
import { releaseEnvironment, rolloutsOf } from './release-serving';

export function phaseTitle(plan: PlanFile, phase: PhaseId): string {
  return plan.phases[phase]?.title ?? PHASE_NAMES[phase];
}

export function changeText(plan: PlanFile): string {
  const { table, from, to, summary } = plan.change;
  if (summary) return summary;
  if (from && to) return `${table}.${from} → ${to}`;
  return table;
}

function itemView(
  phase: PhaseId,
  item: PlanItem,
  progress: MigrationProgress,
  state: PhaseProgress,
): ItemView {
  const key = itemKey(phase, item.id);
  const base: ItemView = { id: item.id, kind: item.kind, title: item.title, state: 'pending' };
  if (item.kind === 'sql') {
    if (item.template) base.check = describeCheck(item.template);
    else if (item.query) {
      base.check = 'read-only query';
      base.sql = item.query;
    }
  } else if (item.kind === 'metric') base.check = describeMetricItem(item);

  const result = progress.results.get(key);
  const tick = progress.ticks.get(key);
  const waiver = progress.waivers.get(key);
  if (result && item.kind !== 'manual') {
    base.result = result;
    base.state = result.state;
  }
  if (tick?.done && item.kind === 'manual') {
    base.ticked = { by: tick.by, at: tick.at, note: tick.note };
    base.state = 'passed';
  }
  if (waiver) {
    base.waived = waiver;
    base.state = 'waived';
  }
  if (state.state === 'done') {
    const left = state.leftWith?.[item.id];
    if (left) base.state = left;
    else if (base.state === 'pending' || base.state === 'failed') {
      // Done before the control room tracked the plan: nothing to show but the plan file's word.
      base.state = 'passed';
      if (item.kind === 'manual') base.ticked = { by: 'plan file', at: '', note: IMPORTED_NOTE };
    }
  }
  return base;
}

function linkedRelease(release: PlanRelease, rollouts: readonly RolloutSnapshot[]): LinkedRelease {
  return {
    service: release.service,
    version: release.version,
    environments: rolloutsOf(rollouts, release.service, release.environments).flatMap(({ rollout }) =>
      rollout ? [releaseEnvironment(rollout, release.version)] : [],
    ),
  };
}

export function buildPhases(
  plan: PlanFile,
  progress: MigrationProgress,
  rollouts: readonly RolloutSnapshot[],
): PhaseView[] {
  const views: PhaseView[] = [];
  for (const id of planPhases(plan)) {
    const phase = plan.phases[id];
    if (!phase) continue;
    const state = progress.phases.get(id) ?? { state: 'pending' };
    const items = phase.items.map((item) => itemView(id, item, progress, state));
    const prev = views.at(-1);
    const gates = evaluateGates(
      phase.gates,
      prev ? { id: prev.id, title: prev.title, state: prev.state, items: prev.items } : undefined,
      rollouts,
    );
    const irreversible = id === IRREVERSIBLE_PHASE;
    views.push({
      id,
      title: phaseTitle(plan, id),
      state: state.state,
      ...(state.since ? { since: state.since } : {}),
      ...(state.by ? { by: state.by } : {}),
      ...(state.note ? { note: state.note } : {}),
      gates,
      gatesMet: gates.every((g) => g.met),
      items,
      ...(phase.release ? { release: linkedRelease(phase.release, rollouts) } : {}),
      rollback:
        phase.rollback ??
        (irreversible
          ? 'None: the contract step is irreversible. Restore from a backup.'
          : 'No rollback path written in the plan.'),
      irreversible,
    });
  }
  return views;
}

export function buildSummary(
  loaded: LoadedPlan,
  phases: readonly PhaseView[],
  active: PhaseId | null,
): MigrationSummary {
  const { plan } = loaded;
  const current = phases.find((p) => p.id === active);
  const next = current ? phases[phases.indexOf(current) + 1] : undefined;
  const open = current ? openItems(current.items) : [];
  return {
    id: plan.id,
    title: plan.title,
    database: plan.database,
    change: changeText(plan),
    table: plan.change.table,
    status: active === null ? 'complete' : 'in-progress',
    current: active,
    currentTitle: current?.title ?? 'complete',
    failingItems: open.filter((i) => i.state === 'failed').length,
    openItems: open.length,
    ...(next
      ? {
          next: {
            id: next.id,
            title: next.title,
            blockedBy: next.gates.filter((g) => !g.met).map((g) => g.reason),
          },
        }
      : {}),
    file: loaded.file,
  };
}

export function buildDetail(
  loaded: LoadedPlan,
  progress: MigrationProgress,
  rollouts: readonly RolloutSnapshot[],
  extra: { databaseLabel: string; checking: boolean; roleWarning?: string },
): MigrationDetail {
  const phases = buildPhases(loaded.plan, progress, rollouts);
  return {
    ...buildSummary(loaded, phases, progress.active),
    phases,
    databaseLabel: extra.databaseLabel,
    checkTimeoutMs: loaded.plan.checkTimeout,
    checking: extra.checking,
    ...(extra.roleWarning ? { roleWarning: extra.roleWarning } : {}),
  };
}
