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
