// A Kubernetes rollout's revisions (its ReplicaSets) in words: which is which, what they run, and
// which one the action bar's Undo goes back to.
import type { KubernetesRevision, KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';
import type { IconName } from '../../components/status-icon';

export const ROLE_LOOK: Record<KubernetesRevision['role'], { icon: IconName; word: string }> = {
  stable: { icon: 'check', word: 'Stable' },
  canary: { icon: 'up', word: 'Canary' },
  preview: { icon: 'hand', word: 'Preview' },
  active: { icon: 'check', word: 'Active' },
  old: { icon: 'dot', word: 'Old' },
};

/** "checkout=registry/checkout:2.3.1, envoy=envoyproxy/envoy:v1.29.1" */
export function imagesText(images: KubernetesRevision['images']): string {
  return images.map((i) => `${i.container}=${i.image}`).join(', ');
}

export function revisionsNewestFirst(k: KubernetesRolloutDetail): KubernetesRevision[] {
  return [...k.revisions].sort((a, b) => b.revision - a.revision);
}

export function revisionOfHash(
  k: KubernetesRolloutDetail,
  podHash: string | undefined,
): KubernetesRevision | undefined {
  return podHash === undefined ? undefined : k.revisions.find((v) => v.podHash === podHash);
}

/**
 * What Undo without a revision goes back to, as `kubectl argo rollouts undo` does: the newest
 * revision older than the current template.
 */
export function previousRevision(k: KubernetesRolloutDetail): KubernetesRevision | undefined {
  const newest = revisionsNewestFirst(k);
  const current = newest.find((v) => v.current) ?? newest[0];
  if (!current) return undefined;
  return newest.find((v) => v.revision < current.revision && !v.current);
}

/** "revision 4 (checkout=…)": how a revision is named inside a sentence. */
export function revisionPhrase(v: KubernetesRevision): string {
  return `revision ${v.revision} (${imagesText(v.images)})`;
}
