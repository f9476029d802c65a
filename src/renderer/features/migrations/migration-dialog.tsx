import { useId, useRef, useState, type FormEvent } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { ConfirmActions } from '../../components/confirm-actions';
import { TextField } from '../../components/text-field';

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
          <TextField
            label={`Type the table name (${typeToConfirm}) to confirm`}
            inputRef={typedRef}
            value={typed}
            onChange={setTyped}
            spellCheck={false}
            aria-invalid={touched && typed.trim() !== typeToConfirm}
            aria-describedby={errorId}
          />
        )}
        <TextField
          label={field.label}
          inputRef={textRef}
          value={text}
          onChange={setText}
          placeholder={field.placeholder}
          maxLength={2000}
          aria-describedby={errorId}
        />
        <span id={errorId} className="field-error" aria-live="polite">
          {touched && problem ? problem : ''}
        </span>
        <ConfirmActions tone={request.tone} onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
