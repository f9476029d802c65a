import type { DrillTrend } from '../../../shared/drills';
import { StatusIcon } from '../../components/status-icon';

const W = 120;
const H = 32;

/** Better, worse or the same since the first run, in words and an icon, never by colour alone. */
export function trendWords(t: DrillTrend): { icon: 'up' | 'down' | 'dot'; word: string } {
  if (t.runs.length < 2) return { icon: 'dot', word: 'first run' };
  if (t.change > 0) return { icon: 'up', word: `improved +${t.change}` };
  if (t.change < 0) return { icon: 'down', word: `worse ${t.change}` };
  return { icon: 'dot', word: 'unchanged' };
}

/** The scores oldest to newest as a small line (0-100), the numbers beside it. */
export function ScoreTrend({ trend }: { trend: DrillTrend }) {
  const n = trend.runs.length;
  const x = (i: number) => (n === 1 ? W / 2 : 4 + ((W - 8) * i) / (n - 1));
  const y = (score: number) => 4 + ((H - 8) * (100 - score)) / 100;
  const points = trend.runs.map((r, i) => `${x(i).toFixed(1)},${y(r.score).toFixed(1)}`).join(' ');
  const { icon, word } = trendWords(trend);
  const scores = trend.runs.map((r) => r.score).join(' → ');
  return (
    <span className={`score-trend trend-${icon}`}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" className="score-trend-chart">
        <line x1="0" x2={W} y1={y(50)} y2={y(50)} className="score-trend-mid" />
        {n > 1 && <polyline points={points} className="score-trend-line" />}
        {trend.runs.map((r, i) => (
          <circle key={r.id} cx={x(i)} cy={y(r.score)} r="2.5" className="score-trend-dot" />
        ))}
      </svg>
      <span className="score-trend-numbers">{scores}</span>
      <span className="score-trend-word">
        <StatusIcon name={icon} /> {word}
      </span>
    </span>
  );
}
