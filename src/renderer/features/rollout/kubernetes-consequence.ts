// The ways back on an Argo Rollouts rollout, named apart because they do different things: Abort
// moves traffic and leaves the spec alone, Undo makes a new revision from an old template, Roll
// forward sets a new image. Each dialog says which revision and which images, from the rollout's data.
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import type { KubernetesRevision, KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';
import type { ActionTarget, Consequence } from './action-consequence';
import { isBareTag, targetImage } from './image-reference';
import { imagesText, previousRevision, revisionOfHash, revisionsNewestFirst } from './revision-words';

function stableOf(k: KubernetesRolloutDetail): KubernetesRevision | undefined {
  return revisionOfHash(k, k.stableRS) ?? k.revisions.find((v) => v.role === 'stable' || v.role === 'active');
}

/** The revision whose pod template the spec names now. */
function currentOf(k: KubernetesRolloutDetail): KubernetesRevision | undefined {
  return k.revisions.find((v) => v.current) ?? revisionsNewestFirst(k)[0];
}

/** The revision the controller is rolling out (`currentPodHash`): behind the template until it catches up. */
function canaryOf(k: KubernetesRolloutDetail): KubernetesRevision | undefined {
  return revisionOfHash(k, k.currentPodHash) ?? currentOf(k);
}

/** "revision 4: checkout=…:2.3.1", for inside parentheses. */
const inParens = (v: KubernetesRevision) => `revision ${v.revision}: ${imagesText(v.images)}`;

/** Argo Rollouts skips the steps when the update goes back to the canary's stable ReplicaSet before it finished. */
function fastTracked(r: RolloutDetail, k: KubernetesRolloutDetail, to: KubernetesRevision): boolean {
  if (r.strategy === 'blueGreen') return to.replicas > 0 && !to.current;
  return to.podHash === k.stableRS && k.currentPodHash !== k.stableRS;
}

function undo(r: RolloutDetail, k: KubernetesRolloutDetail, toRevision: number | undefined): Consequence {
  const to =
    toRevision === undefined ? previousRevision(k) : k.revisions.find((v) => v.revision === toRevision);
  const current = currentOf(k);
  if (!to)
    return {
      title: `Undo ${k.name}?`,
      lines: [
        `Undo to ${toRevision === undefined ? 'the previous revision' : `revision ${toRevision}`}: the control room does not see that revision; the controller refuses if it does not exist.`,
      ],
    };
  const made = `Undo to revision ${to.revision}: a new revision is made from revision ${to.revision}'s pod template (${imagesText(to.images)})`;
  const after = fastTracked(r, k, to)
    ? r.strategy === 'blueGreen'
      ? `; its pods still run, so Argo Rollouts makes it active again without waiting for promotion.`
      : `; it is the stable revision and the update had not finished, so Argo Rollouts skips the steps and returns all traffic to it at once.`
    : r.strategy === 'blueGreen'
      ? `; it comes up as the preview and is promoted as a new release is.`
      : `; the steps run again from the first.`;
  const lines = [made + after];
  if (current && current.revision !== to.revision)
    lines.push(
      `The current template, revision ${current.revision} (${imagesText(current.images)}), stays in the history.`,
    );
  return { title: `Undo ${k.name} to revision ${to.revision}?`, lines };
}

function abort(r: RolloutDetail, k: KubernetesRolloutDetail): Consequence {
  const stable = stableOf(k);
  const current = canaryOf(k);
  const lines = [
    `Traffic returns to the stable revision (${stable ? inParens(stable) : r.stableVersion}); the spec still names the new one, so the rollout stays Degraded until you Retry or Undo.`,
  ];
  if (r.strategy !== 'blueGreen' && current && current.revision !== stable?.revision)
    lines.push(
      `Right now ${r.weight}% of traffic is on revision ${current.revision} (${imagesText(current.images)}).`,
    );
  return { title: `Abort the rollout of ${k.name}${current ? ` revision ${current.revision}` : ''}?`, lines };
}

function rollForward(r: RolloutDetail, k: KubernetesRolloutDetail, target: ActionTarget): Consequence {
  const typed = target.toVersion ?? '';
  const container = k.containers.find((c) => c.name === target.container) ?? k.containers[0];
  const image = typed === '' ? '…' : targetImage(container?.image, typed);
  const tag = typed !== '' && isBareTag(typed) && container ? ` (the tag ${typed})` : '';
  const was = container ? ` instead of ${container.image}` : '';
  const lines = [
    `A new image: container ${container?.name ?? '(the only one)'} runs ${image}${tag}${was}. A new revision is made from it and its steps run from the first.`,
  ];
  const stable = stableOf(k);
  const current = canaryOf(k);
  const canaryServes = r.canaryVersion !== r.stableVersion && r.phase !== 'aborted' && r.phase !== 'degraded';
  const keeps = `${stable ? `The stable revision ${stable.revision}` : r.stableVersion} keeps the stable traffic until the new one is promoted.`;
  lines.push(
    canaryServes && current
      ? `It replaces revision ${current.revision} as the canary; ${keeps.charAt(0).toLowerCase()}${keeps.slice(1)}`
      : keeps,
  );
  if (stable && container && stable.images.some((i) => i.container === container.name && i.image === image))
    lines.push(
      `${image} is what the stable revision ${stable.revision} runs: if nothing else in the template differs, Argo Rollouts goes back to it without the steps.`,
    );
  return { title: `Roll ${k.name} forward to a new image?`, lines };
}

function restart(k: KubernetesRolloutDetail): Consequence {
  const running = revisionsNewestFirst(k).filter((v) => v.replicas > 0);
  const pods = running.reduce((n, v) => n + v.replicas, 0);
  const lines = [`Restarts every pod of ${k.name} one by one; no new revision.`];
  if (running.length > 0)
    lines.push(
      `${pods} ${pods === 1 ? 'pod runs' : 'pods run'} now: ${running.map((v) => `${v.replicas} of revision ${v.revision}`).join(', ')}.`,
    );
  return { title: `Restart the pods of ${k.name}?`, lines };
}

function retry(r: RolloutDetail, k: KubernetesRolloutDetail): Consequence {
  const current = canaryOf(k);
  const stable = stableOf(k);
  return {
    title: `Retry ${k.name}${current ? ` revision ${current.revision}` : ''}?`,
    lines: [
      `Clears the abort: ${current ? `revision ${current.revision} (${imagesText(current.images)})` : r.canaryVersion} starts again from the first step; ${stable ? `the stable revision ${stable.revision}` : r.stableVersion} keeps the stable traffic until it is promoted.`,
    ],
  };
}

/** The Kubernetes wording of an action, or undefined where the common one says it right. */
export function kubernetesConsequence(
  action: ActionName,
  r: RolloutDetail,
  k: KubernetesRolloutDetail,
  target: ActionTarget,
): Consequence | undefined {
  switch (action) {
    case 'abort':
      return abort(r, k);
    case 'undo':
      return undo(r, k, target.toRevision);
    case 'roll-forward':
      return rollForward(r, k, target);
    case 'restart':
      return restart(k);
    case 'retry':
      return retry(r, k);
    default:
      return undefined;
  }
}
