// The requests `kubectl argo rollouts` sends for each action, computed the way the plugin computes
// them (pkg/kubectl-argo-rollouts/cmd/*): merge patches on the status subresource, falling back to
// the main resource when the cluster has none (404); a JSON patch of /spec/template for undo; the
// whole object back for set image. Kept pure so the contract tests can hold them to the plugin's bytes.
import type { KubeObject } from './kube-client';
import { revisionOf, withoutPodHash, deepDerivative } from './argo-mapping';

export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

/** One request of an action. `fallback` replaces it when the status subresource answers 404. */
export interface PlannedRequest {
  subresource?: 'status';
  method: 'PATCH' | 'PUT';
  contentType: string;
  body: unknown;
  /** What it does, for the answer and for a partial failure. */
  does: string;
}

/** The plugin's promote: status patch first (with a unified fallback), then the spec patch. */
export interface PromotePlan {
  status?: PlannedRequest;
  /** Sent instead of `status` + `spec` when the cluster has no status subresource. */
  unified: PlannedRequest;
  spec?: PlannedRequest;
}

const merge = (body: unknown, does: string, subresource?: 'status'): PlannedRequest => ({
  ...(subresource ? { subresource } : {}),
  method: 'PATCH',
  contentType: MERGE_PATCH,
  body,
  does,
});

function canarySteps(rollout: KubeObject): unknown[] | undefined {
  const canary = obj(rollout.spec?.strategy).canary;
  if (canary === undefined) return undefined;
  const steps = obj(canary).steps;
  return Array.isArray(steps) ? steps : [];
}

/** replicasetutil.GetCurrentCanaryStep's index: nil without canary steps, nil status index means 0. */
function currentStepIndex(rollout: KubeObject): number | undefined {
  const steps = canarySteps(rollout);
  if (!steps || steps.length === 0) return undefined;
  const index = rollout.status?.currentStepIndex;
  return typeof index === 'number' ? index : 0;
}

function isInconclusive(rollout: KubeObject): boolean {
  const canary = obj(rollout.status?.canary);
  return (
    rollout.spec?.strategy !== undefined &&
    obj(rollout.spec.strategy).canary !== undefined &&
    obj(canary.currentStepAnalysisRunStatus).status === 'Inconclusive'
  );
}

/** promote ROLLOUT (no flags): getPatches' default case. */
export function promotePlan(rollout: KubeObject): PromotePlan {
  const spec = rollout.spec ?? {};
  const status = rollout.status ?? {};
  const paused = spec.paused === true;
  const conditions = Array.isArray(status.pauseConditions) ? status.pauseConditions : [];
  const steps = canarySteps(rollout);
  let unified = merge(
    { spec: { paused: false }, status: { pauseConditions: null } },
    'unpaused and cleared the pause conditions',
  );
  let statusPatch: PlannedRequest | undefined;
  const specPatch = paused ? merge({ spec: { paused: false } }, 'unpaused the spec') : undefined;
  const next = (index: number): number => (steps && index < steps.length ? index + 1 : index);
  if (isInconclusive(rollout) && conditions.length > 0 && status.controllerPause === true) {
    const index = currentStepIndex(rollout);
    if (index !== undefined)
      statusPatch = merge(
        { status: { pauseConditions: null, controllerPause: false, currentStepIndex: next(index) } },
        `cleared the inconclusive analysis's pause and moved to step ${next(index) + 1}`,
        'status',
      );
  } else if (conditions.length > 0) {
    statusPatch = merge({ status: { pauseConditions: null } }, 'cleared the pause conditions', 'status');
  } else if (steps !== undefined) {
    const index = currentStepIndex(rollout);
    if (index !== undefined) {
      statusPatch = merge(
        { status: { pauseConditions: null, currentStepIndex: next(index) } },
        `moved to step ${next(index) + 1}`,
        'status',
      );
      unified = merge(
        { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: next(index) } },
        `unpaused and moved to step ${next(index) + 1}`,
      );
    }
  }
  return {
    ...(statusPatch ? { status: statusPatch } : {}),
    unified,
    ...(specPatch ? { spec: specPatch } : {}),
  };
}

/** promote ROLLOUT --full. */
export function promoteFullPlan(rollout: KubeObject): PromotePlan {
  const status = rollout.status ?? {};
  const paused = rollout.spec?.paused === true;
  return {
    ...(status.currentPodHash !== status.stableRS
      ? { status: merge({ status: { promoteFull: true } }, 'asked for a full promotion', 'status') }
      : {}),
    unified: merge(
      { spec: { paused: false }, status: { promoteFull: true } },
      'unpaused and asked for a full promotion',
    ),
    ...(paused ? { spec: merge({ spec: { paused: false } }, 'unpaused the spec') } : {}),
  };
}

/** abort and retry: the same patch on the status subresource, or on the main resource without one. */
export function statusFlagPlan(abort: boolean): PromotePlan {
  const body = { status: { abort } };
  const does = abort ? 'aborted: traffic to the stable ReplicaSet' : 'retried: the abort is lifted';
  return { status: merge(body, does, 'status'), unified: merge(body, does) };
}

export const PAUSE_PATCH = merge({ spec: { paused: true } }, 'paused the spec');

/** resume: the unpause half of promote, for a rollout a person paused. */
export const RESUME_PATCH = merge({ spec: { paused: false } }, 'unpaused the spec');

/** restart ROLLOUT: the time as the plugin formats it (RFC 3339, seconds, UTC). */
export function restartPatch(now: number): PlannedRequest {
  const at = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return merge({ spec: { restartAt: at } }, `asked for every pod to restart (restartAt ${at})`);
}

export class PlanRefused extends Error {}

/** undo ROLLOUT [--to-revision N]: the ReplicaSet of that revision (default: the one before the newest). */
export function undoTarget(rollout: KubeObject, replicaSets: KubeObject[], toRevision?: number): KubeObject {
  if (toRevision !== undefined) {
    const found = replicaSets.find((rs) => revisionOf(rs) === toRevision);
    if (!found) throw new PlanRefused(`unable to find specified revision ${toRevision} in history`);
    return found;
  }
  const sorted = [...replicaSets].sort((a, b) => revisionOf(b) - revisionOf(a));
  const previous = sorted[1];
  if (!previous) throw new PlanRefused(`no revision found for rollout "${rollout.metadata.name}"`);
  return previous;
}

/** A rollout whose template lives in a Deployment (workloadRef) is undone and rolled there, not here. */
function refuseWorkloadRef(rollout: KubeObject, what: string): void {
  const ref = obj(rollout.spec?.workloadRef);
  if (rollout.spec?.workloadRef !== undefined)
    throw new PlanRefused(
      `its pod template lives in ${String(ref.kind ?? 'a workload')} ${String(ref.name ?? '')}, not in the Rollout: ${what} that object (kubectl argo rollouts patches it there), which this control room does not do yet`,
    );
}

export function undoPatch(rollout: KubeObject, target: KubeObject): PlannedRequest {
  refuseWorkloadRef(rollout, 'undo through');
  const template = obj(obj(target.spec).template);
  if (deepDerivative(withoutPodHash(rollout.spec?.template), withoutPodHash(template)))
    throw new PlanRefused(
      `skipped rollback (current template already matches revision ${revisionOf(target)})`,
    );
  return {
    method: 'PATCH',
    contentType: JSON_PATCH,
    body: [{ op: 'replace', path: '/spec/template', value: withoutPodHash(template) }],
    does: `restored revision ${revisionOf(target)}'s pod template`,
  };
}

/**
 * set image ROLLOUT CONTAINER=IMAGE: the object with that container's image changed, put back whole
 * (its resourceVersion makes the write conditional). `to` is an image reference, or a bare tag that
 * replaces the tag of the container's current image.
 */
export function setImageBody(
  rollout: KubeObject,
  container: string | undefined,
  to: string,
): { body: KubeObject; image: string; container: string } {
  refuseWorkloadRef(rollout, 'set the image on');
  const copy = structuredClone(rollout);
  const podSpec = obj(obj(copy.spec?.template).spec);
  const lists = ['initContainers', 'containers', 'ephemeralContainers']
    .map((f) => podSpec[f])
    .filter(Array.isArray) as Json[][];
  const all = lists.flat();
  const mains = Array.isArray(podSpec.containers) ? (podSpec.containers as Json[]) : [];
  const name = container ?? (mains.length === 1 ? String(mains[0]?.name) : undefined);
  if (name === undefined)
    throw new PlanRefused(
      `name the container: ${mains.map((c) => String(c.name)).join(', ') || 'the template has none'}`,
    );
  const targets = all.filter((c) => c.name === name);
  if (targets.length === 0) throw new PlanRefused(`unable to find container named "${name}"`);
  let image = to;
  if (!/[/:@]/.test(to)) {
    // repo:1.2@sha256:… with a bare tag becomes repo:TAG: the digest and the old tag both go.
    const current = String(targets[0]?.image ?? '').split('@')[0] ?? '';
    image = `${current.replace(/:[^/:]*$/, '')}:${to}`;
  }
  for (const c of targets) c.image = image;
  return { body: copy, image, container: name };
}
