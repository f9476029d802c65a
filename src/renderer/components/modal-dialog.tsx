import { useEffect, useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

interface ModalDialogProps {
  title: string;
  /** Focused when the dialog opens; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  onCancel: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A native modal <dialog> (role="dialog"): the rest of the page is inert, focus starts inside,
 * Escape cancels. Mount it to open it, unmount it to close it.
 */
export function ModalDialog({ title, initialFocus, onCancel, children, className }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    onCancelRef.current = onCancel;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    const onCancelEvent = (event: Event): void => {
      event.preventDefault();
      onCancelRef.current();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      if (dialog.open) dialog.close();
      if (previous && previous.isConnected) previous.focus();
    };
  }, [initialFocus]);

  return (
    <dialog ref={ref} className={className ? `modal ${className}` : 'modal'} aria-labelledby={titleId}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
