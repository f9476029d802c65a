import { useRef, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import { useRemoveConnection } from '../../api/use-connection-settings';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import type { ConnectionView } from '../../../shared/api';
import { toast } from '../../store/toast-store';

/** Says exactly what removing does (what stops, what relies on it, which secrets go); Enter confirms. */
export function RemoveConnectionDialog({
  connection: c,
  onClose,
}: {
  connection: ConnectionView;
  onClose: () => void;
}) {
  const remove = useRemoveConnection();
  const confirm = useRef<HTMLButtonElement>(null);
  const stored = c.secrets.filter((s) => s.from === 'secret');
  const consequence = [
    `${c.name} (${c.kind}) is removed from config.yaml; its comments and every other setting stay.`,
    ...c.serves.map((s) => `The control room stops showing ${s} from the next start.`),
    ...c.usedBy.map(
      (u) => `Used by ${u}: config.yaml must name another connection there first, or this is refused.`,
    ),
    ...(stored.length > 0
      ? [
          `Its stored ${stored.map((s) => s.field).join(' and ')} are deleted unless another connection uses them.`,
        ]
      : []),
  ];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate(c.name, {
      onSuccess: (result) => {
        toast.success(result.message);
        onClose();
      },
    });
  };
  return (
    <ModalDialog
      title={`Remove ${c.name}?`}
      initialFocus={confirm}
      onCancel={onClose}
      className="action-dialog tone-danger"
    >
      <form onSubmit={submit} noValidate>
        <div className="consequence" data-testid="confirm-consequence">
          {consequence.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        {remove.isError && (
          <p className="field-error" role="alert">
            {errorMessage(remove.error)}
          </p>
        )}
        <ConfirmActions tone="danger" onCancel={onClose} confirmRef={confirm} />
      </form>
    </ModalDialog>
  );
}
