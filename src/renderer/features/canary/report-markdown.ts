// A canary analysis as a Markdown report a person can read in a ticket or a postmortem: title,
// verdict, score, reason, the run, the metric table (failing first) and the group scores.
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import type { MetricJudgement } from '../../../shared/canary';
import { formatDateTime } from '../../components/format-time';
import {
  formatConfidence,
  formatEffectSize,
  formatPValue,
  formatValue,
  formatWindow,
  shiftText,
} from './canary-format';
import { CLASSIFICATION_WORDS, decisionText, readingNotes, triggerText, VERDICT_WORDS } from './canary-words';
import { DEFAULT_SORT, sortMetrics } from './metric-sort';

/** A table cell: no pipes or line breaks may leak into the table's structure. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function metricName(m: MetricJudgement): string {
  const label = m.label || m.name;
  if (m.failsCanary) return `${label} (fails the canary)`;
  return m.critical ? `${label} (critical)` : label;
}

function shiftCell(m: MetricJudgement): string {
  const s = shiftText(m);
  const main = s.percent ? `${s.estimate} (${s.percent})` : s.estimate;
  if (!s.ci) return main;
  return `${main}; CI ${s.ci}${s.ciPercent ? ` (${s.ciPercent})` : ''}`;
}

/** The Markdown file "Export Markdown" downloads. */
export function reportMarkdown(analysis: CanaryAnalysis): string {
  const { report } = analysis;
  const verdict = VERDICT_WORDS[report.verdict];
  const confidence = formatConfidence(report.confidenceLevel);
  const lines: string[] = [
    `# Canary analysis #${analysis.index}: ${analysis.rolloutId}`,
    '',
    `**Verdict: ${verdict}** · score **${Math.round(report.score)}**/100 (pass at ${report.thresholds.pass}, marginal at ${report.thresholds.marginal})`,
    '',
    `> ${report.reason.replace(/\r?\n/g, ' ')}`,
    '',
  ];
  // The run, as a two-column table; Markdown tables need a header row, so the run names it.
  lines.push(
    row(['Run', `#${analysis.index} · ${triggerText(analysis)}`]),
    '| --- | --- |',
    row(['Rollout', analysis.rolloutId]),
    row(['Baseline → canary', `${analysis.baselineVersion} → ${analysis.canaryVersion}`]),
    row(['Analysis window', formatWindow(analysis.window)]),
    row(['Judged at', `${formatDateTime(analysis.judgedAt)} UTC by ${analysis.actor}`]),
    row(['Decision', decisionText(analysis)]),
    row(['Confidence level', confidence]),
    row(['Audit record', `seq ${analysis.auditSeq}`]),
    '',
    `## Metrics (${report.metrics.length}, failing first)`,
    '',
  );
  if (report.metrics.length === 0) {
    lines.push('No metrics were judged.', '');
  } else {
    lines.push(
      row([
        'Metric',
        'Result',
        'Why',
        'Baseline median',
        'Canary median',
        `Shift (${confidence} CI)`,
        'Effect size',
        'p-value',
      ]),
      '| --- | --- | --- | ---: | ---: | --- | ---: | ---: |',
    );
    for (const m of sortMetrics(report.metrics, DEFAULT_SORT)) {
      lines.push(
        row([
          metricName(m),
          CLASSIFICATION_WORDS[m.classification],
          m.reason,
          formatValue(m.baselineStats.median, m.unit),
          formatValue(m.canaryStats.median, m.unit),
          shiftCell(m),
          formatEffectSize(m.effectSize),
          formatPValue(m.pValue),
        ]),
      );
    }
    lines.push('');
  }
  if (report.groups.length > 0) {
    lines.push('## Groups', '', row(['Group', 'Weight', 'Score', 'Metrics']), '| --- | ---: | ---: | --- |');
    for (const g of report.groups) {
      lines.push(
        row([
          g.name,
          String(g.weight),
          g.score === null ? 'no data' : String(Math.round(g.score)),
          g.metrics.join(', '),
        ]),
      );
    }
    lines.push('');
  }
  lines.push('## How to read this', '');
  for (const note of readingNotes(report.confidenceLevel, report.thresholds)) {
    lines.push(`- **${note.term}:** ${note.text}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** "canary-checkout-prod-eu-3.md" */
export function reportFileName(analysis: CanaryAnalysis, extension: 'md' | 'json'): string {
  const safe = analysis.rolloutId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `canary-${safe}-${analysis.index}.${extension}`;
}
