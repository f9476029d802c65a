import { memo } from 'react';
import type { AuditRecord } from '../../../shared/domain';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon, type IconName } from '../../components/status-icon';
import type { ActionEntry, ActionOutcome, AuditEntry } from './audit-entries';

interface AuditRowProps {
  entry: AuditEntry;
  index: number;
  expanded: boolean;
  onToggle: (seq: number) => void;
}

function detailsSummary(details: Record<string, unknown>): string {
  const keys = Object.keys(details);
  if (keys.length === 0) return '—';
  return keys
    .slice(0, 4)
    .map((k) => {
      const v = details[k];
      const text = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '…';
      return `${k}=${text.length > 24 ? `${text.slice(0, 23)}…` : text}`;
    })
    .join(' ');
}

const OUTCOME: Record<ActionOutcome, { icon: IconName; word: string }> = {
  succeeded: { icon: 'check', word: 'Succeeded' },
  failed: { icon: 'critical', word: 'Failed' },
  rejected: { icon: 'cross', word: 'Rejected' },
  interrupted: { icon: 'warning', word: 'Interrupted' },
  pending: { icon: 'clock', word: 'No outcome yet' },
};

function outcomeWords(entry: ActionEntry): string {
  const word = OUTCOME[entry.outcome].word;
  if (entry.outcome !== 'interrupted' || entry.applied === undefined) return word;
  if (entry.applied === 'unknown') return `${word}, unknown if applied`;
  return `${word}, ${entry.applied ? 'applied' : 'not applied'}`;
}

function OutcomeBadge({ entry }: { entry: ActionEntry }) {
  return (
    <span className={`badge outcome-${entry.outcome}`} data-testid="audit-outcome">
      <StatusIcon name={OUTCOME[entry.outcome].icon} />
      {outcomeWords(entry)}
    </span>
  );
}

function RecordDetails({ record: r, heading }: { record: AuditRecord; heading?: boolean }) {
  return (
    <div className="audit-record" data-testid={`audit-record-${r.seq}`}>
      {heading && (
        <p className="audit-record-head tabular">
          <span className="muted">#{r.seq}</span> <time dateTime={r.time}>{formatDateTime(r.time)}</time>{' '}
          <strong>{r.kind}</strong> <span className="muted">by</span> {r.actor}
        </p>
      )}
      <pre>{JSON.stringify(r.details, null, 2)}</pre>
      <dl className="audit-hashes tabular">
        <dt>prev</dt>
        <dd>{r.prev}</dd>
        <dt>hash</dt>
        <dd>{r.hash}</dd>
      </dl>
    </div>
  );
}

/**
 * One entry: a lone record, or an action shown as its outcome with the path it took
 * ("action.requested → rollout.paused → action.succeeded"); expanding shows every record.
 */
export const AuditRow = memo(function AuditRow({ entry, index, expanded, onToggle }: AuditRowProps) {
  const detailsId = `audit-details-${entry.seq}`;
  const action = entry.type === 'action' ? entry : undefined;
  const first = action
    ? (action.records[0] as AuditRecord)
    : entry.type === 'record'
      ? entry.record
      : undefined;
  if (!first) return null;
  const last = action ? (action.records.at(-1) as AuditRecord) : first;
  const summary = action ? action.records.map((r) => r.kind).join(' → ') : detailsSummary(first.details);
  const what = action
    ? `${action.action} on ${first.target} (${action.records.length} records)`
    : `record ${first.seq}`;
  return (
    <div
      className={`audit-row${expanded ? ' is-expanded' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-testid={`audit-row-${entry.seq}`}
      data-entry={entry.type}
      data-outcome={action?.outcome}
    >
      <div className="audit-line">
        <span
          role="gridcell"
          className="cell tabular audit-seq"
          title={action ? action.records.map((r) => r.seq).join(', ') : undefined}
        >
          {first.seq === last.seq ? first.seq : `${first.seq}–${last.seq}`}
        </span>
        <span role="gridcell" className="cell tabular">
          <time dateTime={first.time}>{formatDateTime(first.time)}</time>
        </span>
        <span role="gridcell" className="cell" title={first.actor}>
          {first.actor}
        </span>
        <span
          role="gridcell"
          className="cell audit-kind"
          title={action ? `action: ${action.action}` : first.kind}
        >
          {action ? (
            <>
              <span className="audit-action">{action.action}</span> <OutcomeBadge entry={action} />
            </>
          ) : (
            first.kind
          )}
        </span>
        <span role="gridcell" className="cell" title={first.target}>
          {first.target}
        </span>
        <span role="gridcell" className="cell cell-message" title={first.reason}>
          {first.reason || <span className="muted">—</span>}
        </span>
        <span role="gridcell" className="cell audit-details-cell">
          <button
            type="button"
            className="disclosure"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            title={summary}
            onClick={() => onToggle(entry.seq)}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
            <span className="visually-hidden">Details of {what}: </span>
            <span className="muted audit-details-summary">{summary}</span>
          </button>
        </span>
      </div>
      {expanded && (
        <div id={detailsId} className={`audit-details${action ? ' audit-details-action' : ''}`}>
          {action ? (
            <ol className="audit-records">
              {action.records.map((r) => (
                <li key={r.seq}>
                  <RecordDetails record={r} heading />
                </li>
              ))}
            </ol>
          ) : (
            <RecordDetails record={first} />
          )}
        </div>
      )}
    </div>
  );
});
