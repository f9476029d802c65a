// What the app shows of drills: the live drill (briefing, simulated clock, what has happened, the
// participants' actions; the facilitator also sees the injects to come) and the drill history with
// its trends. The runner's own types stay in core; these are the shapes that cross the API.

export const DRILL_STATES = ['ready', 'running', 'paused', 'ended'] as const;
export type DrillRunState = (typeof DRILL_STATES)[number];

/** On SessionInfo while the room is a drill's: every screen shows the DRILL banner from it. */
export interface DrillMark {
  scenario: string;
  title: string;
  state: DrillRunState;
}

/** One inject as the API shows it; `at` is the simulated offset (ms) from the drill's start. */
export interface DrillInjectView {
  id: string;
  kind: string;
  at: number;
  /** Made live by the facilitator, not in the scenario's timeline. */
  live: boolean;
  note?: string;
  /** When it stopped (its duration ran out, or it was reverted). */
  endedAt?: number;
}

/** A participant's action in the drill, as it happened (simulated offset and wall time). */
export interface DrillActionView {
  offset: number;
  wallTime: string;
  actor: string;
  action: string;
  /** The rollout's local id (or the config push a revert names). */
  target: string;
  outcome: 'succeeded' | 'failed' | 'refused' | 'done';
  message: string;
}

export interface DrillStatus {
  scenario: { id: string; title: string; briefing: string; steadyState: string };
  team?: string;
  seed: number;
  state: DrillRunState;
  /** Simulated ms since the drill's start, and the drill's length. */
  offset: number;
  durationMs: number;
  /** Simulated seconds per wall second while running (1-60). */
  speed: number;
  /** This machine cannot keep the speed: simulated time runs slower, and how much it gave up. */
  lagging?: { droppedMs: number };
  simulatedTime: string;
  /** The steady-state hypothesis at the last check, with the probes that fail it. */
  steadyState: { holds: boolean; failing: string[] };
  /**
   * What has happened. Participants see the injects a real on-call would notice (alerts, config
   * pushes, migration phases, live injects the facilitator announces); the facilitator sees all.
   */
  happened: DrillInjectView[];
  /** The facilitator only: the scenario's injects still to come. */
  upcoming?: DrillInjectView[];
  actions: DrillActionView[];
  /** Whether the caller runs this drill (may start, pause, step, set the speed, inject, end). */
  facilitator: boolean;
  /** Once ended: the run's entry in the drill history (its report). */
  runId?: string;
}

/** One finished drill in the workspace's history. */
export interface DrillRunSummary {
  /** The run's folder under <workspace>/drills/. */
  id: string;
  scenario: string;
  title: string;
  team?: string;
  seed: number;
  /** Wall time the run finished. */
  finishedAt: string;
  score: number;
  timeToDetectMs?: number;
  timeToMitigateMs?: number;
}

/** Scores of one scenario by one team over time, oldest first, and the change since the first. */
export interface DrillTrend {
  scenario: string;
  team?: string;
  runs: { id: string; finishedAt: string; score: number }[];
  change: number;
}

export interface DrillHistory {
  runs: DrillRunSummary[];
  trends: DrillTrend[];
  /** Runs whose folder could not be read, with why (a damaged result file is shown, not hidden). */
  unreadable: { id: string; reason: string }[];
}

export interface DrillReport {
  id: string;
  markdown: string;
  /** A self-contained HTML page (inline styles and SVG charts; no script, no external fetch). */
  html: string;
}

/** A scenario the workspace can run: shipped, or from the workspace's scenarios/ folder. */
export interface ScenarioSummary {
  id: string;
  title: string;
  briefing: string;
  source: 'shipped' | 'workspace';
  durationMs: number;
  injects: number;
}
