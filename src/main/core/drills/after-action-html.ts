// The after-action report as one self-contained HTML page: inline CSS (light and dark by the
// reader's preference, prints on white), inline SVG charts of each steady-state probe with its
// tolerance and the injects and actions marked, and the report's sections. No script and no
// external resource, so it opens anywhere (and in a sandboxed iframe); every string is escaped.
import {
  afterActionModel,
  criterionWords,
  type AfterActionModel,
  type TimelineEntry,
} from './after-action-report';
import type { DrillResult, ProbeSeries } from './drill-runner';
import { durationText, offsetText } from './drill-score';
import { probeValueText, toleranceText } from './steady-state';

/** The wall-clock section sits between these marks: cutting them out leaves identical pages. */
export const WALL_START = '<!-- wall-clock -->';
export const WALL_END = '<!-- /wall-clock -->';
/** The page's opening tag, for an embedder that sets its theme (the app's report view). */
export const HTML_OPEN_TAG = '<html lang="en">';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
const e = escapeHtml;

const LIGHT =
  '--bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --bad: #b42318; --good: #1a7f37; --warn: #9a6700; --accent: #0550ae; --plot: #0550ae;';
const DARK =
  '--bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --panel: #161b22; --bad: #ff7b72; --good: #56d364; --warn: #e3b341; --accent: #79c0ff; --plot: #79c0ff;';

/** The reader's preference, unless whoever embeds the page names a theme on <html data-theme>. */
const CSS = `
:root { color-scheme: light dark; ${LIGHT} }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
:root[data-theme="light"] { color-scheme: light; ${LIGHT} }
:root[data-theme="dark"] { color-scheme: dark; ${DARK} }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 16px 0 4px; }
.kicker { color: var(--muted); margin: 0 0 16px; text-transform: uppercase; letter-spacing: .08em; font-size: .8em; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; font-weight: 600; }
blockquote { margin: 12px 0; padding: 8px 12px; border-left: 4px solid var(--line); background: var(--panel); white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td.at, td.pts, td.what { white-space: nowrap; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; min-width: 6.5em; font-size: .8em; font-weight: 700; letter-spacing: .04em; }
.k-inject .tag, .k-inject-ended .tag { color: var(--warn); }
.k-broke .tag, .o-failed, .o-refused, .bad { color: var(--bad); }
.k-held .tag, .o-succeeded, .good { color: var(--good); }
.k-action .tag, .k-controller .tag { color: var(--accent); }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { padding: 2px 0 2px 1.6em; text-indent: -1.6em; }
figure { margin: 12px 0 20px; }
figcaption { color: var(--muted); font-size: .9em; }
svg.chart { width: 100%; height: auto; background: var(--panel); border: 1px solid var(--line); }
svg.chart text { fill: var(--muted); font: 11px system-ui, sans-serif; }
svg.chart .axis { stroke: var(--line); }
svg.chart .value { fill: none; stroke: var(--plot); stroke-width: 2; }
svg.chart .tolerance { stroke: var(--bad); stroke-dasharray: 6 4; stroke-width: 1.5; }
svg.chart .broken { fill: var(--bad); opacity: .12; }
svg.chart .nodata { fill: var(--muted); opacity: .18; }
svg.chart .inject { stroke: var(--warn); stroke-width: 1.5; }
svg.chart .action { stroke: var(--accent); stroke-dasharray: 2 3; }
svg.chart .mark { fill: var(--accent); }
svg.chart text.label-inject { fill: var(--warn); }
.wall { color: var(--muted); font-size: .9em; }
@media print {
  :root, :root[data-theme] { color-scheme: light; ${LIGHT} --bg: #fff; --fg: #000; --muted: #444; --line: #bbb; --panel: #fff; --plot: #003a8c; }
  main { max-width: none; padding: 0; }
  figure, tr, li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

const W = 720;
const H = 210;
const M = { left: 64, right: 24, top: 22, bottom: 28 };
const n1 = (v: number) => v.toFixed(1);

/** The axis top: the next of 1, 2, 2.5, 5 times a power of ten, so its labels read round. */
function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= v * (1 - 1e-9)) ?? 10;
  return step * power;
}

function tickStep(spanMs: number): number {
  const steps = [60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000];
  return steps.find((s) => spanMs / s <= 8) ?? 14_400_000;
}

interface Mark {
  at: number;
  kind: 'inject' | 'action';
  label: string;
  title: string;
}

function marksOf(model: AfterActionModel): Mark[] {
  let n = 0;
  return model.timeline.flatMap((t: TimelineEntry): Mark[] => {
    if (t.kind === 'inject')
      return [
        {
          at: t.at,
          kind: 'inject',
          label: t.text.split(' ')[1] ?? '',
          title: `${offsetText(t.at)} ${t.text}`,
        },
      ];
    if (t.kind === 'action' || t.kind === 'controller')
      return [
        { at: t.at, kind: 'action', label: String(++n), title: `${offsetText(t.at)} ${t.who}: ${t.text}` },
      ];
    return [];
  });
}

/** Ranges (offsets) where the predicate holds over consecutive points. */
function ranges(
  points: ProbeSeries['points'],
  test: (p: ProbeSeries['points'][number]) => boolean,
  step: number,
) {
  const out: { from: number; to: number }[] = [];
  for (const p of points) {
    if (!test(p)) continue;
    const last = out.at(-1);
    if (last && p.offset - last.to <= step) last.to = p.offset;
    else out.push({ from: p.offset, to: p.offset });
  }
  return out;
}

function chart(series: ProbeSeries, spanMs: number, marks: readonly Mark[]): string {
  const values = series.points.flatMap((p) => (p.value === undefined ? [] : [p.value]));
  const top = niceCeil(Math.max(...values, series.max ?? 0, series.min ?? 0) * 1.1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (ms: number) => M.left + (pw * Math.min(Math.max(ms, 0), spanMs)) / spanMs;
  const y = (v: number) => M.top + ph - (ph * Math.min(Math.max(v, 0), top)) / top;
  const step =
    series.points.length > 1 ? (series.points[1]?.offset ?? 0) - (series.points[0]?.offset ?? 0) : 10_000;
  const out: string[] = [];
  for (const r of ranges(series.points, (p) => !p.holds, step))
    out.push(
      `<rect class="broken" x="${n1(x(r.from))}" y="${M.top}" width="${n1(Math.max(x(r.to + step) - x(r.from), 1))}" height="${ph}"><title>broken ${offsetText(r.from)} to ${offsetText(r.to)}</title></rect>`,
    );
  for (const r of ranges(series.points, (p) => p.value === undefined, step))
    out.push(
      `<rect class="nodata" x="${n1(x(r.from))}" y="${M.top}" width="${n1(Math.max(x(r.to + step) - x(r.from), 1))}" height="${ph}"><title>no data ${offsetText(r.from)} to ${offsetText(r.to)}</title></rect>`,
      `<text x="${n1(x(r.from) + 3)}" y="${M.top + 12}">no data</text>`,
    );
  // Axes and ticks.
  out.push(
    `<line class="axis" x1="${M.left}" y1="${M.top + ph}" x2="${W - M.right}" y2="${M.top + ph}"/>`,
    `<line class="axis" x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}"/>`,
  );
  const ts = tickStep(spanMs);
  for (let t = 0; t <= spanMs; t += ts)
    out.push(
      `<text x="${n1(x(t))}" y="${H - 8}" text-anchor="${t + ts > spanMs && t > 0 ? 'end' : 'middle'}">${offsetText(t)}</text>`,
    );
  for (const v of [0, top / 2, top])
    out.push(
      `<text x="${M.left - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${e(probeValueText(series.metric, v))}</text>`,
    );
  // Tolerance lines.
  for (const [word, bound] of [
    ['max', series.max],
    ['min', series.min],
  ] as const) {
    if (bound === undefined) continue;
    out.push(
      `<line class="tolerance" x1="${M.left}" y1="${n1(y(bound))}" x2="${W - M.right}" y2="${n1(y(bound))}"><title>tolerance: ${word} ${e(probeValueText(series.metric, bound))}</title></line>`,
      `<text x="${W - M.right - 4}" y="${n1(y(bound) - 4)}" text-anchor="end">${word} ${e(probeValueText(series.metric, bound))}</text>`,
    );
  }
  // The value, a gap wherever there was no data.
  let segment: string[] = [];
  const flush = () => {
    if (segment.length > 0) out.push(`<polyline class="value" points="${segment.join(' ')}"/>`);
    segment = [];
  };
  for (const p of series.points) {
    if (p.value === undefined) flush();
    else segment.push(`${n1(x(p.offset))},${n1(y(p.value))}`);
  }
  flush();
  // Injects (labelled at the top) and actions (numbered at the bottom, listed under the chart).
  for (const m of marks) {
    const mx = n1(x(m.at));
    if (m.kind === 'inject')
      out.push(
        `<line class="inject" x1="${mx}" y1="${M.top}" x2="${mx}" y2="${M.top + ph}"><title>${e(m.title)}</title></line>`,
        `<text class="label-inject" x="${mx}" y="${M.top - 6}" text-anchor="middle">${e(m.label)}</text>`,
      );
    else
      out.push(
        `<line class="action" x1="${mx}" y1="${M.top}" x2="${mx}" y2="${M.top + ph}"/>`,
        `<g><title>${e(m.title)}</title><path class="mark" d="M${mx} ${M.top + ph - 10} l5 9 h-10 z"/><text x="${mx}" y="${M.top + ph - 12}" text-anchor="middle">${e(m.label)}</text></g>`,
      );
  }
  const name = `${series.probe}: ${series.metric} of ${series.service} in ${series.environment}`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(name)}" xmlns="http://www.w3.org/2000/svg"><title>${e(name)}</title>${out.join('')}</svg>`;
}

function chartSummary(series: ProbeSeries): string {
  const measured = series.points.filter((p) => p.value !== undefined);
  const peak = measured.reduce<ProbeSeries['points'][number] | undefined>(
    (best, p) => (best === undefined || (p.value as number) > (best.value as number) ? p : best),
    undefined,
  );
  const broken = series.points.filter((p) => !p.holds).length;
  const missing = series.points.length - measured.length;
  const parts = [
    `tolerance ${toleranceText(series)}`,
    peak
      ? `highest ${probeValueText(series.metric, peak.value as number)} at ${offsetText(peak.offset)}`
      : 'no data at all',
    broken === 0 ? 'held at every check' : `failed ${broken} of ${series.points.length} checks`,
    ...(missing > 0 ? [`no data at ${missing} checks`] : []),
  ];
  return parts.join('; ');
}

const TAGS: Record<TimelineEntry['kind'], string> = {
  inject: '⚡ INJECT',
  'inject-ended': '■ ENDED',
  broke: '✗ BROKEN',
  held: '✓ HOLDS',
  action: '▶ ACTION',
  controller: '⚙ CONTROLLER',
};

function list(items: readonly string[], none: string, icon: string, cls: string): string {
  const rows =
    items.length === 0
      ? [`<li>${e(none)}</li>`]
      : items.map((t) => `<li><span class="${cls}">${icon}</span> ${e(t)}</li>`);
  return `<ul class="findings">${rows.join('')}</ul>`;
}

export function afterActionHtml(r: DrillResult): string {
  const m = afterActionModel(r);
  const spanMs = Math.max(r.endedAt, 1);
  const marks = marksOf(m);
  const actionMarks = marks.filter((k) => k.kind === 'action');
  const charts = (r.series ?? []).map(
    (s) =>
      `<figure>${chart(s, spanMs, marks)}<figcaption><strong>${e(s.probe)}</strong>: ${e(`${s.metric} of ${s.service} in ${s.environment}`)}; ${e(chartSummary(s))}.</figcaption></figure>`,
  );
  const timeline = m.timeline.map(
    (t) =>
      `<tr class="k-${t.kind}"><td class="at">${offsetText(t.at)}</td><td class="what"><span class="tag">${TAGS[t.kind]}</span></td><td>${e(t.who)}</td><td${t.outcome ? ` class="o-${e(t.outcome)}"` : ''}>${e(t.text)}</td></tr>`,
  );
  const score = m.scorecard.map(
    (l) =>
      `<tr><td>${e(criterionWords(l.criterion))}</td><td class="pts">${l.points}/${l.weight}</td><td>${l.reasons.map(e).join('<br>')}</td></tr>`,
  );
  return `<!doctype html>
${HTML_OPEN_TAG}
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>After-action report: ${e(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<p class="kicker">Drill after-action report</p>
<h1>${e(m.title)}</h1>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<dl class="summary">${m.summary.map((s) => `<dt>${e(s.label)}</dt><dd>${e(s.value)}</dd>`).join('')}</dl>
<blockquote>${e(m.briefing)}</blockquote>
<p>Steady-state hypothesis: ${e(m.steadyState)}.</p>
</section>
<section aria-labelledby="charts"><h2 id="charts">Steady state over the drill</h2>
${charts.join('\n') || '<p>No probe was measured.</p>'}
${actionMarks.length === 0 ? '<p>No actions.</p>' : `<p>Actions marked ▲: ${actionMarks.map((a) => `${e(a.label)} ${e(a.title)}`).join('; ')}.</p>`}
</section>
<section aria-labelledby="happened"><h2 id="happened">What happened</h2>
<table><thead><tr><th>When</th><th>What</th><th>Who</th><th>Detail</th></tr></thead><tbody>
${timeline.join('\n') || '<tr><td colspan="4">nothing happened</td></tr>'}
</tbody></table>
</section>
<section aria-labelledby="well"><h2 id="well">What went well</h2>
${list(
  m.wentWell.map((f) => f.text),
  'nothing scored full points',
  '✓',
  'good',
)}
</section>
<section aria-labelledby="badly"><h2 id="badly">What went badly</h2>
${list(
  m.wentBadly.map((f) => f.text),
  'nothing: every criterion scored full points',
  '✗',
  'bad',
)}
</section>
<section aria-labelledby="change"><h2 id="change">What to change</h2>
${list(m.toChange, 'nothing the rubric asks for: every expected response came in time and nothing forbidden was done', '→', '')}
</section>
<section aria-labelledby="scorecard"><h2 id="scorecard">Scorecard</h2>
<table><thead><tr><th>Criterion</th><th>Points</th><th>Why</th></tr></thead><tbody>
${score.join('\n')}
</tbody></table>
<p>Time to detect ${e(r.score.timeToDetectMs === undefined ? 'not detected' : durationText(r.score.timeToDetectMs))}, time to mitigate ${e(r.score.timeToMitigateMs === undefined ? 'not mitigated' : durationText(r.score.timeToMitigateMs))}; score <strong>${r.score.score}/100</strong>.</p>
</section>
${WALL_START}
<section class="wall" aria-labelledby="wall"><h2 id="wall">Wall clock</h2>
<dl class="summary">${m.wall.map((w) => `<dt>${e(w.label)}</dt><dd>${e(w.value)}</dd>`).join('')}</dl>
</section>
${WALL_END}
</main>
</body>
</html>
`;
}
