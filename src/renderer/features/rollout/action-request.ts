// The request an intent sends. It names the revision the person decided on (what the screen
// showed): the control room refuses a promote, promote fully, undo or roll forward when the rollout
// has moved since, so two people promoting at once skip no step.
import type { ActionRequest } from '../../../shared/api';
import type { ActionName } from '../../../shared/domain';

export interface ActionIntent {
  action: ActionName;
  id: string;
  /** The revision the person decided on (captured when they clicked or opened the dialog). */
  revision: number;
  reason?: string;
  toVersion?: string;
  /** Roll forward on Kubernetes: the container that gets the image. */
  container?: string;
  /** Undo: the revision to go back to. */
  toRevision?: number;
  /** Through a release freeze: why (recorded and shown on the incident). */
  overrideFreeze?: string;
}

export function actionRequest(intent: ActionIntent, idempotencyKey: string): ActionRequest {
  const reason = intent.reason?.trim();
  return {
    id: intent.id,
    action: intent.action,
    idempotencyKey,
    revision: intent.revision,
    ...(reason ? { reason } : {}),
    ...(intent.toVersion ? { toVersion: intent.toVersion } : {}),
    ...(intent.container ? { container: intent.container } : {}),
    ...(intent.toRevision === undefined ? {} : { toRevision: intent.toRevision }),
    ...(intent.overrideFreeze?.trim() ? { overrideFreeze: intent.overrideFreeze.trim() } : {}),
  };
}
