import type { Verdict } from '../../../shared/canary';
import { VERDICT_TONES } from './canary-words';

interface ScoreGaugeProps {
  score: number;
  verdict: Verdict;
  thresholds: { pass: number; marginal: number };
}

const CX = 100;
const CY = 96;
const R = 78;

/** The point on the arc for a score: 0 on the left, 100 on the right. */
function point(score: number, radius = R): [number, number] {
  const angle = Math.PI * (1 - Math.max(0, Math.min(100, score)) / 100);
  return [CX + radius * Math.cos(angle), CY - radius * Math.sin(angle)];
}

function arc(from: number, to: number): string {
  const [x1, y1] = point(from);
  const [x2, y2] = point(to);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${R} ${R} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

function Threshold({ value }: { value: number }) {
  const [x1, y1] = point(value, R - 12);
  const [x2, y2] = point(value, R + 10);
  const [tx, ty] = point(value, R + 20);
  return (
    <g className="canary-gauge-threshold">
      <line x1={x1} y1={y1} x2={x2} y2={y2} />
      <text x={tx} y={ty} textAnchor="middle" dominantBaseline="middle">
        {value}
      </text>
    </g>
  );
}

/** A half-circle gauge 0-100: fail, marginal and pass bands, the thresholds marked, the score large. */
export function ScoreGauge({ score, verdict, thresholds }: ScoreGaugeProps) {
  const shown = Math.round(score);
  const { pass, marginal } = thresholds;
  return (
    <div
      className={`canary-gauge canary-tone-${VERDICT_TONES[verdict]}`}
      role="img"
      aria-label={`Score ${shown} of 100; ${pass} or more passes, below ${marginal} fails`}
    >
      <svg viewBox="-14 -12 228 124" aria-hidden="true" focusable="false">
        {marginal > 0 && <path className="canary-gauge-band canary-band-bad" d={arc(0, marginal)} />}
        {pass > marginal && <path className="canary-gauge-band canary-band-warn" d={arc(marginal, pass)} />}
        {pass < 100 && <path className="canary-gauge-band canary-band-ok" d={arc(pass, 100)} />}
        {shown > 0 && <path className="canary-gauge-value" d={arc(0, shown)} />}
        <Threshold value={marginal} />
        {pass !== marginal && <Threshold value={pass} />}
        <text className="canary-gauge-end" x={CX - R} y={CY + 13} textAnchor="middle">
          0
        </text>
        <text className="canary-gauge-end" x={CX + R} y={CY + 13} textAnchor="middle">
          100
        </text>
      </svg>
      <span className="canary-gauge-score tabular">
        <span data-testid="canary-score">{shown}</span>
        <span className="canary-gauge-of">score of 100</span>
      </span>
    </div>
  );
}
