// Whether the version typed or picked in the roll-forward dialog may be sent: it must look like a
// version, be one the backend knows (the control room refuses others anyway) and, when it failed
// before, the person must say they know.
import { actionRequestSchema, type RolloutVersions, type VersionInfo } from '../../../shared/api';
import type { RolloutDetail } from '../../../shared/domain';

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
): TargetCheck {
  const known = versions?.versions.find((v) => v.version === toVersion);
  const needsAcknowledgement = known?.failure !== undefined;
  const result = (problem: string | null): TargetCheck => ({
    problem,
    needsAcknowledgement,
    ...(known ? { known } : {}),
  });
  if (toVersion === '') return result('Enter the version to roll forward to, or pick one below.');
  const parsed = actionRequestSchema.safeParse({
    id: rollout.id,
    action: 'roll-forward',
    idempotencyKey: 'validation-only',
    toVersion,
  });
  const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === 'toVersion');
  if (issue) return result(`Version ${issue.message}.`);
  const canaryServes =
    rollout.canaryVersion !== rollout.stableVersion &&
    rollout.phase !== 'aborted' &&
    rollout.phase !== 'degraded';
  if (canaryServes && toVersion === rollout.canaryVersion)
    return result(`${toVersion} is already the canary.`);
  if (versions && !known)
    return result(
      `${rollout.service} has no version ${toVersion}: pick one of the ${versions.versions.length} known versions.`,
    );
  if (needsAcknowledgement && !acknowledged)
    return result(`${toVersion} failed before: tick “Roll forward to ${toVersion} anyway” to go ahead.`);
  return result(null);
}
