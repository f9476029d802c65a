import { useRef, type FormEvent } from 'react';
import type { DrillStatus } from '../../../shared/drills';
import { errorMessage } from '../../api/api-error';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { offsetWords } from './drill-words';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Exactly what Reset or End does to this drill, as it stands now. */
export function drillConsequence(command: 'reset' | 'end', status: DrillStatus): string[] {
  const at = `${offsetWords(status.offset)} of ${offsetWords(status.durationMs).slice(1)}`;
  const actions = plural(status.actions.length, 'participant action');
  const injects = plural(status.happened.length, 'inject');
  if (command === 'end')
    return [
      `The drill stops at ${at} and is scored as it stands: ${actions}, ${injects} so far.`,
      'The scorecard and the after-action report are saved in the workspace’s drill history.',
      'It cannot be resumed; Reset would start it again from the beginning.',
    ];
  return [
    `The drill goes back to +00:00 and waits, ready: a fresh simulated fleet, the scenario’s whole timeline to come again.`,
    `This run stops at ${at} and is neither scored nor saved: its ${actions} and ${injects} are dropped from the drill.`,
  ];
}

export function DrillConfirmDialog({
  command,
  status,
  error,
  onConfirm,
  onCancel,
}: {
  command: 'reset' | 'end';
  status: DrillStatus;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onConfirm();
  };
  const title = command === 'end' ? 'End the drill' : 'Reset the drill';
  return (
    <ModalDialog title={`${title} “${status.scenario.title}”`} initialFocus={confirmRef} onCancel={onCancel}>
      <form onSubmit={submit} data-testid={`drill-confirm-${command}`}>
        <div className="consequence">
          {drillConsequence(command, status).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <p className="field-error" role="alert">
          {error ? errorMessage(error) : ''}
        </p>
        <ConfirmActions tone="danger" onCancel={onCancel} confirmRef={confirmRef} />
      </form>
    </ModalDialog>
  );
}
