import { useToastStore } from '../store/toast-store';
import { StatusIcon } from './status-icon';

const ICON = { success: 'check', error: 'critical', info: 'dot' } as const;
const WORD = { success: 'Done', error: 'Failed', info: 'Note' } as const;

export function ToastStack() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toast-stack" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.kind}`}
          data-testid="toast"
          data-kind={t.kind}
          role={t.kind === 'error' ? 'alert' : 'status'}
        >
          <StatusIcon name={ICON[t.kind]} />
          <span className="toast-message">
            <strong>{WORD[t.kind]}:</strong> {t.message}
          </span>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
