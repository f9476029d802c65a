import { useId, useRef, useState, type FormEvent } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { ConfirmActions } from '../../components/confirm-actions';

export interface DialogRequest {
  title: string;
  /** Exactly what will happen, line by line. */
  consequence: string[];
  field: { label: string; placeholder: string; required: boolean };
  /** For the irreversible step: this word must be typed to confirm. */
  typeToConfirm?: string;
  tone: 'primary' | 'danger';
  onConfirm: (text: string, typed: string) => void;
}

/** Confirmation for plan changes: says what happens, asks for a note or reason; Enter confirms. */
export function MigrationDialog({ request, onCancel }: { request: DialogRequest; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const [touched, setTouched] = useState(false);
  const textRef = useRef<HTMLInputElement>(null);
  const typedRef = useRef<HTMLInputElement>(null);
  const textId = useId();
  const typedId = useId();
  const errorId = useId();
  const { field, typeToConfirm } = request;
  const problem =
    typeToConfirm !== undefined && typed.trim() !== typeToConfirm
      ? `Type ${typeToConfirm} to confirm.`
      : field.required && text.trim() === ''
        ? `${field.label} is required.`
        : null;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    request.onConfirm(text.trim(), typed.trim());
  };

  return (
    <ModalDialog
      title={request.title}
      initialFocus={typeToConfirm !== undefined ? typedRef : textRef}
      onCancel={onCancel}
      className={`action-dialog tone-${request.tone}`}
    >
      <form onSubmit={submit} noValidate>
        <div className="consequence" data-testid="confirm-consequence">
          {request.consequence.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        {typeToConfirm !== undefined && (
          <div className="field">
            <label htmlFor={typedId}>Type the table name ({typeToConfirm}) to confirm</label>
            <input
              id={typedId}
              ref={typedRef}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={touched && typed.trim() !== typeToConfirm}
              aria-describedby={errorId}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={textId}>{field.label}</label>
          <input
            id={textId}
            ref={textRef}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={field.placeholder}
            maxLength={2000}
            autoComplete="off"
            aria-describedby={errorId}
          />
        </div>
        <span id={errorId} className="field-error" aria-live="polite">
          {touched && problem ? problem : ''}
        </span>
        <ConfirmActions tone={request.tone} onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
