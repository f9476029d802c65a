// What crosses the API about feature flags: a flag as one environment sees it, the changes a person
// can ask for, and what a change returns. Backends (Unleash, a flagd file) map their own shapes here.

/** A constraint on who a strategy applies to (Unleash's `contextName operator values`). */
export interface FlagConstraint {
  contextName: string;
  /** The backend's operator word, e.g. IN, NOT_IN, STR_STARTS_WITH, NUM_GT. */
  operator: string;
  values: string[];
  inverted?: boolean;
  caseInsensitive?: boolean;
}

/** How a flag that is on decides per user: a gradual rollout to a share, a group, or everyone. */
export interface FlagStrategy {
  /** The backend's strategy name, e.g. `flexibleRollout`, `default`; flagd: `fractional`. */
  name: string;
  /** The share of users it applies to, 0–100, for a gradual rollout. */
  rolloutPercent?: number;
  /** What users are bucketed by (the same group sees the same answer across flags). */
  groupId?: string;
  constraints: FlagConstraint[];
}

export interface FlagVariant {
  name: string;
  /** Share of the users the flag is on for, 0–100 (backends that weigh out of 1000 are scaled). */
  weightPercent: number;
  payload?: { type: string; value: string };
}

export interface Flag {
  key: string;
  /** The backend's project (Unleash) or file (flagd) it lives in. */
  project: string;
  environment: string;
  enabled: boolean;
  strategies: FlagStrategy[];
  variants: FlagVariant[];
  owner?: string;
  description?: string;
  /** The last change the backend knows of, and who made it (as the backend tells it). */
  lastChange?: { at: string; by: string };
  /** The services the flag touches: the flag's tags or config links; empty when none are named. */
  services?: string[];
  /**
   * An opaque token of the flag's state in this environment, handed back as `expected` with a
   * change: the backend refuses the change when the flag is no longer in that state.
   */
  version: string;
  /** Set when the backend did not answer: this is the last state read, as of `asOf`. */
  stale?: boolean;
  asOf?: string;
}

/** The changes a person can ask for; each carries a reason for the audit trail. */
export type FlagChange =
  | { kind: 'enable' }
  /** The kill switch: never refused by a freeze and never asks for confirmation. */
  | { kind: 'disable' }
  /** The share of the gradual rollout (0–100), and optionally its group. */
  | { kind: 'set-rollout'; percent: number; groupId?: string };

export type FlagChangeKind = FlagChange['kind'];

/** What a change did: `already` when the flag was already so (idempotent: nothing was written). */
export interface FlagChangeResult {
  outcome: 'applied' | 'already';
  before: Flag;
  after: Flag;
  /** In words, e.g. "checkout-v2 in production: rollout 10% → 25%". */
  message: string;
}

/** True for a share a rollout can take: a whole number 0–100 (Unleash stores rollout as an integer). */
export function isRolloutPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

/** One flag in one environment as the Flags view lists it: the flag and the connection that holds it. */
export interface FlagRow extends Flag {
  /** The flags connection (unleash, flagd-file, simulator) it was read from. */
  connection: string;
  /** The last change the control room recorded for it (its audit log), newest first when several. */
  lastRecorded?: { at: string; by: string; summary: string; auditSeq: number };
}

/** How one flags connection answered the last list: live, or stale with its age and why. */
export interface FlagSourceStatus {
  connection: string;
  kind: string;
  /** ms since the connection last answered; absent when it answered this time. */
  staleMs?: number;
  /** Why it is stale or has never answered; absent when live. */
  problem?: string;
}

export interface FlagList {
  flags: FlagRow[];
  sources: FlagSourceStatus[];
  /** When this list was read (the room's clock). */
  asOf: string;
}

/** The audit kinds of flag changes; `flag.changed` is a change on the what-changed axis. */
export const FLAG_AUDIT_KINDS = {
  /** A change the backend applied (fsynced before the caller is told). */
  changed: 'flag.changed',
  /** Refused before the backend was asked: a freeze, a precondition (changed underneath), bad input. */
  refused: 'flag.change-refused',
  /** Asked and not applied: the backend was down, slow or answered an error. Retried only when asked. */
  failed: 'flag.change-failed',
} as const;

/** The state of a flag that a `flag.changed` record keeps, before and after. */
export interface FlagStateDigest {
  enabled: boolean;
  /** The gradual rollout's share, when the flag has one. */
  rolloutPercent?: number;
  groupId?: string;
}

/**
 * The details of a `flag.changed` (and `.change-refused`/`.change-failed`) record; target is the
 * flag key. Readers (timelines, what-changed, postmortems, delivery metrics) rely on these names.
 */
export interface FlagAuditDetails {
  connection: string;
  environment: string;
  change: FlagChangeKind;
  percent?: number;
  groupId?: string;
  before?: FlagStateDigest;
  after?: FlagStateDigest;
  /** The services the flag touches (from the backend's links), so a timeline of each can show it. */
  services: string[];
  /** In words, e.g. "checkout-v2 in production: rollout 10% → 25%". */
  message: string;
  idempotencyKey: string;
  /** refused/failed only: what was wrong, in words. */
  error?: string;
  /** refused only, changed underneath: what differed. */
  changed?: string[];
}

/** Every backend refuses a share outside 0–100 the same way, before it asks anything of its store. */
export function assertRolloutPercent(value: number): void {
  if (!isRolloutPercent(value))
    throw new RangeError(`rollout ${String(value)}% is not a whole number from 0 to 100`);
}
