import { useId, useRef, useState, type FormEvent } from 'react';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import type { Freeze } from '../../../shared/incidents';
import { errorMessage } from '../../api/api-error';
import { useRolloutVersions } from '../../api/use-rollout-versions';
import { CautionList } from '../../components/caution-list';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { useSimNow } from '../../components/use-now';
import { cautionsFor } from './action-caution';
import { describeConsequence } from './action-consequence';
import { ACTION_META } from './action-meta';
import { rollForwardChoices, type RollForwardChoice } from './roll-forward-choices';
import { checkTarget } from './roll-forward-target';
import { FailedVersionWarning, VersionPicker } from './version-picker';
import { TextField } from '../../components/text-field';

interface ActionDialogProps {
  action: ActionName;
  /** The rollout as it was when the person asked; the consequence is built from this. */
  rollout: RolloutDetail;
  /** Undo to this revision (a revision's own Undo button); the action bar's Undo names the previous one. */
  toRevision?: number;
  /** Confirming lets the action through this release freeze: a reason is then required. */
  freeze?: Freeze;
  onConfirm: (input: { reason: string; toVersion?: string; container?: string }) => void;
  onCancel: () => void;
}

/** Confirmation: says exactly what will happen and what stands out. Enter confirms, Escape cancels. */
export function ActionDialog({
  action,
  rollout,
  toRevision,
  freeze,
  onConfirm,
  onCancel,
}: ActionDialogProps) {
  const meta = ACTION_META[action];
  const isRollForward = action === 'roll-forward';
  const versions = useRolloutVersions(rollout.id, isRollForward);
  const now = useSimNow(1000);
  const [reason, setReason] = useState('');
  const [toVersion, setToVersion] = useState('');
  // A Kubernetes rollout of several containers: the one that gets the image (the first unless chosen).
  const containers = rollout.kubernetes?.containers ?? [];
  const [container, setContainer] = useState(containers[0]?.name ?? '');
  const choosesContainer = containers.length > 1;
  const [acknowledged, setAcknowledged] = useState(false);
  const [touched, setTouched] = useState(false);
  const versionRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const versionErrorId = useId();
  const containerId = useId();
  const trimmedVersion = toVersion.trim();
  const target = isRollForward
    ? checkTarget(rollout, trimmedVersion, versions.data, acknowledged, container || undefined)
    : null;
  const reasonProblem =
    freeze && reason.trim() === '' ? 'Overriding the freeze needs a reason: say why this cannot wait.' : null;
  const problem = target?.problem ?? null;
  const cautions = cautionsFor(action, rollout);
  const chosen = {
    toVersion: trimmedVersion,
    ...(choosesContainer ? { container } : {}),
    ...(toRevision === undefined ? {} : { toRevision }),
  };
  const consequence = describeConsequence(action, rollout, chosen);
  const tone = cautions.length > 0 || target?.needsAcknowledgement ? 'danger' : meta.tone;

  const changeVersion = (version: string): void => {
    setToVersion(version);
    setAcknowledged(false);
  };

  // A revision's image was picked: the container that ran it gets it.
  const pick = (choice: RollForwardChoice): void => {
    changeVersion(choice.version);
    const ran = choice.ranIn.find((r) => containers.some((c) => c.name === r.container));
    if (choosesContainer && ran) setContainer(ran.container);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (problem || reasonProblem) {
      if (!problem) reasonRef.current?.focus();
      return;
    }
    onConfirm({
      reason,
      ...(isRollForward ? { toVersion: trimmedVersion, ...(choosesContainer ? { container } : {}) } : {}),
    });
  };

  return (
    <ModalDialog
      title={consequence.title}
      initialFocus={isRollForward ? versionRef : reasonRef}
      onCancel={onCancel}
      className={`action-dialog tone-${tone}`}
    >
      <form onSubmit={submit} noValidate>
        {/* What stands out before this action: said first, in words, so Enter is never a blind yes. */}
        <CautionList title="Look before you confirm" items={cautions} testId="confirm-caution" />
        {freeze && (
          <p className="banner banner-warning" data-testid="confirm-freeze">
            {freeze.reason} Confirming overrides the freeze; your reason is recorded and shown on{' '}
            {freeze.source.kind === 'incident' ? freeze.source.id : `the window “${freeze.source.name}”`}.
          </p>
        )}
        {isRollForward && (
          <>
            <TextField
              label={rollout.kubernetes ? 'Image or tag' : 'Target version'}
              inputRef={versionRef}
              value={toVersion}
              onChange={changeVersion}
              placeholder={rollout.kubernetes ? 'e.g. registry/app:2.5.0, or 2.5.0' : 'e.g. 2.5.0'}
              spellCheck={false}
              aria-invalid={touched && problem !== null}
              aria-describedby={versionErrorId}
            >
              <span id={versionErrorId} className="field-error" aria-live="polite">
                {touched && problem ? problem : ''}
              </span>
            </TextField>
            {choosesContainer && (
              <div className="field">
                <label htmlFor={containerId}>Container</label>
                <select id={containerId} value={container} onChange={(e) => setContainer(e.target.value)}>
                  {containers.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name} (runs {c.image})
                    </option>
                  ))}
                </select>
              </div>
            )}
            <VersionPicker
              choices={rollForwardChoices(rollout, versions.data)}
              legend={`Known ${rollout.kubernetes ? 'images' : 'versions'} of ${rollout.service}`}
              loadError={versions.isError ? errorMessage(versions.error) : null}
              anyImage={rollout.kubernetes !== undefined}
              value={trimmedVersion}
              onPick={pick}
              now={now}
            />
            {target?.known && (
              <FailedVersionWarning
                version={trimmedVersion}
                info={target.known}
                now={now}
                acknowledged={acknowledged}
                onAcknowledge={setAcknowledged}
              />
            )}
          </>
        )}
        <div className="consequence" data-testid="confirm-consequence">
          {consequence.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <TextField
          label={freeze ? 'Reason to override the freeze' : 'Reason'}
          inputRef={reasonRef}
          value={reason}
          onChange={setReason}
          placeholder={freeze ? 'Required: why this cannot wait' : 'Optional: why — goes into the audit log'}
          maxLength={2000}
          aria-invalid={touched && reasonProblem !== null}
        >
          {freeze && (
            <span className="field-error" aria-live="polite" data-testid="override-reason-error">
              {touched && reasonProblem ? reasonProblem : ''}
            </span>
          )}
        </TextField>
        <ConfirmActions tone={tone} onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
