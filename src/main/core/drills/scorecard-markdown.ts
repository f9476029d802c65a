// The drill's scorecard as Markdown: score per criterion with its reasons, then the timeline.
// Wall-clock fields are the last line only, so two runs with one seed and script differ there alone.
import type { DrillResult } from './drill-runner';
import { offsetText } from './drill-score';

export function scorecardMarkdown(r: DrillResult): string {
  const lines = [
    `# Drill scorecard: ${r.scenario.title}`,
    '',
    `Scenario ${r.scenario.id}, seed ${r.seed}, ${offsetText(r.endedAt)} of simulated time. Score **${r.score.score}/100**.`,
    '',
    `Steady state: ${r.scenario.steadyState} — before the drill: ${r.steadyStateBefore.holds ? 'held' : 'did NOT hold'}.`,
    '',
    '| Criterion | Points | Why |',
    '| --- | --- | --- |',
    ...r.score.lines.map(
      (l) =>
        `| ${l.criterion} | ${l.points}/${l.weight} | ${l.reasons.join('<br>').replaceAll('|', '\\|')} |`,
    ),
    '',
    '## Timeline',
    '',
  ];
  const events = [
    ...r.injects.map((i) => ({ at: i.at, text: `INJECT ${i.id} (${i.kind})${i.note ? `: ${i.note}` : ''}` })),
    ...r.injects.flatMap((i) => (i.endedAt === undefined ? [] : [{ at: i.endedAt, text: `ended ${i.id}` }])),
    ...r.actions.map((a) => ({
      at: a.offset,
      text: `${a.actor}: ${a.action} ${a.target} — ${a.outcome}: ${a.message}`,
    })),
    ...r.steadyState.map((s) => ({
      at: s.offset,
      text: s.holds ? 'steady state holds' : `steady state BROKEN: ${s.failing.join('; ')}`,
    })),
    ...r.controller.map((c) => ({ at: c.offset, text: `${c.rollout}: ${c.what}` })),
  ].sort((a, b) => a.at - b.at);
  lines.push(...events.map((e) => `- ${offsetText(e.at)} ${e.text}`), '');
  lines.push(
    `Wall clock: ${r.wall.startedAt} to ${r.wall.finishedAt} (${r.wall.elapsedMs} ms), workspace ${r.wall.workspace}`,
  );
  return `${lines.join('\n')}\n`;
}
