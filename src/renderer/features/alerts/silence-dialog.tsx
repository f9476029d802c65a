import { useId, useRef, useState, type FormEvent } from 'react';
import type { AlertWithPlaybook } from '../../../shared/alerts';
import { errorMessage } from '../../api/api-error';
import { useSilence } from '../../api/use-alerts';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';

const FOR_OPTIONS = [
  ['1h', 'for 1 hour', 3600_000],
  ['4h', 'for 4 hours', 4 * 3600_000],
  ['24h', 'for 24 hours', 86_400_000],
] as const;

/** A silence needs a reason and an end: both are asked here and written to the audit log. */
export function SilenceDialog({ alert, onClose }: { alert: AlertWithPlaybook; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [span, setSpan] = useState<(typeof FOR_OPTIONS)[number][0]>('1h');
  const [touched, setTouched] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const spanId = useId();
  const errorId = useId();
  const silence = useSilence();
  const ms = FOR_OPTIONS.find(([k]) => k === span)?.[2] ?? 3600_000;
  const problem = reason.trim() === '' ? 'A silence needs a reason: say why it may be ignored.' : null;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    silence.mutate(
      { id: alert.id, reason: reason.trim(), until: new Date(Date.now() + ms).toISOString() },
      { onSuccess: onClose },
    );
  };

  const where = [alert.service, alert.environment].filter(Boolean).join(' in ');
  return (
    <ModalDialog
      title={`Silence ${alert.name}`}
      initialFocus={reasonRef}
      onCancel={onClose}
      className="action-dialog tone-primary"
    >
      <form onSubmit={submit} noValidate>
        <div className="consequence" data-testid="confirm-consequence">
          <p>
            {alert.connection} stops notifying about {alert.name}
            {where ? ` for ${where}` : ''} until the silence ends. The alert stays listed, marked silenced.
          </p>
        </div>
        <div className="field">
          <label htmlFor={spanId}>Ends</label>
          <select id={spanId} value={span} onChange={(e) => setSpan(e.target.value as typeof span)}>
            {FOR_OPTIONS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Reason"
          inputRef={reasonRef}
          value={reason}
          onChange={setReason}
          placeholder="e.g. known: failover drill until 15:00"
          maxLength={1000}
          aria-invalid={touched && problem !== null}
          aria-describedby={errorId}
        />
        <span id={errorId} className="field-error" aria-live="polite">
          {touched && problem ? problem : silence.isError ? errorMessage(silence.error) : ''}
        </span>
        <ConfirmActions tone="primary" onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
