// The migrations engine behind all three shells: plans and their progress, running checks, ticking
// and waiving items, advancing and rolling back phases. Every decision is written to the audit log
// (fsynced) before it is reported done, and progress is rebuilt from that log at start.
import type { CheckRunResult, MigrationActionResult } from '../../../shared/api';
import type { ChangeEvent } from '../../../shared/domain';
import {
  IRREVERSIBLE_PHASE,
  MIGRATION_PHASES,
  type ItemResult,
  type ItemState,
  type MigrationDetail,
  type MigrationList,
  type PhaseId,
} from '../../../shared/migrations';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import type { AuditWriter } from '../audit/audit-writer';
import type { Clock } from '../clock';
import type { DeploymentBackend } from '../rollouts/deployment-backend';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { boundText } from './bounded-text';
import type { DatabaseChecker } from './database-checker';
import { applyRecord, itemKey, progressFromAudit, type MigrationProgress } from './migration-progress';
import { buildDetail, buildPhases, buildSummary, phaseTitle } from './migration-view';
import { joinWords, openItems } from './phase-gates';
import { planPhases } from './plan-file';
import type { LoadedPlan, PlanLibrary } from './plan-library';
import { runPhaseChecks } from './run-checks';

export interface MigrationServiceDeps {
  library: PlanLibrary;
  checker: DatabaseChecker;
  deployment: DeploymentBackend;
  metrics: MetricsBackend;
  /** The room's audit writer: decisions are recorded durably (and refused while it cannot write). */
  writer: AuditWriter;
  clock: Clock;
  /** Into the control room's change stream. */
  publish(event: ChangeEvent): void;
  /** How often the active phase's automated items re-run by themselves (clock time). */
  recheckEveryMs?: number;
}

interface Tracked {
  loaded: LoadedPlan;
  progress: MigrationProgress;
}

type AdvanceInput = {
  id: string;
  from: PhaseId;
  confirmTable?: string | undefined;
  reason?: string | undefined;
  idempotencyKey: string;
};
type RollbackInput = { id: string; from: PhaseId; reason: string; idempotencyKey: string };

const DEFAULT_RECHECK_MS = 15_000;

export class MigrationService {
  private readonly tracked = new Map<string, Tracked>();
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly lastRun = new Map<string, number>();
  private readonly applied = new Map<
    string,
    Omit<MigrationActionResult, 'migration' | 'applied'> & { id: string }
  >();

  constructor(private readonly deps: MigrationServiceDeps) {
    for (const r of deps.writer.log.history()) {
      const key = r.details.idempotencyKey;
      if (typeof key === 'string' && (r.kind === 'migration.advanced' || r.kind === 'migration.rolled-back'))
        this.applied.set(key, {
          id: r.target,
          message: typeof r.details.message === 'string' ? r.details.message : r.kind,
          auditSeq: r.seq,
        });
    }
  }

  list(): MigrationList {
    const set = this.deps.library.load();
    const rollouts = this.deps.deployment.list();
    return {
      plans: set.plans.map((loaded) => {
        const t = this.track(loaded);
        return buildSummary(loaded, buildPhases(loaded.plan, t.progress, rollouts), t.progress.active);
      }),
      problems: set.problems,
      source: set.source,
    };
  }

  get(id: string): MigrationDetail {
    const t = this.find(id);
    const roleWarning = this.roleWarning(t);
    return buildDetail(t.loaded, t.progress, this.deps.deployment.list(), {
      databaseLabel: this.databaseLabel(t),
      checking: this.isChecking(id),
      ...(roleWarning ? { roleWarning } : {}),
    });
  }

  /** Runs one phase's automated items now (default: the active phase) and records the results. */
  async check(id: string, phase: PhaseId | undefined, actor: string): Promise<CheckRunResult> {
    const t = this.find(id);
    const target = phase ?? t.progress.active ?? planPhases(t.loaded.plan).at(-1);
    if (!target) throw new ApiError('not-found', `${id} has no phases`);
    const items = this.phaseOf(t, target).items;
    const results = await this.runChecks(t, target, actor);
    const list = [...results.entries()];
    const passed = list.filter(([, r]) => r.state === 'passed').length;
    const failed = list.length - passed;
    const warning = this.roleWarning(t);
    // Verdicts and bounded summaries only (run-checks cuts every value and error to 1 KiB).
    const auditSeq = this.record({
      actor,
      kind: 'migration.checks-run',
      target: id,
      reason: '',
      details: {
        phase: target,
        passed,
        failed,
        results: list.map(([item, r]) => ({ item, ...r })),
        ...(warning ? { warning } : {}),
      },
    });
    return {
      migration: this.get(id),
      phase: target,
      passed,
      failed,
      skipped: items.length - list.length,
      auditSeq,
      ...(warning ? { warning } : {}),
    };
  }

  tick(
    input: { id: string; phase: PhaseId; item: string; done: boolean; note: string },
    actor: string,
  ): MigrationActionResult {
    const t = this.find(input.id);
    const item = this.activeItem(t, input.phase, input.item);
    if (item.kind !== 'manual')
      throw new ApiError(
        'precondition-failed',
        `“${item.title}” is a ${item.kind} check: it passes by running it, or can be waived with a reason.`,
        'item',
      );
    const auditSeq = this.record({
      actor,
      kind: 'migration.item-ticked',
      target: input.id,
      reason: input.note,
      details: {
        phase: input.phase,
        item: input.item,
        done: input.done,
        note: input.note,
        title: item.title,
      },
    });
    const message = `${input.done ? 'Ticked' : 'Unticked'} “${item.title}” in ${input.phase} ${phaseTitle(t.loaded.plan, input.phase)}.`;
    return { applied: true, message, auditSeq, migration: this.get(input.id) };
  }

  waive(
    input: { id: string; phase: PhaseId; item: string; reason: string },
    actor: string,
  ): MigrationActionResult {
    const t = this.find(input.id);
    const item = this.activeItem(t, input.phase, input.item);
    const auditSeq = this.record({
      actor,
      kind: 'migration.item-waived',
      target: input.id,
      reason: input.reason,
      details: { phase: input.phase, item: input.item, title: item.title },
    });
    return {
      applied: true,
      message: `Waived “${item.title}”: ${input.reason}`,
      auditSeq,
      migration: this.get(input.id),
    };
  }

  advance(input: AdvanceInput, actor: string): MigrationActionResult {
    const replay = this.replay(input.idempotencyKey, input.id);
    if (replay) return replay;
    const t = this.find(input.id);
    const detail = this.get(input.id);
    const refuse = (why: string): never => this.refuse(actor, 'advance', input, why);
    if (t.progress.active !== input.from)
      refuse(
        t.progress.active === null
          ? 'the migration is already complete.'
          : `${input.from} is not the active phase (${t.progress.active} ${phaseTitle(t.loaded.plan, t.progress.active)} is).`,
      );
    const current = detail.phases.find((p) => p.id === input.from);
    if (!current) return refuse(`the plan has no phase ${input.from}.`);
    const open = openItems(current.items);
    if (open.length > 0)
      refuse(
        `${input.from} ${current.title} is not finished: ${joinWords(open.map((i) => `“${i.title}” is ${i.state}`))}.`,
      );
    const next = detail.phases[detail.phases.indexOf(current) + 1];
    if (next) {
      const blocked = next.gates.filter((g) => !g.met && g.kind !== 'previous-phase');
      if (blocked.length > 0)
        refuse(`${next.id} ${next.title} blocked: ${blocked.map((g) => g.reason).join(' ')}`);
      if (next.id === IRREVERSIBLE_PHASE && (input.confirmTable ?? '').trim() !== t.loaded.plan.change.table)
        refuse(
          `${next.id} ${next.title} is irreversible: type the table name “${t.loaded.plan.change.table}” to confirm.`,
        );
    }
    const message = next
      ? `${current.id} ${current.title} done; ${next.id} ${next.title} is now active.${next.irreversible ? ' This is the irreversible step.' : ''}`
      : `${current.id} ${current.title} done: the migration is complete.`;
    const items: Record<string, ItemState> = Object.fromEntries(current.items.map((i) => [i.id, i.state]));
    const auditSeq = this.record({
      actor,
      kind: 'migration.advanced',
      target: input.id,
      reason: input.reason ?? '',
      details: {
        from: input.from,
        to: next?.id ?? null,
        items,
        idempotencyKey: input.idempotencyKey,
        message,
      },
    });
    this.applied.set(input.idempotencyKey, { id: input.id, message, auditSeq });
    this.lastRun.delete(input.id); // the new phase's checks run at the next tick
    return { applied: true, message, auditSeq, migration: this.get(input.id) };
  }

  rollback(input: RollbackInput, actor: string): MigrationActionResult {
    const replay = this.replay(input.idempotencyKey, input.id);
    if (replay) return replay;
    const t = this.find(input.id);
    const refuse = (why: string): never => this.refuse(actor, 'rollback', input, why);
    if (t.progress.active !== input.from)
      refuse(
        t.progress.active === null
          ? 'the migration is complete: the contract step cannot be undone.'
          : `${input.from} is not the active phase (${t.progress.active} is).`,
      );
    if (input.from === IRREVERSIBLE_PHASE)
      refuse(
        `${input.from} ${phaseTitle(t.loaded.plan, input.from)} is irreversible: restore from a backup instead.`,
      );
    const phases = planPhases(t.loaded.plan);
    const to = phases[phases.indexOf(input.from) - 1];
    if (!to) return refuse(`${input.from} is the first phase: there is nothing to roll back to.`);
    const path = t.loaded.plan.phases[input.from]?.rollback;
    const message = `${input.from} ${phaseTitle(t.loaded.plan, input.from)} rolled back; ${to} ${phaseTitle(t.loaded.plan, to)} is active again.${path ? ` Rollback path: ${path}` : ''}`;
    const auditSeq = this.record({
      actor,
      kind: 'migration.rolled-back',
      target: input.id,
      reason: input.reason,
      details: { from: input.from, to, idempotencyKey: input.idempotencyKey, message },
    });
    this.applied.set(input.idempotencyKey, { id: input.id, message, auditSeq });
    this.lastRun.delete(input.id);
    return { applied: true, message, auditSeq, migration: this.get(input.id) };
  }

  /** Re-runs the active phase's automated items of every plan that is due; never waits for them. */
  backgroundTick(): void {
    const now = this.deps.clock.now();
    const every = this.deps.recheckEveryMs ?? DEFAULT_RECHECK_MS;
    for (const loaded of this.deps.library.load().plans) {
      const t = this.track(loaded);
      const active = t.progress.active;
      if (active === null || this.isChecking(loaded.plan.id)) continue;
      const last = this.lastRun.get(loaded.plan.id);
      if (last !== undefined && now - last < every) continue;
      if (!this.phaseOf(t, active).items.some((i) => i.kind !== 'manual')) continue;
      this.lastRun.set(loaded.plan.id, now);
      this.runChecks(t, active, 'background').catch((error: unknown) =>
        console.error(`background checks of ${loaded.plan.id} failed:`, error),
      );
    }
  }

  private async runChecks(t: Tracked, phase: PhaseId, by: string): Promise<Map<string, ItemResult>> {
    const id = t.loaded.plan.id;
    // One run per plan at a time: a second caller waits for the first, then runs its own.
    const before = this.running.get(id);
    if (before) await before.catch(() => undefined);
    const run = runPhaseChecks(t.loaded.plan, this.phaseOf(t, phase).items, by, {
      checker: this.deps.checker,
      metrics: this.deps.metrics,
      rollouts: () => this.deps.deployment.list(),
      clock: this.deps.clock,
    });
    this.running.set(id, run);
    this.deps.publish({ type: 'migration', id });
    try {
      const results = await run;
      // The plan may have been reloaded meanwhile: store into whatever tracks it now.
      const now = this.tracked.get(id) ?? t;
      for (const [item, result] of results) now.progress.results.set(itemKey(phase, item), result);
      return results;
    } finally {
      if (this.running.get(id) === run) this.running.delete(id);
      this.deps.publish({ type: 'migration', id });
    }
  }

  private isChecking(id: string): boolean {
    return this.running.has(id);
  }

  /** Recorded in the audit log with each run, so bounded like the results. */
  private roleWarning(t: Tracked): string | undefined {
    const warning = this.deps.checker.roleWarning?.(t.loaded.plan.database);
    return warning === undefined ? undefined : boundText(warning).text;
  }

  private databaseLabel(t: Tracked): string {
    return (
      this.deps.checker.describe(t.loaded.plan.database) ??
      `${t.loaded.plan.database} (no such database profile)`
    );
  }

  private replay(key: string, id: string): MigrationActionResult | undefined {
    const first = this.applied.get(key);
    if (!first) return undefined;
    if (first.id !== id)
      throw new ApiError(
        'invalid-input',
        'This idempotency key was already used for another plan.',
        'idempotencyKey',
      );
    return { applied: false, message: first.message, auditSeq: first.auditSeq, migration: this.get(id) };
  }

  private refuse(
    actor: string,
    action: string,
    input: { id: string; from: PhaseId; idempotencyKey: string },
    why: string,
  ): never {
    this.record({
      actor,
      kind: 'migration.refused',
      target: input.id,
      reason: why,
      details: { action, from: input.from, idempotencyKey: input.idempotencyKey },
    });
    throw new ApiError('precondition-failed', `Cannot ${action} ${input.id}: ${why}`);
  }

  private activeItem(t: Tracked, phase: PhaseId, itemId: string) {
    const plan = this.phaseOf(t, phase);
    const item = plan.items.find((i) => i.id === itemId);
    if (!item)
      throw new ApiError(
        'not-found',
        `${phase} of ${t.loaded.plan.id} has no item “${itemId}” (it has ${plan.items.map((i) => i.id).join(', ') || 'none'}).`,
        'item',
      );
    if (t.progress.active !== phase)
      throw new ApiError(
        'precondition-failed',
        `${phase} ${phaseTitle(t.loaded.plan, phase)} is not the active phase: only the active phase's items can change.`,
        'phase',
      );
    return item;
  }

  private phaseOf(t: Tracked, phase: PhaseId) {
    const found = t.loaded.plan.phases[phase];
    if (!found)
      throw new ApiError(
        'not-found',
        `${t.loaded.plan.id} has no phase ${phase} (it has ${planPhases(t.loaded.plan).join(', ')}; phases are ${MIGRATION_PHASES.join(', ')}).`,
        'phase',
      );
    return found;
  }

  private find(id: string): Tracked {
    const set = this.deps.library.load();
    const loaded = set.plans.find((p) => p.plan.id === id);
    if (!loaded)
      throw new ApiError(
        'not-found',
        `No migration plan "${id}". List them with: control-room migrations list${set.problems.length > 0 ? ` (${set.problems.length} plan files have problems)` : ''}`,
        'id',
      );
    return this.track(loaded);
  }

  /** The progress of a plan, rebuilt from the audit log when its file is new or changed. */
  private track(loaded: LoadedPlan): Tracked {
    const known = this.tracked.get(loaded.plan.id);
    if (known?.loaded.fingerprint === loaded.fingerprint && known.loaded.file === loaded.file) return known;
    const progress = progressFromAudit(loaded.plan, this.deps.writer.log.history());
    // Background results are not in the audit log; keep them for items that still exist.
    if (known)
      for (const [key, r] of known.progress.results)
        if (!progress.results.has(key)) progress.results.set(key, r);
    const t = { loaded, progress };
    this.tracked.set(loaded.plan.id, t);
    return t;
  }

  private record(entry: AuditEntry): number {
    // Throws 'unavailable' (nothing was done) when the log cannot take it.
    const [record] = this.deps.writer.write([entry]);
    if (!record) throw new ApiError('internal', 'the audit log returned no record');
    const t = this.tracked.get(entry.target);
    if (t) applyRecord(t.progress, record);
    this.deps.publish({ type: 'audit', seq: record.seq });
    this.deps.publish({ type: 'migration', id: entry.target });
    return record.seq;
  }
}
