import type { ItemView } from '../../../shared/migrations';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { ItemStateBadge } from './migration-status';
import { resultSummaryWords } from './result-summary-words';
import { itemActions } from './item-actions';

interface ChecklistProps {
  items: ItemView[];
  /** Items can change only in the active phase, and only for operators. */
  editable: boolean;
  onTick: (item: ItemView) => void;
  onWaive: (item: ItemView) => void;
}

/** Values longer than this (characters) are shown as a scrolling block rather than a headline. */
const LONG_VALUE = 120;

const KIND_WORDS: Record<ItemView['kind'], string> = { manual: 'Manual', sql: 'SQL', metric: 'Metric' };

function ItemDetail({ item }: { item: ItemView }) {
  if (item.waived)
    return (
      <span className="item-meta">
        Waived by {item.waived.by} at {formatDateTime(item.waived.at)}: {item.waived.reason}
      </span>
    );
  if (item.ticked)
    return (
      <span className="item-meta">
        Ticked by {item.ticked.by}
        {item.ticked.at ? ` at ${formatDateTime(item.ticked.at)}` : ''}
        {item.ticked.note ? `: ${item.ticked.note}` : ''}
      </span>
    );
  if (item.result)
    return (
      <span className="item-meta">
        {formatDateTime(item.result.at)} by {item.result.by}
        {item.result.ms > 0 ? ` · ${item.result.ms} ms` : ''}
      </span>
    );
  return <span className="item-meta muted">{item.kind === 'manual' ? 'Not ticked' : 'Not checked yet'}</span>;
}

export function Checklist({ items, editable, onTick, onWaive }: ChecklistProps) {
  if (items.length === 0) return <p className="muted">No checklist items in this phase.</p>;
  return (
    <ul className="checklist" aria-label="Checklist">
      {items.map((item) => (
        <li
          key={item.id}
          className={`check-item state-${item.state}`}
          data-testid={`item-${item.id}`}
          data-state={item.state}
        >
          <ItemStateBadge state={item.state} />
          <div className="check-body">
            <div className="check-title">
              <span className="tag">{KIND_WORDS[item.kind]}</span> {item.title}
            </div>
            {item.check && <div className="muted small">{item.check}</div>}
            {item.result && (
              <div
                className={`check-value tabular${item.result.state === 'failed' ? ' is-failed' : ''}`}
                data-refused={item.result.refused ? 'true' : undefined}
              >
                {item.result.refused && <StatusIcon name="critical" />}
                {item.result.value.length > LONG_VALUE ? (
                  // Up to 1 KiB read from the database: legible, and it scrolls instead of filling the page.
                  <pre className="check-long-value" tabIndex={0} aria-label={`Value read by “${item.title}”`}>
                    {item.result.value}
                  </pre>
                ) : (
                  item.result.value
                )}
                {item.result.error && <div className="check-error">{item.result.error}</div>}
              </div>
            )}
            {item.result?.summary && (
              <div className="muted small" data-testid={`item-${item.id}-read`}>
                Read: {resultSummaryWords(item.result.summary)}
              </div>
            )}
            {item.sql && (
              <details className="check-sql">
                <summary>SQL (runs read-only)</summary>
                <pre>{item.sql}</pre>
              </details>
            )}
            <ItemDetail item={item} />
          </div>
          {editable && (
            <div className="check-actions">
              {itemActions(item).map((a) => (
                <button
                  key={a.kind}
                  type="button"
                  className={a.kind === 'tick' ? 'btn btn-small' : 'btn btn-small btn-ghost'}
                  aria-label={a.label}
                  onClick={() => (a.kind === 'tick' ? onTick(item) : onWaive(item))}
                >
                  {a.word}
                </button>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
