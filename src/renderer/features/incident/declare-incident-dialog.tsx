import { useId, useRef, useState, type FormEvent } from 'react';
import { SEVERITIES, type Incident, type Severity } from '../../../shared/incidents';
import { errorMessage } from '../../api/api-error';
import { useDeclareIncident } from '../../api/use-incidents';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';

/** Title, severity, commander (you unless named). Says first that releases freeze everywhere. */
export function DeclareIncidentDialog({
  onDone,
  onCancel,
}: {
  onDone: (incident: Incident) => void;
  onCancel: () => void;
}) {
  const declare = useDeclareIncident();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [commander, setCommander] = useState('');
  const [touched, setTouched] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const ids = { severity: useId(), error: useId() };
  const problem = title.trim() === '' ? 'An incident needs a title: what is broken.' : null;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    declare.mutate(
      { title: title.trim(), severity, ...(commander.trim() ? { commander: commander.trim() } : {}) },
      { onSuccess: onDone },
    );
  };

  return (
    <ModalDialog
      title="Declare an incident"
      initialFocus={titleRef}
      onCancel={onCancel}
      className="tone-danger"
    >
      <form onSubmit={submit} noValidate data-testid="declare-incident">
        <div className="consequence">
          <p>
            Releases freeze everywhere: promote, resume, retry and roll forward are refused until the incident
            is resolved with a root cause. Pause, abort and undo stay allowed.
          </p>
        </div>
        <TextField
          label="Title"
          inputRef={titleRef}
          value={title}
          onChange={setTitle}
          maxLength={200}
          aria-invalid={touched && problem !== null}
          aria-describedby={ids.error}
        />
        <div className="field">
          <label htmlFor={ids.severity}>Severity</label>
          <select
            id={ids.severity}
            value={severity}
            onChange={(e) => setSeverity(e.target.value as Severity)}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Commander"
          value={commander}
          onChange={setCommander}
          placeholder="You, unless you name someone"
          maxLength={64}
        />
        <p id={ids.error} className="field-error" aria-live="polite">
          {touched && problem ? problem : declare.isError ? errorMessage(declare.error) : ''}
        </p>
        <ConfirmActions tone="danger" onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
