import { useId, useRef, useState, type FormEvent } from 'react';
import { actionRequestSchema } from '../../../shared/api';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import { ModalDialog } from '../../components/modal-dialog';
import { describeConsequence } from './action-consequence';
import { ACTION_META } from './action-meta';
import { ConfirmActions } from '../../components/confirm-actions';

interface ActionDialogProps {
  action: ActionName;
  /** The rollout as it was when the person asked; the consequence is built from this. */
  rollout: RolloutDetail;
  onConfirm: (input: { reason: string; toVersion?: string }) => void;
  onCancel: () => void;
}

/** Checks the target version with the contract's own schema. */
function versionProblem(action: ActionName, rollout: RolloutDetail, toVersion: string): string | null {
  if (action !== 'roll-forward') return null;
  if (toVersion === '') return 'Enter the version to roll forward to.';
  const parsed = actionRequestSchema.safeParse({
    id: rollout.id,
    action,
    idempotencyKey: 'validation-only',
    toVersion,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.path[0] === 'toVersion');
    if (issue) return `Version ${issue.message}.`;
  }
  if (toVersion === rollout.canaryVersion && toVersion !== rollout.stableVersion) {
    return `${toVersion} is already the canary.`;
  }
  return null;
}

/** Confirmation for destructive actions: says exactly what will happen. Enter confirms, Escape cancels. */
export function ActionDialog({ action, rollout, onConfirm, onCancel }: ActionDialogProps) {
  const meta = ACTION_META[action];
  const [reason, setReason] = useState('');
  const [toVersion, setToVersion] = useState('');
  const [touched, setTouched] = useState(false);
  const versionRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const versionErrorId = useId();
  const versionId = useId();
  const reasonId = useId();
  const isRollForward = action === 'roll-forward';
  const trimmedVersion = toVersion.trim();
  const problem = versionProblem(action, rollout, trimmedVersion);
  const consequence = describeConsequence(action, rollout, trimmedVersion);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    onConfirm({ reason, ...(isRollForward ? { toVersion: trimmedVersion } : {}) });
  };

  return (
    <ModalDialog
      title={consequence.title}
      initialFocus={isRollForward ? versionRef : reasonRef}
      onCancel={onCancel}
      className={`action-dialog tone-${meta.tone}`}
    >
      <form onSubmit={submit} noValidate>
        {isRollForward && (
          <div className="field">
            <label htmlFor={versionId}>Target version</label>
            <input
              id={versionId}
              ref={versionRef}
              value={toVersion}
              onChange={(e) => setToVersion(e.target.value)}
              placeholder="e.g. 2.5.0"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={touched && problem !== null}
              aria-describedby={versionErrorId}
            />
            <span id={versionErrorId} className="field-error" aria-live="polite">
              {touched && problem ? problem : ''}
            </span>
          </div>
        )}
        <div className="consequence" data-testid="confirm-consequence">
          {consequence.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <input
            id={reasonId}
            ref={reasonRef}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Optional: why — goes into the audit log"
            maxLength={2000}
            autoComplete="off"
          />
        </div>
        <ConfirmActions tone={meta.tone} onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
