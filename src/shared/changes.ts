// One change to the fleet on the what-changed axis: from the audit log, or from what a backend
// reports about the time before the control room started (rollout start times, revisions).
export const CHANGE_KINDS = [
  'rollout-started',
  'step-advanced',
  'paused',
  'resumed',
  'aborted',
  'promoted',
  'rolled-forward',
  'undone',
  'completed',
  'migration-phase',
  'flag-changed',
  'config-changed',
  'freeze-declared',
  'freeze-overridden',
  'freeze-lifted',
  'other',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  /** Unique and stable: `audit:<seq>` or `<source>:<what>`. */
  id: string;
  time: string;
  kind: ChangeKind;
  /** Who made it: a person, `judge`, the backend's controller. */
  actor: string;
  service?: string;
  environment?: string;
  connection?: string;
  /** The rollout it is about (opens on click), when it is about one. */
  rollout?: string;
  /** The flag key of a `flag-changed` change (opens the flag's page, with `environment`). */
  flag?: string;
  summary: string;
  /** `audit` when the control room recorded it; `backend` when read from the backend's history. */
  source: 'audit' | 'backend';
  auditSeq?: number;
}
