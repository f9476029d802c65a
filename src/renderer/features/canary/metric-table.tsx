import type { KeyboardEvent } from 'react';
import type { MetricJudgement } from '../../../shared/canary';
import { StatusIcon } from '../../components/status-icon';
import { formatConfidence, formatEffectSize, formatPValue, formatValue, shiftText } from './canary-format';
import {
  CLASSIFICATION_HINTS,
  CLASSIFICATION_ICONS,
  CLASSIFICATION_TONES,
  CLASSIFICATION_WORDS,
} from './canary-words';
import type { SortKey, SortState } from './metric-sort';
import { navigationTarget } from '../../components/list-navigation';

interface Column {
  key: SortKey;
  label: string;
  hint: string;
  numeric?: boolean;
}

function columns(confidenceLevel: number): Column[] {
  return [
    { key: 'metric', label: 'Metric and why', hint: 'What changed, in words' },
    { key: 'result', label: 'Result', hint: 'Failing first' },
    { key: 'baseline', label: 'Baseline median', hint: 'Typical value on the old version', numeric: true },
    { key: 'canary', label: 'Canary median', hint: 'Typical value on the new version', numeric: true },
    {
      key: 'shift',
      label: 'Shift',
      hint: `Canary minus baseline, with its ${formatConfidence(confidenceLevel)} confidence interval (CI)`,
      numeric: true,
    },
    { key: 'effect', label: 'Effect size', hint: 'Canary mean vs baseline mean', numeric: true },
    {
      key: 'pValue',
      label: 'p-value',
      hint: 'How likely a difference this large is by chance alone',
      numeric: true,
    },
  ];
}

export function ClassificationBadge({ metric }: { metric: MetricJudgement }) {
  const c = metric.classification;
  return (
    <span className={`badge canary-tone-${CLASSIFICATION_TONES[c]}`} title={CLASSIFICATION_HINTS[c]}>
      <StatusIcon name={CLASSIFICATION_ICONS[c]} />
      {CLASSIFICATION_WORDS[c]}
    </span>
  );
}

export function CriticalTag({ metric }: { metric: MetricJudgement }) {
  if (metric.failsCanary)
    return (
      <span className="canary-critical-tag is-failing" title="This metric alone failed the canary">
        <StatusIcon name="critical" />
        Fails the canary
      </span>
    );
  if (metric.critical)
    return (
      <span className="canary-critical-tag" title="A failure here fails the whole canary">
        critical
      </span>
    );
  return null;
}

export function metricRowDomId(name: string): string {
  return `canary-metric-row-el-${name}`;
}

interface MetricTableProps {
  rows: MetricJudgement[];
  selected: string | undefined;
  sort: SortState;
  confidenceLevel: number;
  onSort: (key: SortKey) => void;
  onSelect: (name: string) => void;
}

/** Per-metric results: the reason line leads each row, the statistics follow in smaller type. */
export function MetricTable({ rows, selected, sort, confidenceLevel, onSort, onSelect }: MetricTableProps) {
  const selectedIndex = rows.findIndex((m) => m.name === selected);

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    onSelect(row.name);
    document.getElementById(metricRowDomId(row.name))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target !== event.currentTarget) return;
    const target = navigationTarget(event.key, selectedIndex, rows.length);
    if (target === undefined) return;
    moveTo(target);
    event.preventDefault();
  };

  return (
    <table
      className="canary-table"
      role="grid"
      aria-label="Metrics"
      aria-activedescendant={selected && selectedIndex >= 0 ? metricRowDomId(selected) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <thead>
        <tr>
          {columns(confidenceLevel).map((c) => {
            const active = sort.key === c.key;
            return (
              <th
                key={c.key}
                scope="col"
                className={`canary-col-${c.key}${c.numeric ? ' is-numeric' : ''}`}
                aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" className="canary-sort" title={c.hint} onClick={() => onSort(c.key)}>
                  {c.label}
                  <span className="canary-sort-mark" aria-hidden="true">
                    {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => {
          const shift = shiftText(m);
          const isSelected = m.name === selected;
          return (
            <tr
              key={m.name}
              id={metricRowDomId(m.name)}
              data-testid={`canary-metric-row-${m.name}`}
              data-classification={m.classification}
              aria-selected={isSelected}
              className={`canary-row${isSelected ? ' is-selected' : ''}${m.failsCanary ? ' is-failing-critical' : ''} canary-row-${CLASSIFICATION_TONES[m.classification]}`}
              onClick={() => onSelect(m.name)}
            >
              <td className="canary-col-metric">
                <span className="canary-metric-name">
                  {m.label || m.name}
                  <CriticalTag metric={m} />
                </span>
                <span className="canary-metric-reason" data-testid="canary-metric-reason">
                  {m.reason}
                </span>
              </td>
              <td className="canary-col-result">
                <ClassificationBadge metric={m} />
              </td>
              <td className="canary-stat is-numeric tabular">
                {formatValue(m.baselineStats.median, m.unit)}
              </td>
              <td className="canary-stat is-numeric tabular">{formatValue(m.canaryStats.median, m.unit)}</td>
              <td className="canary-stat is-numeric tabular">
                <span className="canary-shift">
                  {shift.estimate}
                  {shift.percent && <span className="canary-shift-pct"> ({shift.percent})</span>}
                </span>
                {shift.ci && <span className="canary-ci">CI {shift.ci}</span>}
                {shift.ciPercent && <span className="canary-ci">{shift.ciPercent}</span>}
              </td>
              <td
                className="canary-stat is-numeric tabular"
                title={m.effectSize === null ? undefined : `mean ratio ${m.effectSize.toPrecision(3)}`}
              >
                {formatEffectSize(m.effectSize)}
              </td>
              <td
                className="canary-stat is-numeric tabular"
                title={
                  m.method
                    ? `Mann-Whitney, ${m.method === 'exact' ? 'exact' : 'normal approximation'}`
                    : undefined
                }
              >
                {formatPValue(m.pValue)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
