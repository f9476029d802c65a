import type { KeyboardEvent } from 'react';
import type { FlagChangeKind, FlagRow as Row } from '../../../shared/flags';
import { routeHref } from '../../app/routes';
import { formatAge } from '../../components/format-duration';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { FLAG_ACTION_LABELS, type FlagActionState } from './flag-actions';
import { flagDetailHref } from './flags-query';
import { constraintsWords, flagState, groupWords, lastChange, strategyWords } from './flag-words';

/** The row's keys: the kill switch is one keypress, like Pause. */
export const FLAG_ROW_KEYS: Record<FlagChangeKind, string> = {
  disable: 'd',
  enable: 'e',
  'set-rollout': 'r',
};
const ORDER: FlagChangeKind[] = ['disable', 'enable', 'set-rollout'];

interface Props {
  flag: Row;
  /** The room's clock when the list was read: ages are measured on it (a drill's clock may run fast). */
  now: number;
  states: Record<FlagChangeKind, FlagActionState>;
  onAction: (kind: FlagChangeKind) => void;
  /** Arrow keys move between rows (the view owns which one has focus). */
  onNavigate: (event: KeyboardEvent<HTMLTableRowElement>) => void;
  /** The one row in the tab order (roving focus). */
  current: boolean;
  onFocus: () => void;
}

function ago(now: number, at: string): string {
  const t = Date.parse(at);
  return Number.isNaN(t) ? '' : `${formatAge(Math.max(0, now - t))} ago`;
}

export function FlagRowView({ flag, now, states, onAction, onNavigate, current, onFocus }: Props) {
  const state = flagState(flag);
  const where = `${flag.key} in ${flag.environment}`;
  const change = lastChange(flag);
  const constraints = constraintsWords(flag);
  const group = groupWords(flag);
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>): void => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const kind = ORDER.find((k) => FLAG_ROW_KEYS[k] === event.key.toLowerCase());
    if (kind) {
      event.preventDefault();
      if (states[kind].enabled) onAction(kind);
      return;
    }
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      window.location.hash = flagDetailHref(flag.environment, flag.key);
      return;
    }
    onNavigate(event);
  };
  return (
    <tr
      className={`flag-row${flag.stale ? ' is-stale' : ''}`}
      data-testid={`flag-row-${flag.environment}-${flag.key}`}
      data-state={state.tone}
      tabIndex={current ? 0 : -1}
      aria-label={`${flag.key} in ${flag.environment}: ${state.word}${flag.stale ? ', stale' : ''}`}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <th scope="row" className="flag-key">
        <a href={flagDetailHref(flag.environment, flag.key)}>{flag.key}</a>
        {flag.description && <div className="muted small flag-description">{flag.description}</div>}
        <div className="muted small">
          {flag.connection}
          {flag.project && flag.project !== flag.connection ? ` · ${flag.project}` : ''}
        </div>
      </th>
      <td>
        <span className={`badge flag-state-${state.tone}`} data-testid="flag-state">
          <StatusIcon name={state.icon} />
          {state.word}
        </span>
        {flag.stale && (
          <div className="flag-stale small" data-testid="flag-stale">
            <StatusIcon name="clock" /> Stale
            {flag.asOf ? `, as of ${formatDateTime(flag.asOf)} (${ago(now, flag.asOf)})` : ''}
          </div>
        )}
      </td>
      <td>
        <div data-testid="flag-strategy">{strategyWords(flag)}</div>
        {group && <div className="muted small">by {group}</div>}
        {constraints && (
          <div className="muted small flag-constraints" title={constraints}>
            {constraints}
          </div>
        )}
      </td>
      <td className="flag-owner">{flag.owner ?? <span className="muted">—</span>}</td>
      <td data-testid="flag-last-change">
        {change ? (
          <>
            <span title={formatDateTime(change.at)}>{ago(now, change.at)}</span> <span>by {change.by}</span>
            <div className="muted small">
              {change.source === 'room' ? change.summary : `in ${flag.connection} directly`}
            </div>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {(flag.services ?? []).length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="flag-services">
            {(flag.services ?? []).map((s) => (
              <li key={s}>
                <a href={routeHref({ name: 'fleet', filter: { q: s } })}>{s}</a>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="flag-actions">
        {ORDER.map((kind) => {
          const s = states[kind];
          const reasonId = `flag-reason-${kind}-${flag.connection}-${flag.environment}-${flag.key}`;
          return (
            <span key={kind} className="action-wrap">
              <button
                type="button"
                className="btn btn-small"
                aria-disabled={!s.enabled}
                aria-keyshortcuts={FLAG_ROW_KEYS[kind].toUpperCase()}
                aria-describedby={s.enabled ? undefined : reasonId}
                title={
                  s.enabled ? `${FLAG_ACTION_LABELS[kind]} (${FLAG_ROW_KEYS[kind].toUpperCase()})` : s.reason
                }
                data-flag-action={kind}
                onClick={() => {
                  if (s.enabled) onAction(kind);
                }}
              >
                {FLAG_ACTION_LABELS[kind]}
                <span className="visually-hidden"> {where}</span>
              </button>
              {!s.enabled && s.reason && (
                <span id={reasonId} className="visually-hidden">
                  {s.reason}
                </span>
              )}
            </span>
          );
        })}
        {states.enable.freeze && (
          <div className="small flag-frozen" data-testid="flag-frozen">
            <StatusIcon name="hand" /> Frozen: only Disable
          </div>
        )}
      </td>
    </tr>
  );
}
