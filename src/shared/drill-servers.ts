// Drill rooms this control room started (drills.start): each runs as its own process, exactly what
// `control-room serve --drill` runs, so the real room here keeps showing the real fleet.
import type { Role } from './api/rollout-api';

export interface DrillJoinLink {
  name: string;
  role: Role;
  /** The join URL; its token is in the fragment and signs in this person alone. */
  url: string;
}

export interface StartedDrill {
  /** The drill's folder name under <workspace>/drills/, which its report keeps. */
  runId: string;
  pid: number;
  scenario: string;
  title: string;
  /** The facilitator's (the caller's) join URL. */
  url: string;
  /** One per invited person (without --invite: a watch-only observer). */
  invitations: DrillJoinLink[];
  /** The drill's own workspace folder. */
  workspace: string;
  startedAt: string;
}

/** A drill room that is still alive; its URLs only for the person who started it. */
export interface DrillServerView {
  pid: number;
  runId: string;
  scenario: string;
  title: string;
  startedBy: string;
  startedAt: string;
  mine: boolean;
  url?: string;
  invitations?: DrillJoinLink[];
}
