import { StatusIcon } from '../../components/status-icon';

/** A drill's score with a word and an icon: good (80+), fair (50-79), poor. */
export function scoreWord(score: number): { word: string; icon: 'check' | 'warning' | 'critical' } {
  if (score >= 80) return { word: 'good', icon: 'check' };
  if (score >= 50) return { word: 'fair', icon: 'warning' };
  return { word: 'poor', icon: 'critical' };
}

export function ScoreBadge({ score }: { score: number }) {
  const { word, icon } = scoreWord(score);
  return (
    <span className={`badge drill-score drill-score-${word}`}>
      <StatusIcon name={icon} />
      <strong>{score}/100</strong> {word}
    </span>
  );
}
