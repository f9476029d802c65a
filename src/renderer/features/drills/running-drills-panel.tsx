import { useRef, type FormEvent } from 'react';
import type { DrillServerView } from '../../../shared/drill-servers';
import { errorMessage } from '../../api/api-error';
import { useRunningDrills, useStopDrill } from '../../api/use-drill-servers';
import { ConfirmActions } from '../../components/confirm-actions';
import { formatDateTime } from '../../components/format-time';
import { ModalDialog } from '../../components/modal-dialog';
import { openDrillRoom, useDrillLaunchStore } from './drill-launch-store';

/** Stopping ends the drill room for everyone in it: said exactly, confirmed with Enter. */
function StopDrillDialog({ drill, onDone }: { drill: DrillServerView; onDone: () => void }) {
  const stop = useStopDrill();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    stop.mutate(drill.pid, { onSuccess: onDone });
  };
  return (
    <ModalDialog title={`Stop drill room ${drill.runId}`} initialFocus={confirmRef} onCancel={onDone}>
      <form onSubmit={submit} noValidate data-testid="stop-drill">
        <div className="consequence">
          <p>
            The drill room of {drill.title} (pid {drill.pid}) is shut down: every participant&apos;s screen
            loses it and their join URLs stop working.
          </p>
          <p>
            A drill not yet ended from its facilitator panel gets no score or report; what was done so far
            stays in its folder (drills/{drill.runId}).
          </p>
        </div>
        <p className="field-error" role="alert">
          {stop.isError ? errorMessage(stop.error) : ''}
        </p>
        <ConfirmActions tone="danger" onCancel={onDone} confirmRef={confirmRef} />
      </form>
    </ModalDialog>
  );
}

/** Drill rooms this app started and that still run: open one again, or stop it. */
export function RunningDrillsPanel() {
  const running = useRunningDrills();
  const stoppingPid = useDrillLaunchStore((s) => s.stopping);
  const setStopping = useDrillLaunchStore((s) => s.stop);
  const drills = running.data ?? [];
  const stopping = drills.find((d) => d.pid === stoppingPid && d.mine);
  if (!running.isError && drills.length === 0) return null;
  return (
    <section className="drills-section" aria-labelledby="drills-running-title" data-testid="running-drills">
      <h2 id="drills-running-title" className="panel-title">
        Running drills <span className="panel-count">{drills.length}</span>
      </h2>
      {running.isError && (
        <p className="banner banner-error" role="alert">
          Could not read the running drills: {errorMessage(running.error)}
        </p>
      )}
      <ul className="drill-running">
        {drills.map((d) => (
          <li key={d.pid} className="panel drill-running-row" data-testid={`running-drill-${d.runId}`}>
            <span className="drill-running-what">
              <strong>{d.title}</strong>
              <span className="muted">
                {' '}
                · {d.runId} · pid {d.pid} · started {formatDateTime(d.startedAt)} by {d.startedBy}
              </span>
            </span>
            {d.mine && d.url ? (
              <span className="drill-running-actions">
                <button type="button" className="btn btn-small" onClick={() => d.url && openDrillRoom(d.url)}>
                  Open<span className="visually-hidden"> drill room {d.runId}</span>
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => setStopping(d.pid)}>
                  Stop<span className="visually-hidden"> drill room {d.runId}</span>
                </button>
              </span>
            ) : (
              <span className="muted">{d.startedBy} holds its join URLs</span>
            )}
          </li>
        ))}
      </ul>
      {stopping && <StopDrillDialog drill={stopping} onDone={() => setStopping(undefined)} />}
    </section>
  );
}
