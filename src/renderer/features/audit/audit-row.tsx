import { memo } from 'react';
import type { AuditRecord } from '../../../shared/domain';
import { formatDateTime } from '../../components/format-time';

interface AuditRowProps {
  record: AuditRecord;
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

export const AuditRow = memo(function AuditRow({ record: r, index, expanded, onToggle }: AuditRowProps) {
  const detailsId = `audit-details-${r.seq}`;
  return (
    <div
      className={`audit-row${expanded ? ' is-expanded' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-testid={`audit-row-${r.seq}`}
    >
      <div className="audit-line">
        <span role="gridcell" className="cell tabular audit-seq">
          {r.seq}
        </span>
        <span role="gridcell" className="cell tabular">
          <time dateTime={r.time}>{formatDateTime(r.time)}</time>
        </span>
        <span role="gridcell" className="cell" title={r.actor}>
          {r.actor}
        </span>
        <span role="gridcell" className="cell audit-kind" title={r.kind}>
          {r.kind}
        </span>
        <span role="gridcell" className="cell" title={r.target}>
          {r.target}
        </span>
        <span role="gridcell" className="cell cell-message" title={r.reason}>
          {r.reason || <span className="muted">—</span>}
        </span>
        <span role="gridcell" className="cell audit-details-cell">
          <button
            type="button"
            className="disclosure"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={`Details of record ${r.seq}`}
            onClick={() => onToggle(r.seq)}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
            <span className="muted audit-details-summary">{detailsSummary(r.details)}</span>
          </button>
        </span>
      </div>
      {expanded && (
        <div id={detailsId} className="audit-details">
          <pre>{JSON.stringify(r.details, null, 2)}</pre>
          <dl className="audit-hashes tabular">
            <dt>prev</dt>
            <dd>{r.prev}</dd>
            <dt>hash</dt>
            <dd>{r.hash}</dd>
          </dl>
        </div>
      )}
    </div>
  );
});
