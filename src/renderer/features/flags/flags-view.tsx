import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FlagChangeKind, FlagRow, FlagSourceStatus } from '../../../shared/flags';
import { errorMessage } from '../../api/api-error';
import { useFlags } from '../../api/use-flags';
import { useFreezeStatus } from '../../api/use-incidents';
import { useSession } from '../../api/use-session';
import { navigate, routeHref } from '../../app/routes';
import { formatAge } from '../../components/format-duration';
import { formatDateTime } from '../../components/format-time';
import { navigationTarget } from '../../components/list-navigation';
import { StatusIcon } from '../../components/status-icon';
import { TextField } from '../../components/text-field';
import { flagActionStates } from './flag-actions';
import { FlagChangeDialog } from './flag-change-dialog';
import { flagRequest, sendFlagChange, useFlagChangeStore } from './flag-change-store';
import { FlagRowView } from './flag-row';
import { flagRowId } from './flag-words';
import { flagsListInput, type FlagsQuery } from './flags-query';
import './flags.css';

function SourceLine({ s, now }: { s: FlagSourceStatus; now: number }) {
  if (s.staleMs === undefined && !s.problem)
    return (
      <li data-testid={`flag-source-${s.connection}`}>
        <StatusIcon name="check" /> {s.connection} ({s.kind}): live
      </li>
    );
  return (
    <li className="banner flag-source-stale" data-testid={`flag-source-${s.connection}`}>
      <StatusIcon name="disconnected" />
      <span>
        <strong>{s.connection} stale:</strong> {s.problem ?? 'no answer'};{' '}
        {s.staleMs !== undefined
          ? `its flags are as last read ${formatAge(s.staleMs)} ago (${formatDateTime(now - s.staleMs)}), not live`
          : 'no flags were read from it yet: unknown, not "none"'}
      </span>
    </li>
  );
}

/**
 * What came of the last request, in the page's flow (never over data): right under its row, or
 * above the list when that row is not shown. A failure offers Retry, which resends the same key.
 */
function Outcome({ asRow }: { asRow: boolean }) {
  const outcome = useFlagChangeStore((s) => s.outcome);
  const pending = useFlagChangeStore((s) => (outcome ? s.pending[outcome.rowId] === true : false));
  const queryClient = useQueryClient();
  if (!outcome) return null;
  const retry = outcome.retry;
  const body = (
    <div
      className={`banner flag-outcome flag-outcome-${outcome.tone}`}
      role={outcome.tone === 'applied' ? 'status' : 'alert'}
      data-testid="flag-outcome"
      data-tone={outcome.tone}
    >
      <StatusIcon
        name={outcome.tone === 'applied' ? 'check' : outcome.tone === 'failed' ? 'critical' : 'warning'}
      />
      <span>
        {outcome.message}
        {outcome.tone === 'refused' && ' The row shows the flag as it is now.'}
      </span>
      {retry && (
        <button
          type="button"
          className="btn btn-small"
          aria-disabled={pending}
          onClick={() => {
            if (!pending) void sendFlagChange(queryClient, retry);
          }}
        >
          Retry
        </button>
      )}
    </div>
  );
  if (!asRow) return body;
  return (
    <tr className="flag-outcome-row">
      <td colSpan={7}>{body}</td>
    </tr>
  );
}

const EMPTY: FlagRow[] = [];

/** Every flag per environment from every flags connection, with the kill switch one key away. */
export function FlagsView({ query }: { query: FlagsQuery }) {
  const listInput = flagsListInput({ ...(query.changed ? { changed: query.changed } : {}) });
  // Read for every environment: the picker filters here, so it always lists them all.
  const list = useFlags(listInput);
  const session = useSession();
  const freeze = useFreezeStatus();
  const queryClient = useQueryClient();
  const pending = useFlagChangeStore((s) => s.pending);
  const dialog = useFlagChangeStore((s) => s.dialog);
  const killReason = useFlagChangeStore((s) => s.killReason);
  const [focused, setFocused] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const data = list.data;
  // Ages are measured on the room's clock when it read the list (a drill's clock may run fast).
  const now = data ? Date.parse(data.asOf) : 0;
  const observer = session.data?.role === 'observer';
  const freezes = freeze.data?.freezes ?? [];
  const all = data?.flags ?? EMPTY;

  const environments = useMemo(() => [...new Set(all.map((f) => f.environment))].sort(), [all]);
  const shown = useMemo(
    () =>
      all
        .filter((f) => !query.environment || f.environment === query.environment)
        .sort((a, b) => a.environment.localeCompare(b.environment) || a.key.localeCompare(b.key)),
    [all, query.environment],
  );
  const groups = useMemo(() => {
    const by = new Map<string, FlagRow[]>();
    for (const f of shown) by.set(f.environment, [...(by.get(f.environment) ?? []), f]);
    return [...by];
  }, [shown]);
  const outcomeRowId = useFlagChangeStore((s) => s.outcome?.rowId);
  const outcomeShownInRow = outcomeRowId !== undefined && shown.some((f) => flagRowId(f) === outcomeRowId);
  const dialogFlag = dialog ? all.find((f) => flagRowId(f) === dialog.rowId) : undefined;
  const currentId =
    focused && shown.some((f) => flagRowId(f) === focused) ? focused : shown[0] && flagRowId(shown[0]);

  const act = (flag: FlagRow, kind: FlagChangeKind): void => {
    if (kind === 'disable') {
      void sendFlagChange(queryClient, flagRequest(flag, { kind: 'disable' }, killReason));
      return;
    }
    useFlagChangeStore.getState().ask(kind, flagRowId(flag));
  };

  const onNavigate = (event: KeyboardEvent<HTMLTableRowElement>): void => {
    const index = shown.findIndex((f) => flagRowId(f) === currentId);
    const to = navigationTarget(event.key, index, shown.length);
    if (to === undefined) return;
    event.preventDefault();
    const target = shown[Math.max(0, Math.min(shown.length - 1, to))];
    if (!target) return;
    setFocused(flagRowId(target));
    tableRef.current
      ?.querySelector<HTMLElement>(
        `[data-testid="flag-row-${CSS.escape(`${target.environment}-${target.key}`)}"]`,
      )
      ?.focus();
  };

  const setQuery = (next: FlagsQuery): void => navigate({ name: 'flags', query: next });
  const changedOnly = query.changed === '1h';

  return (
    <section className="flags-view" aria-labelledby="flags-title">
      <div className="view-head">
        <h1 id="flags-title" className="view-title">
          Feature flags
        </h1>
        {data && (
          <span className="muted" data-testid="flags-count">
            {shown.length} flag{shown.length === 1 ? '' : 's'}
            {query.environment ? ` in ${query.environment}` : ''}
            {changedOnly ? ' changed in the last hour' : ''}
          </span>
        )}
      </div>
      <div className="flags-toolbar">
        <div className="field">
          <label htmlFor="flags-environment">Environment</label>
          <select
            id="flags-environment"
            value={query.environment ?? ''}
            onChange={(e) => setQuery({ ...query, environment: e.target.value || undefined })}
          >
            <option value="">All environments</option>
            {environments.map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
            {query.environment && !environments.includes(query.environment) && (
              <option value={query.environment}>{query.environment} (no flags)</option>
            )}
          </select>
        </div>
        <button
          type="button"
          className="btn"
          aria-pressed={changedOnly}
          onClick={() => setQuery({ ...query, changed: changedOnly ? undefined : '1h' })}
        >
          Changed in the last hour
        </button>
        {!observer && (
          <TextField
            label="Reason for Disable (optional)"
            value={killReason}
            onChange={(v) => useFlagChangeStore.getState().setKillReason(v)}
            placeholder="e.g. 5xx on checkout"
            maxLength={2000}
          />
        )}
        <span className="muted small">
          Keys on a row: <kbd className="kbd">D</kbd> Disable · <kbd className="kbd">E</kbd> Enable ·{' '}
          <kbd className="kbd">R</kbd> Set rollout · <kbd className="kbd">Enter</kbd> history
        </span>
      </div>
      {observer && (
        <p className="muted" data-testid="flags-observer">
          Observer session: you may watch but not act.
        </p>
      )}
      {list.isError && (
        <p className="banner banner-error" role="alert">
          Could not load the flags: {errorMessage(list.error)}.
          {data ? ' What is shown is as of the last answer.' : ''}
        </p>
      )}
      {data && (
        <ul className="flag-sources" aria-label="Flag sources">
          {data.sources.map((s) => (
            <SourceLine key={s.connection} s={s} now={now} />
          ))}
          {data.sources.length === 0 && (
            <li className="muted">
              No flags connection: add an Unleash or flagd-file connection in{' '}
              <a href={routeHref({ name: 'settings' })}>Settings</a>.
            </li>
          )}
        </ul>
      )}
      {!outcomeShownInRow && <Outcome asRow={false} />}
      {!data && !list.isError && <p className="loading">Loading flags…</p>}
      {data && shown.length === 0 && (
        <p className="muted" data-testid="flags-empty">
          {changedOnly ? 'No flag changed in the last hour' : 'No flags'}
          {query.environment ? ` in ${query.environment}` : ''}
          {data.sources.some((s) => s.staleMs !== undefined || s.problem)
            ? ' from the sources that answered; the stale ones above may hold some.'
            : '.'}
        </p>
      )}
      {shown.length > 0 && (
        <table className="list-table flag-table" aria-label="Feature flags" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col">Flag</th>
              <th scope="col">State</th>
              <th scope="col">Strategy and share</th>
              <th scope="col">Owner</th>
              <th scope="col">Last change</th>
              <th scope="col">Services</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          {groups.map(([env, flags]) => (
            <tbody key={env} data-testid={`flag-env-${env}`}>
              <tr className="flag-env-row">
                <th scope="colgroup" colSpan={7}>
                  {env}{' '}
                  <span className="muted">
                    · {flags.length} flag{flags.length === 1 ? '' : 's'}
                  </span>
                </th>
              </tr>
              {flags.map((f) => {
                const id = flagRowId(f);
                return (
                  <Fragment key={id}>
                    <FlagRowView
                      flag={f}
                      now={now}
                      current={id === currentId}
                      onFocus={() => setFocused(id)}
                      states={flagActionStates(f, { observer, pending: pending[id] === true, freezes })}
                      onAction={(kind) => act(f, kind)}
                      onNavigate={onNavigate}
                    />
                    {outcomeRowId === id && <Outcome asRow />}
                  </Fragment>
                );
              })}
            </tbody>
          ))}
        </table>
      )}
      {dialog && dialogFlag && (
        <FlagChangeDialog
          kind={dialog.kind}
          flag={dialogFlag}
          onClose={() => useFlagChangeStore.getState().closeDialog()}
        />
      )}
    </section>
  );
}
