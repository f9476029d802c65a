import { useId, useRef, useState, type FormEvent } from 'react';
import type { DrillInjectView, DrillRunState } from '../../../shared/drills';
import { errorMessage } from '../../api/api-error';
import { useRevertConfig } from '../../api/use-drill';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { offsetWords } from './drill-words';

/** Whether a participant can still revert this inject: a config push still in effect. */
export const isRevertable = (inject: DrillInjectView): boolean =>
  inject.kind === 'config-push' && inject.endedAt === undefined;

/** Why this caller cannot revert a config push now; undefined when they can. */
export function revertRefusal(role: string | undefined, state: DrillRunState): string | undefined {
  if (role === 'observer') return 'Observer session: you may watch but not act.';
  if (state === 'ended') return 'The drill has ended';
  return undefined;
}

/** A participant undoes a config push the drill made: said exactly, confirmed with Enter. */
export function RevertConfigDialog({ inject, onDone }: { inject: DrillInjectView; onDone: () => void }) {
  const revert = useRevertConfig();
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  const ids = { reason: useId(), error: useId() };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    revert.mutate({ config: inject.id, ...(reason.trim() ? { reason } : {}) }, { onSuccess: onDone });
  };
  return (
    <ModalDialog title={`Revert config push ${inject.id}`} initialFocus={ref} onCancel={onDone}>
      <form onSubmit={submit} noValidate data-testid="revert-config">
        <div className="consequence">
          <p>
            The config push made at {offsetWords(inject.at)}
            {inject.note ? ` (“${inject.note}”)` : ''} is taken back: the service gets its previous config,
            with no deploy, and the fault it caused stops.
          </p>
          <p>It is recorded in the drill under your name, with the simulated and the wall time.</p>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>Reason (optional)</label>
          <input
            id={ids.reason}
            ref={ref}
            autoComplete="off"
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={ids.error}
          />
        </div>
        <p id={ids.error} className="field-error" role="alert">
          {revert.isError ? errorMessage(revert.error) : ''}
        </p>
        <ConfirmActions tone="danger" onCancel={onDone} />
      </form>
    </ModalDialog>
  );
}
