import { useId, useRef, useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/incidents';
import { errorMessage } from '../../api/api-error';
import { useResolveIncident } from '../../api/use-incidents';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';

/**
 * The root cause (a note or a link) lifts the freeze. An empty one is sent too: the core refuses it
 * and records the refusal, and its words are shown here, in the dialog.
 */
export function ResolveIncidentDialog({
  incident,
  onDone,
  onCancel,
}: {
  incident: Incident;
  onDone: () => void;
  onCancel: () => void;
}) {
  const resolve = useResolveIncident();
  const [rca, setRca] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const ids = { rca: useId(), error: useId() };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    resolve.mutate({ id: incident.id, rca }, { onSuccess: onDone });
  };

  return (
    <ModalDialog title={`Resolve ${incident.id} “${incident.title}”`} initialFocus={ref} onCancel={onCancel}>
      <form
        onSubmit={submit}
        noValidate
        data-testid="resolve-incident"
        onKeyDown={(e) => {
          // Enter confirms as in every dialog; Shift+Enter is a new line in the note.
          if (e.key === 'Enter' && !e.shiftKey && e.target === ref.current) submit(e);
        }}
      >
        <div className="consequence">
          <p>The release freeze lifts: promotions and roll-forwards are allowed again everywhere.</p>
        </div>
        <div className="field">
          <label htmlFor={ids.rca}>Root cause (a note or a link to the analysis)</label>
          <textarea
            id={ids.rca}
            ref={ref}
            value={rca}
            onChange={(e) => setRca(e.target.value)}
            rows={3}
            maxLength={4000}
            aria-invalid={resolve.isError}
            aria-describedby={ids.error}
          />
        </div>
        <p id={ids.error} className="field-error" role="alert" data-testid="resolve-error">
          {resolve.isError ? errorMessage(resolve.error) : ''}
        </p>
        <ConfirmActions tone="primary" onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
