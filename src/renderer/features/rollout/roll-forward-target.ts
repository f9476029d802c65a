// Whether the version typed or picked in the roll-forward dialog may be sent: it must look like a
// version, be one the backend knows (the control room refuses others anyway) and, when it failed
// before, the person must say they know. A Kubernetes rollout takes any image or tag (the registry
// is the judge), but not the image its container already runs.
import { actionRequestSchema, type RolloutVersions, type VersionInfo } from '../../../shared/api';
import type { RolloutDetail } from '../../../shared/domain';
import { targetImage } from './image-reference';

export interface TargetCheck {
  /** Why Confirm cannot send this yet, or null. */
  problem: string | null;
  /** The known version chosen, with its history. */
  known?: VersionInfo;
  /** It failed before (and has not taken all traffic since): the dialog warns and asks to acknowledge. */
  needsAcknowledgement: boolean;
}

export function checkTarget(
  rollout: RolloutDetail,
  toVersion: string,
  versions: RolloutVersions | undefined,
  acknowledged: boolean,
  /** The container a Kubernetes roll forward sets (its first when not chosen). */
  container?: string,
): TargetCheck {
  const k = rollout.kubernetes;
  const runs = k && (k.containers.find((c) => c.name === container) ?? k.containers[0]);
  const image = runs ? targetImage(runs.image, toVersion) : toVersion;
  const known = versions?.versions.find((v) => v.version === toVersion || v.version === image);
  const needsAcknowledgement = known?.failure !== undefined;
  const result = (problem: string | null): TargetCheck => ({
    problem,
    needsAcknowledgement,
    ...(known ? { known } : {}),
  });
  if (toVersion === '')
    return result(`Enter the ${k ? 'image or tag' : 'version'} to roll forward to, or pick one below.`);
  const parsed = actionRequestSchema.safeParse({
    id: rollout.id,
    action: 'roll-forward',
    idempotencyKey: 'validation-only',
    toVersion,
  });
  const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === 'toVersion');
  if (issue) return result(`${k ? 'Image or tag' : 'Version'} ${issue.message}.`);
  if (runs && image === runs.image)
    return result(`Container ${runs.name} already runs ${image}: nothing would change.`);
  const canaryServes =
    rollout.canaryVersion !== rollout.stableVersion &&
    rollout.phase !== 'aborted' &&
    rollout.phase !== 'degraded';
  if (canaryServes && toVersion === rollout.canaryVersion)
    return result(`${toVersion} is already the canary.`);
  if (versions && !known && !k)
    return result(
      `${rollout.service} has no version ${toVersion}: pick one of the ${versions.versions.length} known versions.`,
    );
  if (needsAcknowledgement && !acknowledged)
    return result(`${toVersion} failed before: tick “Roll forward to ${toVersion} anyway” to go ahead.`);
  return result(null);
}
