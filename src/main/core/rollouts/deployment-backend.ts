// The interface every deployment backend (simulator, Argo Rollouts, HAProxy fleets) implements.
import type { ActionName, RolloutDetail, TimelineEventKind } from '../../../shared/domain';

/** What a backend knows of a rollout; the core adds health and the available actions. */
export type RolloutSnapshot = Omit<RolloutDetail, 'actions' | 'health' | 'healthReason'>;

export type BackendCommand =
  | { kind: Exclude<ActionName, 'roll-forward'>; actor: string }
  | { kind: 'roll-forward'; actor: string; toVersion: string }
  /** The core's analysis runner reports the verdict of an analysis step. */
  | {
      kind: 'analysis-result';
      actor: string;
      stepIndex: number;
      verdict: 'pass' | 'fail' | 'inconclusive';
      score: number;
      reason: string;
    };

export interface BackendAnswer {
  /** What the backend did, in words, e.g. "Traffic returned to 2.3.1". */
  message: string;
  rollout: RolloutSnapshot;
}

/** A state change the backend reports, whether caused by an action or by the controller itself. */
export interface BackendChange {
  id: string;
  revision: number;
  kind: TimelineEventKind;
  actor: string;
  message: string;
  /** The version the change concerns (the one rolling out, or just made stable), for its history. */
  version: string;
}

export interface DeploymentBackend {
  readonly name: string;
  list(): RolloutSnapshot[];
  get(id: string): RolloutSnapshot | undefined;
  apply(id: string, command: BackendCommand): Promise<BackendAnswer>;
  /**
   * The versions of the rollout's service this backend knows to exist (published, or serving now),
   * newest first; undefined for an unknown rollout. Roll forward is refused to any other version.
   */
  knownVersions(id: string): readonly string[] | undefined;
  /** Lets the controller move on (timed pauses, settled weights); a no-op for backends that run themselves. */
  tick(now: number): void;
  onChange(listener: (change: BackendChange) => void): () => void;
}
