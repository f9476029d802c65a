import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import { routeHref } from '../../app/routes';
import { formatClock, formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { triggerText, triggerWord, VERDICT_ICONS, VERDICT_TONES, VERDICT_WORDS } from './canary-words';

interface AnalysisHistoryProps {
  rolloutId: string;
  analyses: CanaryAnalysis[];
  selectedIndex: number | undefined;
}

/** Every analysis run of the rollout, newest first; each links to its report. */
export function AnalysisHistory({ rolloutId, analyses, selectedIndex }: AnalysisHistoryProps) {
  if (analyses.length === 0) return <p className="muted canary-history-empty">No runs yet.</p>;
  return (
    <ol className="canary-history" aria-label="Analysis runs, newest first">
      {analyses.map((a) => {
        const verdict = a.report.verdict;
        const selected = a.index === selectedIndex;
        return (
          <li key={a.index}>
            <a
              className={`canary-history-row${selected ? ' is-selected' : ''}`}
              href={routeHref({ name: 'canary', id: rolloutId, analysis: a.index })}
              aria-current={selected ? 'true' : undefined}
              data-testid={`canary-history-row-${a.index}`}
              title={`${triggerText(a)} · judged ${formatDateTime(a.judgedAt)} UTC by ${a.actor}`}
            >
              <span className="canary-history-index tabular">#{a.index}</span>
              <span className="canary-history-trigger">{triggerWord(a)}</span>
              <span className={`canary-history-verdict canary-tone-${VERDICT_TONES[verdict]}`}>
                <StatusIcon name={VERDICT_ICONS[verdict]} />
                {VERDICT_WORDS[verdict]}
              </span>
              <span className="canary-history-score tabular" title="Score of 100">
                {Math.round(a.report.score)}
              </span>
              <span className="canary-history-time tabular">{formatClock(a.judgedAt)}</span>
            </a>
          </li>
        );
      })}
    </ol>
  );
}
