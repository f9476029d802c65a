// Pause everything: says exactly which rollouts it will pause, confirms with Enter, then fills in a
// result per rollout as each one answers (paused, already paused, or failed with the cause).
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { PauseAllResult, PauseAllRolloutResult, PauseOutcome } from '../../../shared/api';
import { inFlightIn, isManuallyPaused, type RolloutScope } from '../../../shared/in-flight';
import { api } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { useFleet } from '../../api/use-fleet';
import { ConfirmActions } from '../../components/confirm-actions';
import { Kbd } from '../../components/kbd';
import { ModalDialog } from '../../components/modal-dialog';
import { StatusIcon, type IconName } from '../../components/status-icon';
import { usePauseAllStore } from '../../store/pause-all-store';
import './pause-all.css';
import { TextField } from '../../components/text-field';

const OUTCOME: Record<PauseOutcome, { icon: IconName; word: string }> = {
  paused: { icon: 'pause', word: 'Paused' },
  'already-paused': { icon: 'check', word: 'Already paused' },
  failed: { icon: 'cross', word: 'Failed' },
};

function scopeValue(scope: RolloutScope): string {
  if (scope.environment) return `env:${scope.environment}`;
  if (scope.connection) return `conn:${scope.connection}`;
  return 'all';
}

function scopeOf(value: string): RolloutScope {
  if (value.startsWith('env:')) return { environment: value.slice(4) };
  if (value.startsWith('conn:')) return { connection: value.slice(5) };
  return {};
}

export function scopeWords(scope: RolloutScope): string {
  if (scope.environment) return ` in ${scope.environment}`;
  if (scope.connection) return ` of connection ${scope.connection}`;
  return '';
}

export function PauseAllDialog() {
  const open = usePauseAllStore((s) => s.open);
  return open ? <PauseAllDialogBody /> : null;
}

function PauseAllDialogBody() {
  const initial = usePauseAllStore((s) => s.scope);
  const running = usePauseAllStore((s) => s.running);
  const close = usePauseAllStore((s) => s.close);
  const fleetData = useFleet().data;
  const fleet = useMemo(() => fleetData ?? [], [fleetData]);
  const [scope, setScope] = useState(initial);
  const [reason, setReason] = useState('');
  // One key per opening of the dialog: a second Enter or a retry applies once.
  const [key] = useState(() => `ui-pause-all-${crypto.randomUUID()}`);
  const [answer, setAnswer] = useState<PauseAllResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const scopeId = useId();
  const listId = useId();

  const environments = useMemo(() => [...new Set(fleet.map((r) => r.environment))].sort(), [fleet]);
  const connections = useMemo(() => [...new Set(fleet.map((r) => r.connection))], [fleet]);
  const targets = useMemo(() => inFlightIn(fleet, scope), [fleet, scope]);
  const toPause = targets.filter((r) => !isManuallyPaused(r));
  const held = targets.length - toPause.length;
  const started = running !== null || answer !== null;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (started || targets.length === 0) return;
    usePauseAllStore.getState().start(key);
    void api('rollouts.pauseAll', {
      idempotencyKey: key,
      ...scope,
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
    })
      .then((result) => setAnswer(result))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => requestAnimationFrame(() => closeRef.current?.focus()));
  };

  const rows: PauseAllRolloutResult[] = answer?.results ?? running?.results ?? [];
  const total = answer?.results.length ?? (running?.total || targets.length);

  return (
    <ModalDialog
      title={`Pause everything${scopeWords(scope)}`}
      onCancel={close}
      initialFocus={confirmRef}
      className="pause-all-dialog"
    >
      {!started ? (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={scopeId}>Scope</label>
            <select
              id={scopeId}
              value={scopeValue(scope)}
              onChange={(e) => setScope(scopeOf(e.target.value))}
            >
              <option value="all">Every in-flight rollout</option>
              {environments.map((env) => (
                <option key={env} value={`env:${env}`}>
                  Environment {env}
                </option>
              ))}
              {connections.map((c) => (
                <option key={c} value={`conn:${c}`}>
                  Connection {c}
                </option>
              ))}
            </select>
          </div>
          <div className="consequence" data-testid="pause-all-consequence">
            {targets.length === 0 ? (
              <p>Nothing is in flight{scopeWords(scope)}: there is nothing to pause.</p>
            ) : (
              <>
                <p>
                  Pauses {toPause.length} in-flight rollout{toPause.length === 1 ? '' : 's'}
                  {toPause.length > 0 ? ': ' : '.'}
                  {toPause.map((r) => `${r.service} in ${r.environment}`).join(', ')}
                  {toPause.length > 0 ? '.' : ''}
                </p>
                {held > 0 && (
                  <p>
                    {held} already paused by a person: left as {held === 1 ? 'it is' : 'they are'}.
                  </p>
                )}
                <p>Traffic stays where it is; each one resumes only when someone resumes it.</p>
              </>
            )}
          </div>
          <TextField
            label="Reason"
            value={reason}
            onChange={setReason}
            placeholder="Optional: why — goes into the audit log with every pause"
            maxLength={2000}
          />
          <ConfirmActions tone="primary" onCancel={close} confirmRef={confirmRef} />
        </form>
      ) : (
        <div>
          <p className="pause-all-progress" role="status">
            {answer
              ? `${answer.counts.paused} paused, ${answer.counts['already-paused']} already paused, ${answer.counts.failed} failed.`
              : error
                ? `Pause everything did not run: ${error}`
                : `Pausing… ${rows.length} of ${total} answered.`}
          </p>
          <ul className="pause-all-results" id={listId} aria-label="Results" data-testid="pause-all-results">
            {rows.map((r) => (
              <li key={r.id} className={`pause-all-row outcome-${r.outcome}`} data-outcome={r.outcome}>
                <StatusIcon name={OUTCOME[r.outcome].icon} />
                <span className="pause-all-word">{OUTCOME[r.outcome].word}</span>
                <span className="pause-all-target">
                  {r.service} in {r.environment}
                </span>
                {r.outcome === 'failed' && <span className="pause-all-cause">{r.message}</span>}
              </li>
            ))}
          </ul>
          <div className="modal-actions">
            <button type="button" className="btn" ref={closeRef} onClick={close}>
              Close <Kbd>Esc</Kbd>
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
