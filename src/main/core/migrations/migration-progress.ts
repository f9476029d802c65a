// Where a plan stands: phase states, ticked and waived items, the latest check results. Rebuilt at
// start from the plan file and the audit log (the audit log is the record of every decision), then
// kept current as new records are written.
import type { AuditRecord } from '../../../shared/domain';
import {
  isPhaseId,
  type ItemResult,
  type ItemState,
  type PhaseId,
  type PhaseState,
  type ResultSummary,
} from '../../../shared/migrations';
import { boundText } from './bounded-text';
import { planPhases, type PlanFile } from './plan-file';

export interface PhaseProgress {
  state: PhaseState;
  since?: string;
  by?: string;
  note?: string;
  /** Item states when the phase was left: what a done phase shows. */
  leftWith?: Record<string, ItemState>;
}

export interface Tick {
  done: boolean;
  by: string;
  at: string;
  note: string;
}

export interface Waiver {
  by: string;
  at: string;
  reason: string;
}

export interface MigrationProgress {
  phases: Map<PhaseId, PhaseProgress>;
  /** The active phase, or null once the last one is done. */
  active: PhaseId | null;
  ticks: Map<string, Tick>;
  waivers: Map<string, Waiver>;
  results: Map<string, ItemResult>;
}

export const itemKey = (phase: PhaseId, item: string): string => `${phase}/${item}`;

export const IMPORTED_NOTE = 'done before the control room tracked this plan (plan file: current)';

export function initialProgress(plan: PlanFile): MigrationProgress {
  const phases = planPhases(plan);
  const current = plan.current ?? phases[0] ?? null;
  const index = current === null ? -1 : phases.indexOf(current);
  return {
    phases: new Map(
      phases.map((p, i): [PhaseId, PhaseProgress] => [
        p,
        i < index
          ? { state: 'done', by: 'plan file', note: IMPORTED_NOTE }
          : { state: i === index ? 'active' : 'pending' },
      ]),
    ),
    active: current,
    ticks: new Map(),
    waivers: new Map(),
    results: new Map(),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function phaseOf(value: unknown, progress: MigrationProgress): PhaseId | undefined {
  return typeof value === 'string' && isPhaseId(value) && progress.phases.has(value) ? value : undefined;
}

const SUMMARY_TYPES: readonly ResultSummary['type'][] = [
  'rows',
  'no-rows',
  'null',
  'boolean',
  'integer',
  'number',
  'text',
];

function storedSummary(value: unknown): ResultSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const type = SUMMARY_TYPES.find((t) => t === v.type);
  if (!type) return undefined;
  const count = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    type,
    bytes: count(v.bytes),
    truncated: v.truncated === true,
    rows: count(v.rows),
    moreRows: v.moreRows === true,
  };
}

function storedResults(value: unknown): { item: string; result: ItemResult }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const r = raw as Record<string, unknown>;
    if (typeof r.item !== 'string' || (r.state !== 'passed' && r.state !== 'failed')) return [];
    const summary = storedSummary(r.summary);
    // Logs written before results were bounded may hold whole values: show only their first 1 KiB.
    const result: ItemResult = {
      state: r.state,
      value: boundText(text(r.value)).text,
      at: text(r.at),
      ms: typeof r.ms === 'number' ? r.ms : 0,
      by: text(r.by),
      ...(typeof r.error === 'string' ? { error: boundText(r.error).text } : {}),
      ...(r.refused === true ? { refused: true } : {}),
      ...(summary ? { summary } : {}),
    };
    return [{ item: r.item, result }];
  });
}

/** Applies one audit record about this plan; records that no longer fit the plan file are skipped. */
export function applyRecord(progress: MigrationProgress, record: AuditRecord): void {
  const d = record.details;
  const at = record.time;
  switch (record.kind) {
    case 'migration.advanced': {
      const from = phaseOf(d.from, progress);
      if (!from) return;
      const leftWith =
        typeof d.items === 'object' && d.items !== null ? (d.items as Record<string, ItemState>) : {};
      progress.phases.set(from, {
        state: 'done',
        since: at,
        by: record.actor,
        note: record.reason,
        leftWith,
      });
      const to = phaseOf(d.to, progress) ?? null;
      if (to) progress.phases.set(to, { state: 'active', since: at, by: record.actor, note: record.reason });
      progress.active = to;
      return;
    }
    case 'migration.rolled-back': {
      const from = phaseOf(d.from, progress);
      const to = phaseOf(d.to, progress);
      if (!from || !to) return;
      progress.phases.set(from, { state: 'rolled-back', since: at, by: record.actor, note: record.reason });
      // Re-entering the phase later starts its checklist afresh.
      for (const map of [progress.ticks, progress.waivers, progress.results])
        for (const key of [...map.keys()]) if (key.startsWith(`${from}/`)) map.delete(key);
      progress.phases.set(to, { state: 'active', since: at, by: record.actor, note: record.reason });
      progress.active = to;
      return;
    }
    case 'migration.item-ticked': {
      const phase = phaseOf(d.phase, progress);
      if (!phase || typeof d.item !== 'string') return;
      progress.ticks.set(itemKey(phase, d.item), {
        done: d.done !== false,
        by: record.actor,
        at,
        note: text(d.note),
      });
      return;
    }
    case 'migration.item-waived': {
      const phase = phaseOf(d.phase, progress);
      if (!phase || typeof d.item !== 'string') return;
      progress.waivers.set(itemKey(phase, d.item), { by: record.actor, at, reason: record.reason });
      return;
    }
    case 'migration.checks-run': {
      const phase = phaseOf(d.phase, progress);
      if (!phase) return;
      for (const { item, result } of storedResults(d.results))
        progress.results.set(itemKey(phase, item), result);
      return;
    }
  }
}

export function progressFromAudit(plan: PlanFile, records: readonly AuditRecord[]): MigrationProgress {
  const progress = initialProgress(plan);
  for (const r of records)
    if (r.target === plan.id && r.kind.startsWith('migration.')) applyRecord(progress, r);
  return progress;
}
