// The two buttons every confirmation dialog ends with: Escape cancels, Enter confirms.
import type { Ref } from 'react';
import { Kbd } from './kbd';

// Named by their words alone (the key hint is aria-hidden), so the name matches the visible label.
// A dialog without an input focuses Confirm (`confirmRef`), so Enter confirms there too.
export function ConfirmActions({
  tone,
  onCancel,
  confirmRef,
}: {
  tone: string;
  onCancel: () => void;
  confirmRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <div className="modal-actions">
      <button type="button" className="btn" onClick={onCancel}>
        Cancel <Kbd>Esc</Kbd>
      </button>
      <button type="submit" className={`btn btn-${tone}`} ref={confirmRef}>
        Confirm <Kbd>Enter</Kbd>
      </button>
    </div>
  );
}
