// Incidents and release freezes: the shapes the core, the shells and the renderer share. An open
// incident freezes releases everywhere until it is resolved with a root cause; a scheduled freeze
// window freezes the environments it names for its time.
import type { ActionName } from './domain';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Actions a freeze refuses: each one moves new code towards users. Pause, abort, undo stay allowed. */
export const FROZEN_ACTIONS: ReadonlySet<ActionName> = new Set<ActionName>([
  'promote',
  'promote-full',
  'resume',
  'retry',
  'roll-forward',
]);

/** One action let through a freeze by a person who gave a reason. */
export interface FreezeOverride {
  time: string;
  actor: string;
  reason: string;
  action: ActionName;
  rollout: string;
  /** The audit record of the override. */
  auditSeq: number;
}

export interface Incident {
  /** `INC-<n>`, numbered in the order incidents were declared in this workspace. */
  id: string;
  title: string;
  severity: Severity;
  commander: string;
  declaredAt: string;
  declaredBy: string;
  resolvedAt?: string;
  resolvedBy?: string;
  /** The root-cause note or a link to the analysis; an incident is resolved only with one. */
  rca?: string;
  overrides: FreezeOverride[];
  /** The audit record that declared it. */
  auditSeq: number;
}

/** Why releases are frozen for a rollout now, and until when; the UI shows `reason` on the buttons. */
export interface Freeze {
  reason: string;
  source: { kind: 'incident'; id: string } | { kind: 'window'; name: string };
  /** When the freeze lifts by itself (a window's end); absent for an incident (it lifts when resolved). */
  until?: string;
  /** A window's IANA zone, so the reopen time is shown as the window was written ("Mon 08:00 Europe/Berlin"). */
  timezone?: string;
  /** Environments it covers; absent means every environment. */
  environments?: string[];
}

/** Audit record kinds of the incident features; the what-changed view and the postmortem read them. */
export const INCIDENT_AUDIT_KINDS = {
  declared: 'incident.declared',
  resolved: 'incident.resolved',
  /** A refused resolve (no root cause, already resolved). */
  resolveRefused: 'incident.resolve-refused',
  overridden: 'freeze.overridden',
  pauseAll: 'rollouts.pause-all',
  silenced: 'alert.silenced',
} as const;
