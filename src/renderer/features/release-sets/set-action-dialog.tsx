import { useRef, useState, type FormEvent } from 'react';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';

export interface SetDialogRequest {
  title: string;
  /** Exactly what will happen, line by line. */
  consequence: string[];
  tone: 'primary' | 'danger';
  /** The reason typed beside the buttons, carried in so it need not be typed twice. */
  reason: string;
  onConfirm: (reason: string) => void;
}

/** Start and Abort: says what will happen, takes an optional reason for the audit log; Enter confirms. */
export function SetActionDialog({ request, onCancel }: { request: SetDialogRequest; onCancel: () => void }) {
  const [reason, setReason] = useState(request.reason);
  const reasonRef = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    request.onConfirm(reason.trim());
  };
  return (
    <ModalDialog
      title={request.title}
      initialFocus={reasonRef}
      onCancel={onCancel}
      className={`action-dialog tone-${request.tone}`}
    >
      <form onSubmit={submit} noValidate>
        <div className="consequence" data-testid="confirm-consequence">
          {request.consequence.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <TextField
          label="Reason"
          inputRef={reasonRef}
          value={reason}
          onChange={setReason}
          placeholder="Optional: goes into the audit log"
          maxLength={2000}
        />
        <ConfirmActions tone={request.tone} onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
