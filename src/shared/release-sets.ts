// Release sets: components that must be released together (checkout 2.4.0 + payments 5.13.0 +
// orders schema P5), in order, each starting only when the gate after the one before it holds in
// that environment. What crosses the API about a set and its run.
import type { PhaseId } from './migrations';

/** One member: a service's version, or a migration plan reaching a phase. */
export type ReleaseSetMember = (
  { kind: 'service'; service: string; version: string } | { kind: 'migration'; plan: string; phase: PhaseId }
) & {
  /** The members (service names, plan ids) whose gates must hold before this one starts; default: the one before. */
  after?: string[];
};

/** The set as configured (config.yaml `releaseSets:` or a file in the workspace's `sets/`). */
export interface ReleaseSetDefinition {
  name: string;
  description?: string;
  /** In release order; abort goes the other way. */
  members: ReleaseSetMember[];
  /** Environments it may run in; every environment the fleet has when absent. */
  environments?: string[];
  /** Where it was defined (`config.yaml:12`, `sets/checkout-2-4.yaml:1`), for errors and the view. */
  source: string;
  /** Why it cannot start (an unknown service, version, plan or phase, per environment); absent when it can. */
  problems?: string[];
}

export const RELEASE_SET_STATES = [
  /** Defined, not running in this environment. */
  'idle',
  'running',
  'paused',
  /** Every member reached its target and its gate: the set is released. */
  'completed',
  'aborting',
  'aborted',
  /** A member failed (its rollout aborted, its phase rolled back): the set stopped; see reason. */
  'failed',
] as const;
export type ReleaseSetState = (typeof RELEASE_SET_STATES)[number];

export const MEMBER_STATES = [
  /** Its turn has not come: the gate before it does not hold yet (see `gate`). */
  'waiting',
  /** Its rollout (or phase advance) was started and is in progress. */
  'rolling-out',
  'paused',
  /** At 100% and healthy (a service), or at its phase (a migration). */
  'done',
  'aborted',
  'failed',
] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** The gate before a member: the member before it at 100% and healthy (or at its phase) in that environment. */
export interface GateStatus {
  holds: boolean;
  /** In words: "checkout at 100% and healthy" or "waiting: checkout at 40%". */
  reason: string;
}

export interface MemberStatus {
  member: ReleaseSetMember;
  /** `checkout 2.4.0`, `orders-customer-id schema P5`. */
  label: string;
  state: MemberState;
  /** The rollout that serves the member in the environment (service members), when there is one. */
  rollout?: string;
  /** Its rollout's traffic on the member's version, 0–100 (service members). */
  weight?: number;
  health?: string;
  /** The gate before this member; absent for the first. */
  gate?: GateStatus;
}

export interface ReleaseSetRun {
  set: string;
  environment: string;
  state: ReleaseSetState;
  members: MemberStatus[];
  /** The set's verdict in words ("released", "waiting for checkout to reach 100%", "failed: …"). */
  verdict: string;
  startedAt?: string;
  startedBy?: string;
  /** Audit records of the set's story (start, each member's start, pause, abort, end), oldest first. */
  auditSeqs: number[];
}

export interface ReleaseSetSummary {
  definition: ReleaseSetDefinition;
  /** One run per environment it has run (or runs) in; idle environments are left out. */
  runs: ReleaseSetRun[];
}

export const RELEASE_SET_AUDIT_KINDS = {
  started: 'set.started',
  memberStarted: 'set.member-started',
  paused: 'set.paused',
  resumed: 'set.resumed',
  aborted: 'set.aborted',
  completed: 'set.completed',
  failed: 'set.failed',
  /** A member's rollout acted on alone while its set was in flight: refused, with the reason. */
  refusedAlone: 'set.member-refused',
} as const;
