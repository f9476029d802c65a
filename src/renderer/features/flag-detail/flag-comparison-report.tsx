// The comparison around a flip: per service the canary judge's verdict and its metric table, the
// same components as a canary report (baseline = before the flip, canary = after).
import { useState } from 'react';
import type { FlagComparison } from '../../../shared/api/flags-api';
import type { JudgeReport } from '../../../shared/canary';
import { StatusIcon } from '../../components/status-icon';
import { formatDateTime } from '../../components/format-time';
import { VERDICT_ICONS, VERDICT_WORDS } from '../canary/canary-words';
import { DEFAULT_SORT, nextSort, sortMetrics, type SortState } from '../canary/metric-sort';
import { MetricTable } from '../canary/metric-table';
import { ScoreGauge } from '../canary/score-gauge';

function ServiceReport({ service, report }: { service: string; report: JudgeReport }) {
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <section className="flag-compare-service" aria-label={`${service}: ${VERDICT_WORDS[report.verdict]}`}>
      <div className="flag-compare-head">
        <ScoreGauge score={report.score} verdict={report.verdict} thresholds={report.thresholds} />
        <div>
          <h3 className="flag-compare-title">
            {service}{' '}
            <span className="badge canary-verdict" data-testid="flag-compare-verdict">
              <StatusIcon name={VERDICT_ICONS[report.verdict]} />
              {VERDICT_WORDS[report.verdict]}
            </span>
          </h3>
          <p className="canary-reason">{report.reason}</p>
        </div>
      </div>
      <div className="canary-table-scroll">
        <MetricTable
          rows={sortMetrics(report.metrics, sort)}
          selected={selected}
          sort={sort}
          confidenceLevel={report.confidenceLevel}
          onSort={(key) => setSort((s) => nextSort(s, key))}
          onSelect={setSelected}
        />
      </div>
    </section>
  );
}

export function FlagComparisonReport({ comparison }: { comparison: FlagComparison }) {
  return (
    <div data-testid="flag-comparison">
      <p className="muted">
        {comparison.mode === 'cohorts'
          ? 'Flag-on users (canary) against flag-off users (baseline).'
          : comparison.flip
            ? `Before the flip (baseline) against after it (canary): ${comparison.flip.summary}, ${formatDateTime(comparison.flip.at)} UTC.`
            : 'Before and after a flip.'}
      </p>
      {comparison.problem && (
        <p className="banner banner-warning" role="status">
          <StatusIcon name="warning" /> {comparison.problem}
        </p>
      )}
      {comparison.reports.map((r) => (
        <ServiceReport key={r.service} service={r.service} report={r.report} />
      ))}
    </div>
  );
}
