import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useFreezeWindowList } from '../../api/use-freeze-windows';
import { StatusIcon, type IconName } from '../../components/status-icon';
import { useSimNow } from '../../components/use-now';
import { formatDateTime } from '../../components/format-time';
import type { FreezeWindowState, FreezeWindowView } from '../../../shared/freeze-windows';
import { zonedWhen } from '../../../shared/zoned-time';
import { FreezeWindowForm } from './freeze-window-form';
import { RemoveFreezeWindowDialog } from './remove-freeze-window-dialog';
import { useRequestedWindowDialog, type FreezeWindowRequest } from './freeze-window-dialog-store';

const STATE: Record<FreezeWindowState, { icon: IconName; word: string; tone: string }> = {
  'in-force': { icon: 'hand', word: 'in force', tone: 'warning' },
  scheduled: { icon: 'clock', word: 'scheduled', tone: 'ok' },
  ended: { icon: 'check', word: 'over', tone: 'ok' },
};

function WindowCard({
  window: w,
  readOnly,
  now,
  onEdit,
  removing,
  setRemoving,
}: {
  window: FreezeWindowView;
  readOnly: boolean;
  now: number;
  onEdit: () => void;
  removing: boolean;
  setRemoving: (removing: boolean) => void;
}) {
  const state = STATE[w.state];
  return (
    <li className="connection-card panel" data-testid={`freeze-window-${w.name}`}>
      <div className="panel-head">
        <h3 className="connection-card-title">
          {w.name}
          <span className={`connection-chip tone-${state.tone}`} data-testid="window-state">
            <StatusIcon name={state.icon} /> {state.word}
          </span>
        </h3>
        <button
          type="button"
          className="btn btn-small"
          onClick={onEdit}
          disabled={readOnly}
          aria-label={`Edit freeze window ${w.name}`}
        >
          Edit
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => setRemoving(true)}
          disabled={readOnly}
          aria-label={`Delete freeze window ${w.name}`}
        >
          Delete
        </button>
      </div>
      <dl className="connection-settings">
        <div>
          <dt>Schedule</dt>
          <dd>{w.schedule}</dd>
        </div>
        <div>
          <dt>Environments</dt>
          <dd>{w.environments ? w.environments.join(', ') : 'every environment'}</dd>
        </div>
        {w.until && (
          <div>
            <dt>Releases reopen</dt>
            <dd data-testid="window-until">{zonedWhen(w.until, w.timezone, now)}</dd>
          </div>
        )}
        {w.nextStart && (
          <div>
            <dt>{w.state === 'in-force' ? 'Closes again' : 'Next closes'}</dt>
            <dd>
              {zonedWhen(w.nextStart, w.timezone, now)}
              {w.nextEnd && (
                <span className="muted"> until {zonedWhen(w.nextEnd, w.timezone, now).split(' (')[0]}</span>
              )}
            </dd>
          </div>
        )}
        {w.settings.reason && (
          <div>
            <dt>Reason</dt>
            <dd>{w.settings.reason}</dd>
          </div>
        )}
      </dl>
      {w.overrides.length > 0 && (
        <div className="window-overrides">
          <h4 className="muted small">Let through this window ({w.overrides.length})</h4>
          <ul data-testid="window-overrides">
            {w.overrides.map((o) => (
              <li key={o.auditSeq}>
                <span className="tabular">{formatDateTime(o.time)} UTC</span> · {o.actor}: {o.action}{' '}
                {o.rollout} — “{o.reason}” <span className="muted">(audit #{o.auditSeq})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {removing && <RemoveFreezeWindowDialog window={w} onClose={() => setRemoving(false)} />}
    </li>
  );
}

/** Scheduled freeze windows (freezeWindows: in config.yaml): each with its state now, add/edit/delete. */
export function FreezeWindowsSection({ observer }: { observer: boolean }) {
  const list = useFreezeWindowList();
  const now = useSimNow(10_000);
  // undefined: no form open; null: adding; a view: editing it.
  const [editing, setEditing] = useState<FreezeWindowView | null | undefined>(undefined);
  const [removing, setRemoving] = useState<string | undefined>(undefined);
  const data = list.data;
  const readOnly = observer || data?.problem !== undefined;
  const section = useRef<HTMLElement>(null);
  // The palette asked for a dialog: open it once the windows are loaded.
  const windows = data?.windows;
  const open = useCallback(
    (request: NonNullable<FreezeWindowRequest>) => {
      section.current?.scrollIntoView({ block: 'start' });
      if (readOnly || request.kind === 'show') return;
      if (request.kind === 'add') return setEditing(null);
      const { name } = request;
      const w = windows?.find((x) => x.name === name);
      if (w && request.kind === 'edit') setEditing(w);
      else if (w) setRemoving(w.name);
    },
    [readOnly, windows],
  );
  useRequestedWindowDialog(data !== undefined, open);
  return (
    <section className="freeze-windows" aria-labelledby="freeze-windows-title" ref={section}>
      <div className="settings-section-head">
        <h2 id="freeze-windows-title" className="panel-title settings-section-title">
          Freeze windows <span className="panel-count">{data?.windows.length ?? 0}</span>
        </h2>
        <span className="muted small">
          Scheduled release freezes, e.g. every Friday 16:00 to Monday 08:00, per environment.
        </span>
        <button
          type="button"
          className="btn settings-head-end"
          onClick={() => setEditing(null)}
          disabled={!data || readOnly}
          title={observer ? 'Observers may only watch' : undefined}
        >
          Add freeze window
        </button>
      </div>
      {list.isError && (
        <p className="banner banner-error" role="alert">
          <StatusIcon name="critical" />
          Could not load the freeze windows: {errorMessage(list.error)}
        </p>
      )}
      {!data && !list.isError && <p className="loading">Loading freeze windows…</p>}
      {data && data.windows.length === 0 && (
        <p className="muted" data-testid="no-freeze-windows">
          No freeze windows: releases are frozen only while an incident is open.
        </p>
      )}
      {data && data.windows.length > 0 && (
        <ul className="connection-cards" aria-label="Freeze windows">
          {data.windows.map((w) => (
            <WindowCard
              key={w.name}
              window={w}
              readOnly={readOnly}
              now={now}
              onEdit={() => setEditing(w)}
              removing={removing === w.name}
              setRemoving={(on) => setRemoving(on ? w.name : undefined)}
            />
          ))}
        </ul>
      )}
      {editing !== undefined && data && (
        <FreezeWindowForm editing={editing ?? undefined} onClose={() => setEditing(undefined)} />
      )}
    </section>
  );
}
