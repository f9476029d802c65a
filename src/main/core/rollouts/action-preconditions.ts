// Which actions make sense for a rollout right now, and why not otherwise. The core asks every
// policy before any backend call; the UI shows the same reasons on disabled buttons.
import { ACTIONS, type ActionAvailability, type ActionName } from '../../../shared/domain';
import { FROZEN_ACTIONS, type Freeze } from '../../../shared/incidents';
import type { RolloutSnapshot } from './deployment-backend';
import { drillIsolationPolicy } from '../drills/drill-isolation';

/** What a policy decides on: the rollout as it is, the action asked for, what the backend knows. */
export interface ActionContext {
  rollout: RolloutSnapshot;
  action: ActionName;
  toVersion?: string | undefined;
  toRevision?: number | undefined;
  /** The versions of the rollout's service the deployment backend knows to exist. */
  knownVersions: readonly string[];
  /** The release freeze covering the rollout's environment now, if any. */
  freeze?: Freeze | undefined;
  /** The reason a person gave to act through the freeze (already checked non-empty at the boundary). */
  overrideFreeze?: string | undefined;
  /** Set when the room runs a drill: its actions may reach simulator connections only. */
  drill?: { id: string } | undefined;
  /** The rollout's connection and its kind (simulator, argo-rollouts, haproxy, …), when known. */
  connection?: { name: string; kind: string } | undefined;
}

/** A small pure rule: the reason it refuses the action, or undefined when it has no objection. */
export type ActionPolicy = (context: ActionContext) => string | undefined;

function whyNot(r: RolloutSnapshot, action: ActionName): string | undefined {
  const manual = r.pauseConditions.some((c) => c.reason === 'manual');
  const done = r.phase === 'completed';
  const aborted = r.phase === 'aborted' || r.phase === 'degraded';
  switch (action) {
    case 'pause':
      if (done) return 'The rollout is complete: nothing to pause.';
      if (aborted) return 'The rollout was aborted: traffic is already on the stable version.';
      if (manual) return 'Already paused.';
      return undefined;
    case 'resume':
      return manual ? undefined : 'Not paused by anyone: use Promote to pass a pause step.';
    case 'promote':
    case 'promote-full':
      if (done) return `Already complete: ${r.stableVersion} serves all traffic.`;
      if (aborted) return 'Aborted rollouts cannot be promoted: Retry or Roll forward instead.';
      return undefined;
    case 'abort':
      if (done) return 'The rollout is complete: roll forward (or back) to another version instead.';
      if (aborted) return 'Already aborted: traffic is on the stable version.';
      return undefined;
    case 'retry':
      return aborted ? undefined : 'Only an aborted rollout can be retried.';
    case 'reapply':
      return r.drift === undefined ? 'Nothing to re-apply: the backend matches the rollout.' : undefined;
    case 'roll-forward':
      return undefined;
    case 'undo': {
      const revisions = r.kubernetes?.revisions;
      if (!revisions) return 'This backend keeps no revisions to go back to: use Abort or Roll forward.';
      if (!revisions.some((v) => !v.current)) return 'No earlier revision to undo to.';
      return undefined;
    }
    case 'restart':
      if (!r.kubernetes) return 'This backend has no pods to restart.';
      return undefined;
  }
}

/** Rollout lifecycle: no promote of an aborted rollout, no pause of a finished one, … */
export const lifecyclePolicy: ActionPolicy = ({ rollout, action }) => whyNot(rollout, action);

/** Roll forward names a version other than the one already rolling out. */
export const rollForwardTargetPolicy: ActionPolicy = ({ rollout: r, action, toVersion }) => {
  if (action !== 'roll-forward') return undefined;
  if (toVersion === undefined) return 'Roll forward needs the version to roll forward to.';
  if (toVersion === r.canaryVersion && r.phase !== 'aborted' && r.phase !== 'degraded')
    return r.phase === 'completed'
      ? `${toVersion} already serves all traffic.`
      : `${toVersion} is already rolling out.`;
  return undefined;
};

const KNOWN_SHOWN = 6;

/**
 * Roll forward only to a version the deployment backend says exists: a typo never starts a canary.
 * A Kubernetes rollout takes any image (the registry is the judge); its revisions' images are offered.
 */
export const versionKnownPolicy: ActionPolicy = ({ rollout: r, action, toVersion, knownVersions }) => {
  if (action !== 'roll-forward' || toVersion === undefined || knownVersions.includes(toVersion))
    return undefined;
  if (r.kubernetes) return undefined;
  const shown = knownVersions.slice(0, KNOWN_SHOWN).join(', ');
  const more = knownVersions.length > KNOWN_SHOWN ? ', …' : '';
  return (
    `${r.service} has no version "${toVersion}" that the deployment backend knows of` +
    `${shown ? ` (known: ${shown}${more})` : ''}. List them with: control-room rollouts versions ${r.id}`
  );
};

/** Undo names a revision the rollout has, and not the one its template already is. */
export const undoTargetPolicy: ActionPolicy = ({ rollout: r, action, toRevision }) => {
  if (action !== 'undo' || toRevision === undefined || !r.kubernetes) return undefined;
  const target = r.kubernetes.revisions.find((v) => v.revision === toRevision);
  const known = r.kubernetes.revisions.map((v) => v.revision).join(', ');
  if (!target) return `${r.id} has no revision ${toRevision} (known: ${known || 'none'}).`;
  if (target.current) return `revision ${toRevision} is the current template already: nothing to undo.`;
  return undefined;
};

/** Release freeze: actions that move new code towards users wait, unless a person gives a reason. */
export const freezePolicy: ActionPolicy = ({ action, freeze, overrideFreeze }) => {
  if (!freeze || !FROZEN_ACTIONS.has(action)) return undefined;
  return overrideFreeze?.trim() ? undefined : freeze.reason;
};

/** Every precondition, in the order their reasons are given. */
export const ACTION_POLICIES: readonly ActionPolicy[] = [
  drillIsolationPolicy,
  lifecyclePolicy,
  freezePolicy,
  rollForwardTargetPolicy,
  versionKnownPolicy,
  undoTargetPolicy,
];

/** The buttons: a frozen action carries the freeze, so the UI can say why and offer an override. */
export function actionAvailability(r: RolloutSnapshot, freeze?: Freeze): ActionAvailability[] {
  return ACTIONS.map((action) => {
    const reason = whyNot(r, action);
    if (reason !== undefined) return { action, enabled: false, reason };
    if (freeze && FROZEN_ACTIONS.has(action))
      return { action, enabled: false, reason: freeze.reason, freeze };
    return { action, enabled: true };
  });
}

/** The first policy's reason to refuse the action, or undefined when it may go ahead. */
export function refusal(context: ActionContext): string | undefined {
  for (const policy of ACTION_POLICIES) {
    const reason = policy(context);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
