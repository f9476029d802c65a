import { useEffect, useId, useState } from 'react';
import type { DrillStatus } from '../../../shared/drills';
import { errorMessage } from '../../api/api-error';
import { useDrillControl, useDrillSpeed } from '../../api/use-drill';
import { StatusIcon } from '../../components/status-icon';
import { DrillConfirmDialog } from './drill-confirm-dialog';
import { useDrillRequestStore, type DrillRequest } from './drill-request-store';

export type DrillCommand = 'start' | 'pause' | 'step' | 'reset' | 'end';

/** What the clock button says and does in each state: one button, so Space-bar muscle memory works. */
export function clockButton(state: DrillStatus['state']): { command: 'start' | 'pause'; label: string } {
  if (state === 'running') return { command: 'pause', label: 'Pause drill' };
  return { command: 'start', label: state === 'paused' ? 'Resume drill' : 'Start drill' };
}

/** Why a control cannot run now; undefined when it can. */
export function controlRefusal(command: DrillCommand, state: DrillStatus['state']): string | undefined {
  if (state === 'ended' && command !== 'reset') return 'The drill has ended: Reset starts it again';
  if (command === 'step' && state === 'running') return 'Pause the drill to step it';
  return undefined;
}

/** The facilitator's clock: start/pause, step, speed 1-60, reset and end (these two confirm). */
export function DrillControls({
  status,
  requested,
  onRequestDone,
}: {
  status: DrillStatus;
  /** What the palette asked for, done here with the same requests and dialogs as the buttons. */
  requested: DrillRequest | null;
  onRequestDone: () => void;
}) {
  const control = useDrillControl();
  const speed = useDrillSpeed();
  const confirming = useDrillRequestStore((s) => s.confirming);
  const setConfirming = useDrillRequestStore((s) => s.confirm);
  const [speedText, setSpeedText] = useState(String(status.speed));
  const speedId = useId();
  const clock = clockButton(status.state);

  // The speed the server now runs at, once it changes (state adjusted during render, as React advises).
  const [shownSpeed, setShownSpeed] = useState(status.speed);
  if (status.speed !== shownSpeed) {
    setShownSpeed(status.speed);
    setSpeedText(String(status.speed));
  }

  const run = (command: DrillCommand): void => {
    if (command === 'reset' || command === 'end') setConfirming(command);
    else control.mutate({ command });
  };
  const setSpeed = (value: number): void => speed.mutate({ speed: value });

  useEffect(() => {
    if (!requested || requested.kind === 'inject') return;
    onRequestDone();
    if (requested.kind === 'speed') setSpeed(requested.speed);
    else control.mutate({ command: requested.command });
    // Done once per request; the mutations' functions are recreated every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requested]);

  const refusal = (command: DrillCommand) => controlRefusal(command, status.state);
  const error =
    (control.isError && !confirming ? control.error : null) ?? (speed.isError ? speed.error : null);
  return (
    <div className="drill-controls" data-testid="drill-controls">
      <div className="drill-control-row">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => run(clock.command)}
          disabled={refusal(clock.command) !== undefined || control.isPending}
          title={refusal(clock.command)}
          data-testid="drill-clock-button"
        >
          <StatusIcon name={clock.command === 'pause' ? 'pause' : 'play'} />
          {clock.label}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => run('step')}
          disabled={refusal('step') !== undefined || control.isPending}
          title={refusal('step') ?? 'Advance the paused drill by one controller step of simulated time'}
        >
          Step drill
        </button>
        <form
          className="drill-speed"
          onSubmit={(e) => {
            e.preventDefault();
            setSpeed(Number(speedText));
          }}
        >
          <label htmlFor={speedId}>Speed (simulated s per s, 1–60)</label>
          <input
            id={speedId}
            type="number"
            min={1}
            max={60}
            step={1}
            value={speedText}
            onChange={(e) => setSpeedText(e.target.value)}
            data-testid="drill-speed-input"
          />
          <button type="submit" className="btn" disabled={speed.isPending || status.state === 'ended'}>
            Set speed
          </button>
        </form>
        <span className="drill-control-end">
          <button type="button" className="btn" onClick={() => run('reset')}>
            Reset drill…
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => run('end')}
            disabled={refusal('end') !== undefined}
            title={refusal('end')}
          >
            End drill…
          </button>
        </span>
      </div>
      <p className="field-error" role="alert" data-testid="drill-control-error">
        {error ? errorMessage(error) : ''}
      </p>
      {confirming && (
        <DrillConfirmDialog
          command={confirming}
          status={status}
          error={control.variables?.command === confirming ? control.error : null}
          onCancel={() => setConfirming(null)}
          onConfirm={() => control.mutate({ command: confirming }, { onSuccess: () => setConfirming(null) })}
        />
      )}
    </div>
  );
}
