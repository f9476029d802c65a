// The two buttons every confirmation dialog ends with: Escape cancels, Enter confirms.
export function ConfirmActions({ tone, onCancel }: { tone: string; onCancel: () => void }) {
  return (
    <div className="modal-actions">
      <button type="button" className="btn" onClick={onCancel} aria-label="Cancel">
        Cancel <kbd className="kbd">Esc</kbd>
      </button>
      <button type="submit" className={`btn btn-${tone}`} aria-label="Confirm">
        Confirm <kbd className="kbd">Enter</kbd>
      </button>
    </div>
  );
}
