// The postmortem's error-rate chart as a standalone SVG: one line per affected service and
// environment over the incident's range, the threshold, and a mark at every change and alert, so
// the document carries its picture without the app. Pure; no fonts or scripts referenced.
import type { ErrorRateSeries } from './incident-durations';

export interface ChartMark {
  time: number;
  kind: 'change' | 'alert' | 'mitigation' | 'declared' | 'resolved';
  label: string;
}

const WIDTH = 860;
const HEIGHT = 300;
const PAD = { left: 56, right: 16, top: 24, bottom: 70 };
/** Distinct under colour blindness (Okabe-Ito); each line is also named in the legend. */
const LINE_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
const MARK_STYLE: Record<ChartMark['kind'], { colour: string; dash: string; glyph: string }> = {
  change: { colour: '#555555', dash: '4 3', glyph: '▲' },
  alert: { colour: '#D55E00', dash: '1 2', glyph: '!' },
  mitigation: { colour: '#009E73', dash: '6 2', glyph: '■' },
  declared: { colour: '#000000', dash: '', glyph: 'D' },
  resolved: { colour: '#000000', dash: '', glyph: 'R' },
};

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

export function errorRateChartSvg(input: {
  series: readonly ErrorRateSeries[];
  marks: readonly ChartMark[];
  from: number;
  to: number;
  threshold: number;
  title: string;
}): string {
  const { from, to, threshold } = input;
  const span = Math.max(1, to - from);
  const values = input.series.flatMap((s) => s.points.map((p) => p.value));
  const top = Math.max(threshold * 1.5, ...values, 0.01);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number): number => PAD.left + ((Math.min(Math.max(t, from), to) - from) / span) * plotW;
  const y = (v: number): number => PAD.top + plotH - (v / top) * plotH;
  const f = (n: number): string => n.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(input.title)}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="15" font-size="13" font-weight="bold">${escapeXml(input.title)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#333"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#333"/>`,
  ];
  for (const frac of [0, 0.5, 1])
    parts.push(
      `<text x="${PAD.left - 6}" y="${f(y(top * frac) + 4)}" text-anchor="end">${(top * frac * 100).toFixed(1)}%</text>`,
    );
  for (let i = 0; i <= 4; i++) {
    const t = from + (span * i) / 4;
    parts.push(`<text x="${f(x(t))}" y="${PAD.top + plotH + 14}" text-anchor="middle">${clock(t)}Z</text>`);
  }
  parts.push(
    `<line data-threshold="${threshold}" x1="${PAD.left}" y1="${f(y(threshold))}" x2="${PAD.left + plotW}" y2="${f(y(threshold))}" stroke="#999" stroke-dasharray="2 2"/>`,
    `<text x="${PAD.left + plotW}" y="${f(y(threshold) - 3)}" text-anchor="end" fill="#666">threshold ${(threshold * 100).toFixed(1)}%</text>`,
  );
  input.series.forEach((s, i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length] ?? '#000';
    const name = `${s.service} / ${s.environment}`;
    const inRange = s.points.filter((p) => p.time >= from && p.time <= to);
    if (inRange.length > 0)
      parts.push(
        `<polyline data-series="${escapeXml(name)}" fill="none" stroke="${colour}" stroke-width="1.8" points="${inRange.map((p) => `${f(x(p.time))},${f(y(p.value))}`).join(' ')}"/>`,
      );
    const legendY = HEIGHT - 36 + Math.floor(i / 3) * 14;
    const legendX = PAD.left + (i % 3) * 260;
    const note = s.unavailable
      ? ` — no data: ${s.unavailable}`
      : inRange.length === 0
        ? ' — no readings in range'
        : '';
    parts.push(
      `<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 18}" y2="${legendY - 4}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${legendX + 22}" y="${legendY}">${escapeXml(name + note)}</text>`,
    );
  });
  if (input.series.length === 0)
    parts.push(
      `<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH / 2}" text-anchor="middle" fill="#666">No affected service with an error-rate series</text>`,
    );
  for (const m of input.marks) {
    if (m.time < from || m.time > to) continue;
    const style = MARK_STYLE[m.kind];
    const mx = f(x(m.time));
    parts.push(
      `<g data-mark="${m.kind}"><title>${escapeXml(`${clock(m.time)}Z ${m.label}`)}</title>` +
        `<line x1="${mx}" y1="${PAD.top}" x2="${mx}" y2="${PAD.top + plotH}" stroke="${style.colour}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>` +
        `<text x="${mx}" y="${PAD.top - 2}" text-anchor="middle" fill="${style.colour}">${escapeXml(style.glyph)}</text></g>`,
    );
  }
  parts.push(
    `<text x="${PAD.left}" y="${HEIGHT - 6}" fill="#444">▲ change  ! alert  ■ mitigation  D declared  R resolved</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
