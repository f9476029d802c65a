// The domain model shared by core, shells and renderer. Plain data only: everything here crosses
// IPC, HTTP and WebSocket as JSON.
import type { KubernetesRolloutDetail } from './kubernetes-rollout';
import type { PauseAllRolloutResult } from './api/pause-all-api';
import type { Freeze } from './incidents';

/** `shedding`: proportional shedding, a share of traffic to a new group of servers beside the old. */
export const STRATEGIES = ['canary', 'blueGreen', 'rolling', 'phased', 'shedding'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One step of a rollout, in the order the controller executes them. */
export type RolloutStep =
  /** Shift this share of traffic (canary/phased) or of instances (rolling) to the new version. */
  | { kind: 'setWeight'; weight: number; group?: string }
  /** Hold. Without a duration the rollout waits for a person to promote it. */
  | { kind: 'pause'; durationSec?: number }
  /** Compare canary with baseline over a window; failure aborts the rollout. */
  | { kind: 'analysis'; durationSec: number }
  /** Blue-green: send all traffic to the new (preview) stack. */
  | { kind: 'switch' }
  /** An analysis the backend's own controller runs (Argo Rollouts' AnalysisRun), not the control room's judge. */
  | { kind: 'analysisRun'; templates: string[] }
  /** Run the given versions side by side as an experiment (Argo Rollouts), for a time or until it ends. */
  | { kind: 'experiment'; templates: string[]; durationSec?: number }
  /** Scale the canary apart from its traffic share: to replicas, to a share of replicas, or back to matching. */
  | { kind: 'setCanaryScale'; replicas?: number; weight?: number; matchTrafficWeight?: boolean }
  /** Route requests matching a header rule to the canary (traffic routers only); no rule removes the route. */
  | { kind: 'setHeaderRoute'; name: string; matches: string[] }
  /** Mirror a share of matching requests to the canary; no rule removes the mirror. */
  | { kind: 'setMirrorRoute'; name: string; percentage?: number; matches: number }
  /** A step this control room does not understand (a plugin step, a newer field): shown, never dropped. */
  | { kind: 'other'; what: string };

export const ROLLOUT_PHASES = [
  'progressing',
  'paused',
  'awaiting-promotion',
  'degraded',
  'aborted',
  'completed',
] as const;
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

export type PauseReason =
  | 'manual'
  | 'pause-step'
  | 'blue-green-promotion'
  | 'analysis-inconclusive'
  /** An experiment step ended inconclusive (Argo Rollouts). */
  | 'experiment-inconclusive';

export interface PauseCondition {
  reason: PauseReason;
  since: string;
  /** Set for a timed pause: when the controller resumes by itself. */
  until?: string;
  /** Who holds a manual pause (a person, or the judge after a failing background run). */
  actor?: string;
}

export type Health = 'healthy' | 'warning' | 'critical' | 'unknown';

export interface AnalysisResult {
  stepIndex: number;
  startedAt: string;
  finishedAt?: string;
  verdict: 'running' | 'pass' | 'fail' | 'inconclusive';
  /** 0-100 when judged. */
  score?: number;
  reason: string;
}

export type TimelineEventKind =
  | 'rollout-started'
  | 'step-started'
  | 'step-completed'
  | 'paused'
  | 'resumed'
  | 'analysis-started'
  | 'analysis-finished'
  | 'aborted'
  | 'completed'
  | 'action'
  /** The real backend no longer matches what the controller set (a hand-made change, a reload). */
  | 'drift'
  /** A feature flag touching the rollout's service changed in its environment (the audit log). */
  | 'flag-changed';

export interface TimelineEvent {
  time: string;
  kind: TimelineEventKind;
  actor: string;
  message: string;
  stepIndex?: number;
  /** The flag key of a `flag-changed` event, to open the flag. */
  flag?: string;
}

export interface WeightPoint {
  time: string;
  weight: number;
}

export const ACTIONS = [
  'pause',
  'resume',
  'promote',
  'promote-full',
  'abort',
  'retry',
  /** Write the rollout's traffic split to the backend again after drift (a hand change, a reload). */
  'reapply',
  'roll-forward',
  /** Make a new revision from an earlier one's template (Argo Rollouts): the steps run again. */
  'undo',
  /** Restart the rollout's pods, one at a time, without a new revision (Argo Rollouts). */
  'restart',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** Whether an action is allowed now and, if not, why: the UI shows the reason on the button. */
export interface ActionAvailability {
  action: ActionName;
  enabled: boolean;
  reason?: string;
  /** Set when only a release freeze holds it back: it may go ahead with an override reason. */
  freeze?: Freeze;
}

export interface RolloutSummary {
  /** `<connection>/<local id>`. */
  id: string;
  /** The deployment connection that serves it. */
  connection: string;
  /**
   * Set when this row comes from a backend that has not answered lately: how old it is (ms; -1 when
   * the backend never answered) and why. Its values are the last ones read, not live.
   */
  stale?: { ageMs: number; reason: string };
  service: string;
  environment: string;
  strategy: Strategy;
  stableVersion: string;
  /** The version being rolled out; equal to stableVersion when nothing is in flight. */
  canaryVersion: string;
  phase: RolloutPhase;
  /** Human sentence: what the rollout is doing or waiting for. */
  message: string;
  currentStepIndex: number;
  stepCount: number;
  /** Share of traffic (or instances) on the canary version, 0-100. */
  weight: number;
  health: Health;
  healthReason: string;
  /** The window the live health reading judged (its end is when it was read); absent when the phase decides. */
  healthWindow?: { from: string; to: string };
  stepStartedAt: string;
  updatedAt: string;
  /** Increases on every change; actions name the revision they were decided on. */
  revision: number;
  /** Why the rollout is not moving, if it is held: the fleet tells "waiting for a person" from "held by NAME". */
  pauseConditions: PauseCondition[];
  /** Where the backend's real state differs from the rollout's (changed by hand, or reloaded), in words. */
  drift?: string;
  /** The Kubernetes namespace, for rollouts of a cluster: the fleet groups by connection and namespace. */
  namespace?: string;
}

export interface RolloutDetail extends RolloutSummary {
  steps: RolloutStep[];
  startedAt: string;
  weightHistory: WeightPoint[];
  analyses: AnalysisResult[];
  timeline: TimelineEvent[];
  actions: ActionAvailability[];
  /** What a Kubernetes controller (Argo Rollouts) reports beyond the common model. */
  kubernetes?: KubernetesRolloutDetail;
  /**
   * The health the backend's own controller judges (Argo's AnalysisRuns), used where the control
   * room has no metrics reading of its own.
   */
  controllerHealth?: { health: Health; reason: string };
}

export const METRIC_NAMES = [
  'requestRate',
  'errorRate',
  'latencyP50',
  'latencyP90',
  'latencyP99',
  'cpu',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricPoint {
  time: string;
  baseline: number | null;
  canary: number | null;
}

export interface MetricSeries {
  metric: MetricName;
  unit: string;
  points: MetricPoint[];
  /**
   * Set when the metrics backend could not give this series now (down, hung, query refused), in
   * its words. The points are then the last ones it gave (read at `readAt`), or none.
   */
  error?: string;
  /** When the points were read: set with `error` when they are older than this answer. */
  readAt?: string;
}

export interface AuditRecord {
  seq: number;
  time: string;
  actor: string;
  kind: string;
  target: string;
  reason: string;
  details: Record<string, unknown>;
  prev: string;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  records: number;
  /** seq (or 1-based line number where seq is unreadable) of the first broken record. */
  firstBrokenSeq?: number;
  firstBrokenLine?: number;
  problem?: string;
  /** The head checkpoint beside the log, when it has one. */
  head?: { seq: number; hash: string; signed: boolean; signatureValid?: boolean };
}

/** Pushed to subscribers whenever something they may be showing changed. */
export type ChangeEvent =
  | { type: 'rollout'; id: string; revision: number }
  | { type: 'audit'; seq: number }
  /** A migration plan's progress, checklist results or plan file changed. */
  | { type: 'migration'; id: string }
  | { type: 'tick'; time: string }
  /** The session changed (writes blocked or restored): refresh it. */
  | { type: 'session' }
  /** The alerts of a source changed, or a source went stale or came back. */
  | { type: 'alerts' }
  /** A bulk action's progress (pause everything, keyed by its idempotency key): one result per event. */
  | { type: 'bulk'; id: string; done: number; total: number; result?: PauseAllRolloutResult }
  /** A notification was raised or read: refresh the bell. */
  | { type: 'notification' }
  /** An incident was declared, resolved or had its freeze overridden. */
  | { type: 'incident'; id: string }
  /** A freeze window was added, edited or removed, began or ended, or had its freeze overridden. */
  | { type: 'freeze-windows' }
  /** The live drill changed: its state, an inject, a participant's action or the steady state. */
  | { type: 'drill' }
  /** A flag changed (here or in its backend), or a flags connection went stale or came back. */
  | { type: 'flags' }
  /** A release set's run changed: a member started, a gate opened, paused, aborted, ended. */
  | { type: 'release-set'; set: string; environment: string };
