import type { MetricJudgement, SampleStats } from '../../../shared/canary';
import { chartPalette } from '../../components/chart-palette';
import { useThemeStore } from '../../store/theme-store';
import { formatValue } from './canary-format';
import { commonScale, fiveNumbers, type BoxScale, type FiveNumbers } from './box-plot-scale';

const WIDTH = 340;
const HEIGHT = 210;
const TOP = 12;
const BOTTOM = 178;
const AXIS_X = 64;
const BOX_WIDTH = 60;
const CENTERS = { baseline: 150, canary: 272 } as const;

type Side = keyof typeof CENTERS;

function y(value: number, scale: BoxScale): number {
  const span = scale.hi - scale.lo || 1;
  return BOTTOM - ((value - scale.lo) / span) * (BOTTOM - TOP);
}

function Box({
  side,
  numbers,
  scale,
  color,
}: {
  side: Side;
  numbers: FiveNumbers | null;
  scale: BoxScale;
  color: string;
}) {
  const cx = CENTERS[side];
  const half = BOX_WIDTH / 2;
  if (!numbers)
    return (
      <text className="canary-box-empty" x={cx} y={(TOP + BOTTOM) / 2} textAnchor="middle">
        no data
      </text>
    );
  const [yMin, y25, yMed, y75, yMax] = [
    numbers.min,
    numbers.p25,
    numbers.median,
    numbers.p75,
    numbers.max,
  ].map((v) => y(v, scale)) as [number, number, number, number, number];
  const dash = side === 'baseline' ? '5 3' : undefined;
  return (
    <g stroke={color} fill="none">
      <line x1={cx} x2={cx} y1={yMax} y2={y75} strokeWidth={1.4} />
      <line x1={cx} x2={cx} y1={y25} y2={yMin} strokeWidth={1.4} />
      <line x1={cx - half / 2} x2={cx + half / 2} y1={yMax} y2={yMax} strokeWidth={1.4} />
      <line x1={cx - half / 2} x2={cx + half / 2} y1={yMin} y2={yMin} strokeWidth={1.4} />
      <rect
        x={cx - half}
        y={y75}
        width={BOX_WIDTH}
        height={Math.max(1, y25 - y75)}
        fill={color}
        fillOpacity={0.16}
        strokeWidth={1.6}
        strokeDasharray={dash}
      />
      <line x1={cx - half} x2={cx + half} y1={yMed} y2={yMed} strokeWidth={3} />
      {numbers.mean !== null && (
        <path
          d={`M ${cx} ${y(numbers.mean, scale) - 5} l 5 5 l -5 5 l -5 -5 z`}
          fill="currentColor"
          stroke="none"
          className="canary-box-mean"
        />
      )}
    </g>
  );
}

function StatsRow({ name, stats, unit }: { name: string; stats: SampleStats; unit: string | undefined }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{stats.count.toLocaleString('en-US')}</td>
      <td>{stats.removed > 0 ? stats.removed.toLocaleString('en-US') : '0'}</td>
      <td>{formatValue(stats.min, unit)}</td>
      <td>{formatValue(stats.p25, unit)}</td>
      <td>{formatValue(stats.median, unit)}</td>
      <td>{formatValue(stats.p75, unit)}</td>
      <td>{formatValue(stats.max, unit)}</td>
      <td>{formatValue(stats.mean, unit)}</td>
    </tr>
  );
}

function describe(name: string, n: FiveNumbers | null, unit: string | undefined): string {
  if (!n) return `${name}: no data`;
  return `${name}: median ${formatValue(n.median, unit)}, middle half ${formatValue(n.p25, unit)} to ${formatValue(n.p75, unit)}, range ${formatValue(n.min, unit)} to ${formatValue(n.max, unit)}`;
}

/** Baseline and canary side by side on one axis: box = middle half, line = median, diamond = mean. */
export function BoxPlots({ metric }: { metric: MetricJudgement }) {
  const palette = chartPalette(useThemeStore((s) => s.theme));
  const baseline = fiveNumbers(metric.baselineStats);
  const canary = fiveNumbers(metric.canaryStats);
  const scale = commonScale(baseline, canary);
  const unit = metric.unit;
  return (
    <figure className="chart-card canary-distribution" data-testid="canary-distribution">
      <figcaption className="chart-head">
        <span className="chart-title">Distributions in the window</span>
      </figcaption>
      <svg
        className="canary-box-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${describe('Baseline', baseline, unit)}. ${describe('Canary', canary, unit)}.`}
      >
        {scale.ticks.map((t) => (
          <g key={t}>
            <line x1={AXIS_X} x2={WIDTH - 8} y1={y(t, scale)} y2={y(t, scale)} stroke={palette.grid} />
            <text
              x={AXIS_X - 6}
              y={y(t, scale)}
              textAnchor="end"
              dominantBaseline="middle"
              fill={palette.axis}
              fontSize={11}
            >
              {formatValue(t, unit)}
            </text>
          </g>
        ))}
        <g color={palette.text}>
          <Box side="baseline" numbers={baseline} scale={scale} color={palette.baseline} />
          <Box side="canary" numbers={canary} scale={scale} color={palette.canary} />
        </g>
        <text x={CENTERS.baseline} y={HEIGHT - 10} textAnchor="middle" fill={palette.text} fontSize={12}>
          baseline
        </text>
        <text x={CENTERS.canary} y={HEIGHT - 10} textAnchor="middle" fill={palette.text} fontSize={12}>
          canary
        </text>
      </svg>
      <p className="canary-box-legend">
        Box: middle half of the samples · thick line: median · ◆ mean · whiskers: min to max
      </p>
      <table className="canary-stats-table tabular">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">n</th>
            <th scope="col" title="Dropped as missing or outliers">
              removed
            </th>
            <th scope="col">min</th>
            <th scope="col">p25</th>
            <th scope="col">median</th>
            <th scope="col">p75</th>
            <th scope="col">max</th>
            <th scope="col">mean</th>
          </tr>
        </thead>
        <tbody>
          <StatsRow name="baseline" stats={metric.baselineStats} unit={unit} />
          <StatsRow name="canary" stats={metric.canaryStats} unit={unit} />
        </tbody>
      </table>
    </figure>
  );
}
