import { useRef, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import { useRemoveFreezeWindow } from '../../api/use-freeze-windows';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import type { FreezeWindowView } from '../../../shared/freeze-windows';
import { toast } from '../../store/toast-store';

/** Says exactly what deleting the window does (releases reopen now if it was in force); Enter confirms. */
export function RemoveFreezeWindowDialog({
  window: w,
  onClose,
}: {
  window: FreezeWindowView;
  onClose: () => void;
}) {
  const remove = useRemoveFreezeWindow();
  const confirm = useRef<HTMLButtonElement>(null);
  const where = w.environments ? w.environments.join(', ') : 'every environment';
  const consequence = [
    `The freeze window ${w.name} (${w.schedule}) is removed from config.yaml; its comments and every other setting stay.`,
    w.state === 'in-force'
      ? `It is in force now: releases in ${where} reopen at once, unless an incident or another window holds them.`
      : `It no longer freezes ${where}${w.nextStart ? ' at its next closure' : ''}.`,
    ...(w.overrides.length > 0
      ? [`Its ${w.overrides.length} override${w.overrides.length === 1 ? '' : 's'} stay in the audit log.`]
      : []),
  ];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate(w.name, {
      onSuccess: (result) => {
        toast.success(result.message);
        onClose();
      },
    });
  };
  return (
    <ModalDialog
      title={`Delete freeze window ${w.name}?`}
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
