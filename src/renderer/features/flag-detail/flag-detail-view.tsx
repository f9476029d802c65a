// One flag in one environment: its state as the backend tells it (stale with its age when the
// backend did not answer), the changes the room recorded, and a canary-style comparison of the
// metrics of the services it touches around a chosen flip.
import { useState } from 'react';
import type { Flag } from '../../../shared/flags';
import { errorMessage } from '../../api/api-error';
import { routeHref } from '../../app/routes';
import { formatAge } from '../../components/format-duration';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { useWallNow } from '../../components/use-now';
import { FlagComparisonReport } from './flag-comparison-report';
import { useFlagComparison, useFlagDetail } from './use-flag-detail';
import '../canary/canary.css';
import './flag-detail.css';

function shareText(flag: Flag): string {
  if (!flag.enabled) return 'nobody (off)';
  const parts = flag.strategies.map((s) => {
    const share = s.rolloutPercent === undefined ? 'everyone' : `${s.rolloutPercent}%`;
    const group = s.groupId ? ` by ${s.groupId}` : '';
    const who =
      s.constraints.length > 0
        ? ` where ${s.constraints.map((c) => `${c.contextName} ${c.operator} ${c.values.join(', ')}`).join(' and ')}`
        : '';
    return `${share}${group}${who} (${s.name})`;
  });
  return parts.join('; ') || 'everyone';
}

export function FlagDetailView({ environment, flagKey }: { environment: string; flagKey: string }) {
  const detail = useFlagDetail(environment, flagKey);
  const [auditSeq, setAuditSeq] = useState<number | undefined>();
  const comparison = useFlagComparison(environment, flagKey, auditSeq);
  const now = useWallNow(1000);
  const d = detail.data;
  const flag = d?.flag;
  const changes = d?.changes ?? [];
  const compared = comparison.data?.flip?.auditSeq;
  return (
    <section className="flag-detail-view" aria-labelledby="flag-detail-title">
      <div className="view-head">
        <h1 id="flag-detail-title" className="view-title">
          Flag {flagKey} <span className="muted">· {environment}</span>
        </h1>
        <a href="#/flags" className="muted">
          All flags
        </a>
      </div>
      {detail.isError && (
        <p className="banner banner-error" role="alert">
          The flag could not be read: {errorMessage(detail.error)}
        </p>
      )}
      {flag?.stale && (
        <p className="banner banner-warning" role="status">
          <StatusIcon name="disconnected" /> {flag.connection} did not answer: this is the flag as read{' '}
          {flag.asOf ? `${formatAge(Math.max(0, now - Date.parse(flag.asOf)))} ago` : 'earlier'}.
        </p>
      )}
      {flag && (
        <section className="panel" aria-labelledby="flag-state-title">
          <h2 id="flag-state-title" className="panel-title">
            State
          </h2>
          <dl className="flag-facts">
            <div>
              <dt>State</dt>
              <dd data-testid="flag-state">
                <span className={`badge flag-state-${flag.enabled ? 'on' : 'off'}`}>
                  <StatusIcon name={flag.enabled ? 'play' : 'pause'} />
                  {flag.enabled ? 'On' : 'Off'}
                </span>
              </dd>
            </div>
            <div>
              <dt>Served to</dt>
              <dd>{shareText(flag)}</dd>
            </div>
            <div>
              <dt>Services</dt>
              <dd>{flag.services && flag.services.length > 0 ? flag.services.join(', ') : 'none named'}</dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>{flag.owner ?? '—'}</dd>
            </div>
            <div>
              <dt>Where</dt>
              <dd>
                {flag.connection} · {flag.project}
              </dd>
            </div>
            <div>
              <dt>Last change</dt>
              <dd className="tabular">
                {flag.lastChange ? `${formatDateTime(flag.lastChange.at)} UTC by ${flag.lastChange.by}` : '—'}
              </dd>
            </div>
          </dl>
          {flag.description && <p className="muted">{flag.description}</p>}
        </section>
      )}
      <section className="panel" aria-labelledby="flag-changes-title">
        <h2 id="flag-changes-title" className="panel-title">
          Recorded changes <span className="panel-count tabular">{changes.length}</span>
        </h2>
        {changes.length === 0 ? (
          <p className="muted">The control room has recorded no change of this flag here.</p>
        ) : (
          <ol className="flag-changes" data-testid="flag-changes">
            {changes.map((c) => (
              <li key={c.id} className="flag-change">
                <time className="tabular muted" dateTime={c.time}>
                  {formatDateTime(c.time)}
                </time>
                <span className="flag-change-actor">{c.actor}</span>
                <span className="flag-change-summary">{c.summary}</span>
                {c.auditSeq !== undefined && (
                  <button
                    type="button"
                    className="button"
                    aria-pressed={compared === c.auditSeq}
                    onClick={() => setAuditSeq(c.auditSeq)}
                  >
                    {compared === c.auditSeq ? 'Compared' : 'Compare around this'}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="panel" aria-labelledby="flag-compare-title">
        <h2 id="flag-compare-title" className="panel-title">
          Before and after the flip
        </h2>
        {comparison.isError && (
          <p className="banner banner-error" role="alert">
            The comparison could not be made: {errorMessage(comparison.error)}
          </p>
        )}
        {comparison.data ? (
          <FlagComparisonReport comparison={comparison.data} />
        ) : (
          !comparison.isError && <p className="muted">Judging…</p>
        )}
        <p className="muted">
          Judged like a canary:{' '}
          <a href={routeHref({ name: 'changes', query: { window: '1h', environment } })}>
            what changed in {environment}
          </a>{' '}
          shows the flip beside the error rate.
        </p>
      </section>
    </section>
  );
}
