// A link to the same query in Prometheus's own graph page, over the same window, so a person can
// check what the judge or a chart read without retyping the PromQL.
import { promDuration } from '../../core/connections/promql-template';

/** "2026-11-27 12:05:00": the form the graph page's end-time field takes (UTC). */
function endInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function graphLink(
  graphPage: URL,
  expr: string,
  window: { from: number; to: number; stepMs: number },
): string {
  const url = new URL(graphPage);
  const end = endInput(window.to);
  url.search = new URLSearchParams({
    'g0.expr': expr,
    'g0.tab': '0',
    'g0.range_input': promDuration(Math.max(1000, window.to - window.from)),
    'g0.end_input': end,
    'g0.moment_input': end,
    'g0.step_input': String(Math.max(1, Math.round(window.stepMs / 1000))),
  }).toString();
  return url.toString();
}
