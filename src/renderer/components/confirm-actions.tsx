// The two buttons every confirmation dialog ends with: Escape cancels, Enter confirms.
import { Kbd } from './kbd';

// Named by their words alone (the key hint is aria-hidden), so the name matches the visible label.
export function ConfirmActions({ tone, onCancel }: { tone: string; onCancel: () => void }) {
  return (
    <div className="modal-actions">
      <button type="button" className="btn" onClick={onCancel}>
        Cancel <Kbd>Esc</Kbd>
      </button>
      <button type="submit" className={`btn btn-${tone}`}>
        Confirm <Kbd>Enter</Kbd>
      </button>
    </div>
  );
}
