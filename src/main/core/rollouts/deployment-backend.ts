// The interface every deployment backend (simulator, Argo Rollouts, HAProxy fleets) implements.
import type { ActionName, RolloutDetail, TimelineEventKind } from '../../../shared/domain';

/**
 * What a backend knows of a rollout; the core adds health and the available actions. A backend
 * names its rollouts by local id; the fleet of connections prefixes `<connection>/` and sets
 * `connection` (and `stale` for rows of a backend that has not answered lately).
 */
export type RolloutSnapshot = Omit<
  RolloutDetail,
  'actions' | 'health' | 'healthReason' | 'connection' | 'stale'
> &
  Partial<Pick<RolloutDetail, 'connection' | 'stale'>>;

export type BackendCommand = (
  | { kind: Exclude<ActionName, 'roll-forward' | 'undo'>; actor: string }
  /** toVersion: a version, or for a container image backend an image reference or a tag. */
  | { kind: 'roll-forward'; actor: string; toVersion: string; container?: string }
  /** To that revision; absent: to the one before the current. */
  | { kind: 'undo'; actor: string; toRevision?: number }
  /** The core's analysis runner reports the verdict of an analysis step. */
  | {
      kind: 'analysis-result';
      actor: string;
      stepIndex: number;
      verdict: 'pass' | 'fail' | 'inconclusive';
      score: number;
      reason: string;
    }
) & {
  /** The action's idempotency key: a backend that keeps its own state records it with the change. */
  idempotencyKey?: string;
  /**
   * The rollout's revision the action was decided on: a backend that can check it at the write
   * (Kubernetes' resourceVersion) refuses when the rollout moved since.
   */
  basedOnRevision?: number;
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
  /** Where the backend saved this change (its journal's seq), for backends that keep their own state. */
  worldSeq?: number;
  /** The action that caused it, when one did. */
  idempotencyKey?: string;
}

/** The backend refused the command: the rollout's state does not allow it (now). Nothing was done. */
export class BackendRefusal extends Error {}

/** The backend could not make the change durable and undid it: nothing was done. */
export class BackendNotSaved extends Error {}

export interface DeploymentBackend {
  readonly name: string;
  list(): RolloutSnapshot[];
  get(id: string): RolloutSnapshot | undefined;
  /**
   * The full id a possibly bare one stands for (the fleet of connections); throws an ApiError naming
   * the candidates when it is ambiguous. Single backends have no need of it.
   */
  resolve?(id: string): string | undefined;
  /**
   * Applies a command. Resolves once the effect is durable; rejects with BackendRefusal (not allowed
   * now) or BackendNotSaved (undone) when nothing was done, or another error when the backend failed.
   */
  apply(id: string, command: BackendCommand): Promise<BackendAnswer>;
  /**
   * The versions of the rollout's service this backend knows to exist (published, or serving now),
   * newest first; undefined for an unknown rollout. Roll forward is refused to any other version.
   */
  knownVersions(id: string): readonly string[] | undefined;
  /**
   * Lets the controller move on (timed pauses, settled weights); a no-op for backends that run
   * themselves. Throws BackendNotSaved, having moved nothing, when the moves could not be saved.
   */
  tick(now: number): void;
  /** Reports every change once it is durable, before apply resolves. */
  onChange(listener: (change: BackendChange) => void): () => void;
  /**
   * Backends whose rows move under them (a Kubernetes watch): a row changed in a way worth showing
   * but not recording (a status message, a replica count), so screens refresh it at once.
   */
  onRowChange?(listener: (id: string, revision: number) => void): () => void;
  /**
   * Backends whose state the control room keeps (the simulator, HAProxy fleets): the saved changes
   * not yet folded into a snapshot, with their worldSeq and idempotency key, so the core can record
   * what a crash left out of the audit log and tell whether an interrupted action was applied.
   */
  durableChanges?(): readonly BackendChange[];
}
