import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies `text` to the clipboard and says so in its own label. The text beside it stays selectable,
 * so a refused clipboard (no permission) still leaves a way to copy by hand.
 */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = (): void => {
    // Outside a secure context there is no clipboard at all: that is a refusal too.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setState('copied'),
        () => setState('failed'),
      );
  };

  return (
    <button type="button" className="btn btn-small btn-ghost copy-button" onClick={copy} data-testid={testId}>
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy refused: select the text' : 'Copy'}
      </span>
      <span className="visually-hidden"> {label}</span>
    </button>
  );
}
