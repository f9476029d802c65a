import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { formatConfidence, formatWindow } from './canary-format';
import {
  DECISION_TONES,
  decisionText,
  readingNotes,
  triggerText,
  VERDICT_ICONS,
  VERDICT_TONES,
  VERDICT_WORDS,
} from './canary-words';
import { ScoreGauge } from './score-gauge';

/** "How to read this": one sentence per term, closed by default. */
export function HowToRead({ analysis }: { analysis: CanaryAnalysis }) {
  const { confidenceLevel, thresholds } = analysis.report;
  return (
    <details className="canary-how-to-read">
      <summary>How to read this</summary>
      <dl>
        {readingNotes(confidenceLevel, thresholds).map((note) => (
          <div key={note.term} className="canary-note">
            <dt>{note.term}</dt>
            <dd>{note.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The verdict first (icon + word + colour), the reason in plain words, then which run this is. */
export function VerdictSummary({ analysis }: { analysis: CanaryAnalysis }) {
  const { report } = analysis;
  const tone = VERDICT_TONES[report.verdict];
  const failing = report.metrics.filter((m) => m.failsCanary);
  return (
    <section className={`panel canary-summary canary-tone-${tone}`} aria-labelledby="canary-verdict-title">
      <ScoreGauge score={report.score} verdict={report.verdict} thresholds={report.thresholds} />
      <div className="canary-summary-text">
        <h2 id="canary-verdict-title" className="canary-verdict-line">
          <span className="badge badge-large canary-verdict" data-testid="canary-verdict">
            <StatusIcon name={VERDICT_ICONS[report.verdict]} />
            {VERDICT_WORDS[report.verdict]}
          </span>
          <span className="canary-verdict-run">
            Run #{analysis.index} · {triggerText(analysis)}
          </span>
        </h2>
        <p className="canary-reason" data-testid="canary-reason">
          {report.reason}
        </p>
        {failing.length > 0 && (
          <p className="canary-critical-note">
            <StatusIcon name="critical" />
            Fails the canary whatever the score: {failing.map((m) => m.label || m.name).join(', ')}
          </p>
        )}
        <dl className="canary-run-facts">
          <div>
            <dt>Decision</dt>
            <dd className={`canary-decision canary-tone-${DECISION_TONES[analysis.decision]}`}>
              {decisionText(analysis)}
            </dd>
          </div>
          <div>
            <dt>Window</dt>
            <dd className="tabular" data-testid="canary-window">
              {formatWindow(analysis.window)}
            </dd>
          </div>
          <div>
            <dt>Judged</dt>
            <dd className="tabular">
              {formatDateTime(analysis.judgedAt)} UTC by {analysis.actor}
            </dd>
          </div>
          <div>
            <dt>Compared</dt>
            <dd className="tabular">
              baseline {analysis.baselineVersion} · canary {analysis.canaryVersion} ·{' '}
              {formatConfidence(report.confidenceLevel)} confidence
            </dd>
          </div>
        </dl>
        {report.groups.length > 0 && (
          <dl className="canary-groups tabular" data-testid="canary-groups" aria-label="Group scores">
            {report.groups.map((g) => (
              <div key={g.name} className="canary-group">
                <dt>
                  {g.name} <span className="muted">weight {g.weight}</span>
                </dt>
                <dd>{g.score === null ? 'no data' : `${g.score} / 100`}</dd>
              </div>
            ))}
          </dl>
        )}
        <HowToRead analysis={analysis} />
      </div>
    </section>
  );
}
