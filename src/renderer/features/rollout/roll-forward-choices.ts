// What the roll-forward dialog offers: the versions the backend knows (`rollout.versions`), and on
// Kubernetes the images of the rollout's revisions, each with the revisions and container that ran it.
import type { RolloutVersions, VersionInfo } from '../../../shared/api';
import type { RolloutDetail } from '../../../shared/domain';
import type { KubernetesRevision } from '../../../shared/kubernetes-rollout';
import { revisionsNewestFirst } from './revision-words';

export interface RollForwardChoice {
  /** What picking it puts in the field (and sends as toVersion). */
  version: string;
  /** Its history in this service and environment, when the backend listed it. */
  info?: VersionInfo;
  /** The revisions whose pod template ran it, newest first, and in which container. */
  ranIn: { revision: number; role: KubernetesRevision['role']; container: string }[];
}

/** An image matches a listed version when it is that reference, or ends in that tag. */
function runs(image: string, version: string): boolean {
  return image === version || image.endsWith(`:${version}`);
}

/** undefined while nothing is known yet (the list is loading and there are no revisions to offer). */
export function rollForwardChoices(
  rollout: RolloutDetail,
  versions: RolloutVersions | undefined,
): RollForwardChoice[] | undefined {
  const revisions = rollout.kubernetes ? revisionsNewestFirst(rollout.kubernetes) : [];
  const ranIn = (version: string) =>
    revisions.flatMap((v) =>
      v.images
        .filter((i) => runs(i.image, version))
        .map((i) => ({ revision: v.revision, role: v.role, container: i.container })),
    );
  const listed: RollForwardChoice[] = (versions?.versions ?? []).map((info) => ({
    version: info.version,
    info,
    ranIn: ranIn(info.version),
  }));
  // Images of revisions the list does not name (it is loading, failed, or names tags only).
  const seen = new Set(
    listed.flatMap((c) => [c.version, ...c.ranIn.map((r) => `${r.revision}/${r.container}`)]),
  );
  const extra: RollForwardChoice[] = [];
  for (const v of revisions)
    for (const i of v.images) {
      if (seen.has(i.image) || seen.has(`${v.revision}/${i.container}`)) continue;
      seen.add(i.image);
      extra.push({ version: i.image, ranIn: ranIn(i.image) });
    }
  if (!versions && extra.length === 0) return undefined;
  return [...listed, ...extra];
}

/** "revision 4 (stable), container checkout": what a revision image's note starts with. */
export function ranInText(choice: RollForwardChoice): string {
  if (choice.ranIn.length === 0) return '';
  const revisions = choice.ranIn.map((r) =>
    r.role === 'old' ? `${r.revision}` : `${r.revision} (${r.role})`,
  );
  const containers = [...new Set(choice.ranIn.map((r) => r.container))];
  return `${choice.ranIn.length === 1 ? 'revision' : 'revisions'} ${revisions.join(', ')}, ${containers.length === 1 ? 'container' : 'containers'} ${containers.join(', ')}`;
}
