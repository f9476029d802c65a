// Schema migrations (expand / contract) as the UI, the CLI and the API see them. Plain data only.

export const MIGRATION_PHASES = ['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'] as const;
export type PhaseId = (typeof MIGRATION_PHASES)[number];

/** DESIGN.md's phase names; a plan may give a phase a more specific title. */
export const PHASE_NAMES: Record<PhaseId, string> = {
  P0: 'plan',
  P1: 'expand',
  P2: 'dual-write',
  P3: 'backfill',
  P4: 'verify',
  P5: 'switch reads',
  P6: 'stop writing old',
  P7: 'contract',
};

/** The one phase that cannot be rolled back: the old shape is gone. */
export const IRREVERSIBLE_PHASE: PhaseId = 'P7';

export function isPhaseId(value: string): value is PhaseId {
  return (MIGRATION_PHASES as readonly string[]).includes(value);
}

export type PhaseState = 'pending' | 'active' | 'done' | 'rolled-back';
export type ItemState = 'pending' | 'passed' | 'failed' | 'waived';
export type ItemKind = 'manual' | 'sql' | 'metric';

export interface GateView {
  kind: 'previous-phase' | 'release-at-100' | 'no-release-before';
  /** What the gate asks for, e.g. "checkout 2.4.0 at 100% in staging, prod-us, prod-eu". */
  description: string;
  met: boolean;
  /** Why it is met or, when blocked, exactly what still stands in the way. */
  reason: string;
}

/**
 * What a hand-written SQL check read, as it is recorded and shown: the type of the value judged and
 * its size, never the raw result (the value itself is ItemResult.value, at most 1 KiB).
 */
export interface ResultSummary {
  /**
   * 'rows' when the row count was judged (expect: zero-rows), 'no-rows' when a value was expected
   * but no row came, else the type of the first row's first value.
   */
  type: 'rows' | 'no-rows' | 'null' | 'boolean' | 'integer' | 'number' | 'text';
  /** The first value's size as text, in UTF-8 bytes (0 for rows, no-rows and null). */
  bytes: number;
  /** True when the value shown is only its start (it ends with "… [truncated: N bytes in all]"). */
  truncated: boolean;
  /** Rows read; when moreRows, the server had more than the cap a check may read, which were not read. */
  rows: number;
  moreRows: boolean;
}

export interface ItemResult {
  state: 'passed' | 'failed';
  /** The value seen, in words, at most 1 KiB: "628,000 rows left", "valid", "0.21%". */
  value: string;
  /** The database's or backend's message when the check could not run or was refused (at most 1 KiB). */
  error?: string;
  /** Set when the check did not run because the database role may do more than read. */
  refused?: boolean;
  /** For hand-written SQL queries: the type and size of what was read. */
  summary?: ResultSummary;
  at: string;
  ms: number;
  /** Who ran it: a person, or "background" for the periodic re-run of the active phase. */
  by: string;
}

export interface ItemView {
  id: string;
  kind: ItemKind;
  title: string;
  state: ItemState;
  /** What the automated check looks at, e.g. "rows-left orders.customer_id from customer_ref". */
  check?: string;
  /** The SQL a `sql` item runs (read-only), for people who want to see it. */
  sql?: string;
  result?: ItemResult;
  ticked?: { by: string; at: string; note: string };
  waived?: { by: string; at: string; reason: string };
}

export interface ReleaseEnvironment {
  environment: string;
  rolloutId: string;
  /** The versions serving traffic now and their share, newest first. */
  serving: { version: string; share: number }[];
  /** True when every request in this environment is served by the release or a later one. */
  atFull: boolean;
}

export interface LinkedRelease {
  service: string;
  version: string;
  environments: ReleaseEnvironment[];
}

export interface PhaseView {
  id: PhaseId;
  title: string;
  state: PhaseState;
  /** When and by whom the phase last changed state. */
  since?: string;
  by?: string;
  note?: string;
  gates: GateView[];
  /** All gates met (for the active phase: every item passed or waived, so it may be left). */
  gatesMet: boolean;
  items: ItemView[];
  release?: LinkedRelease;
  rollback: string;
  irreversible: boolean;
}

export type MigrationStatus = 'in-progress' | 'complete';

export interface MigrationSummary {
  id: string;
  title: string;
  database: string;
  /** "orders.customer_ref → customer_id" */
  change: string;
  table: string;
  status: MigrationStatus;
  /** The active phase; null once the last phase is done. */
  current: PhaseId | null;
  currentTitle: string;
  failingItems: number;
  openItems: number;
  /** The next phase and, when it may not be entered yet, why. */
  next?: { id: PhaseId; title: string; blockedBy: string[] };
  file: string;
}

export interface MigrationDetail extends MigrationSummary {
  phases: PhaseView[];
  /** Where checks run: "PostgreSQL app@127.0.0.1:5432/orders" or "simulated database orders". */
  databaseLabel: string;
  checkTimeoutMs: number;
  /** Set while automated checks are running. */
  checking: boolean;
  /**
   * Set when the database profile lets checks run as a role that can do more than read
   * (allowPrivilegedRole: true), naming what the role was last seen to be allowed.
   */
  roleWarning?: string;
}

export interface MigrationList {
  plans: MigrationSummary[];
  /** Plan files that could not be read, each naming file:line and field. */
  problems: string[];
  /** Where plans come from: the workspace's migrations/ folder, or the demo plans. */
  source: string;
}
