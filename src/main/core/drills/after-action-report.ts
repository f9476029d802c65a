// The after-action report of a drill, in the sections a blameless review uses: summary, what
// happened (one timeline), what went well, what went badly, what to change, the scorecard. The
// Markdown and the HTML page render the same model; the wall-clock fields are the last section
// alone, so two runs with one seed and script differ only past its heading.
import type { DrillResult } from './drill-runner';
import { durationText, offsetText, type ScoreLine } from './drill-score';

export type TimelineKind = 'inject' | 'inject-ended' | 'broke' | 'held' | 'action' | 'controller';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  /** Who acted: a participant, the controller, or "drill" for an inject. */
  who: string;
  text: string;
  /** For actions: succeeded, failed, refused or done. */
  outcome?: string;
}

export interface ReportFinding {
  criterion: ScoreLine['criterion'];
  text: string;
}

export interface AfterActionModel {
  title: string;
  summary: { label: string; value: string }[];
  briefing: string;
  steadyState: string;
  timeline: TimelineEntry[];
  wentWell: ReportFinding[];
  wentBadly: ReportFinding[];
  toChange: string[];
  scorecard: ScoreLine[];
  wall: { label: string; value: string }[];
}

/** The heading of the wall-clock section: everything from it on differs between identical runs. */
export const WALL_HEADING = '## Wall clock';

const CRITERION_WORDS: Record<ScoreLine['criterion'], string> = {
  detect: 'Detection',
  mitigate: 'Mitigation',
  responses: 'Expected responses',
  forbidden: 'Forbidden actions',
  playbook: 'Playbooks followed',
  collateral: 'Collateral actions',
};

export const criterionWords = (c: ScoreLine['criterion']): string => CRITERION_WORDS[c];

/** Reasons that say something went wrong, whatever line they are on. */
const BAD_REASON =
  /^(missed |forbidden: |attempted |collateral: |playbook not followed: |nobody acted |the fault was never |no steady-state checks|the steady state \(.*\) still did not hold)/;

export function timelineOf(r: DrillResult): TimelineEntry[] {
  let seenHold = false;
  const entries: TimelineEntry[] = [
    ...r.injects.map((i): TimelineEntry => ({
      at: i.at,
      kind: 'inject',
      who: 'drill',
      text: `inject ${i.id} (${i.kind}${i.live ? ', live from the facilitator' : ''})${i.note ? `: ${i.note}` : ''}`,
    })),
    ...r.injects.flatMap((i): TimelineEntry[] =>
      i.endedAt === undefined
        ? []
        : [{ at: i.endedAt, kind: 'inject-ended', who: 'drill', text: `${i.id} ended` }],
    ),
    ...r.steadyState.map((s): TimelineEntry => {
      if (s.holds) {
        const text = seenHold ? 'steady state holds again' : 'steady state holds';
        seenHold = true;
        return { at: s.offset, kind: 'held', who: 'steady state', text };
      }
      seenHold = true;
      return {
        at: s.offset,
        kind: 'broke',
        who: 'steady state',
        text: `steady state BROKEN: ${s.failing.join('; ')}`,
      };
    }),
    ...r.actions.map((a): TimelineEntry => ({
      at: a.offset,
      kind: 'action',
      who: a.actor,
      text: `${a.action} ${a.target}: ${a.outcome}${a.message ? ` (${a.message})` : ''}`,
      outcome: a.outcome,
    })),
    ...r.controller.map((c): TimelineEntry => {
      // The runner writes "<actor>: <message>"; the actor (controller, judge) is the who.
      const cut = c.what.indexOf(': ');
      const who = cut > 0 ? c.what.slice(0, cut) : 'controller';
      return {
        at: c.offset,
        kind: 'controller',
        who,
        text: `${c.rollout}: ${cut > 0 ? c.what.slice(cut + 2) : c.what}`,
      };
    }),
  ];
  // Stable: at one offset the inject comes first, then what the steady state and people did.
  return entries.sort((a, b) => a.at - b.at);
}

function findings(r: DrillResult): { well: ReportFinding[]; badly: ReportFinding[] } {
  const well: ReportFinding[] = [];
  const badly: ReportFinding[] = [];
  for (const line of r.score.lines) {
    const prefix = `${criterionWords(line.criterion)} (${line.points}/${line.weight})`;
    for (const reason of line.reasons) {
      // A timed criterion below full points went badly even though its reason reads neutrally.
      const timedShort =
        (line.criterion === 'detect' || line.criterion === 'mitigate') && line.points < line.weight;
      const bad = timedShort || BAD_REASON.test(reason);
      (bad ? badly : well).push({ criterion: line.criterion, text: `${prefix}: ${reason}` });
    }
  }
  return { well, badly };
}

const injectWords = (r: DrillResult, id: string): string => {
  const note = r.injects.find((i) => i.id === id)?.note;
  return note ? `${id} (${note})` : id;
};

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Concrete changes from what the rubric expected and what it forbade. */
function changes(r: DrillResult): string[] {
  const out: string[] = [];
  const s = r.score;
  const detect = s.lines.find((l) => l.criterion === 'detect');
  const mitigate = s.lines.find((l) => l.criterion === 'mitigate');
  for (const e of s.responses ?? []) {
    if (e.metAt !== undefined) continue;
    const late =
      e.lateAt === undefined
        ? 'nobody did'
        : `${e.actions.join(' or ')} came at ${offsetText(e.lateAt)}, outside the window`;
    out.push(
      `${capital(e.actions.join(' or '))} ${e.target} within ${durationText(e.within)} of ${injectWords(r, e.after)}: ${e.why} (${late}).`,
    );
  }
  for (const f of s.forbiddenActions ?? []) {
    const when = f.during
      ? ` while ${f.during} is in effect`
      : f.whileBroken
        ? ' while the steady state is broken'
        : '';
    out.push(
      f.counted
        ? `Do not ${f.action} ${f.target}${when}: ${f.why} (${f.actor} did at ${offsetText(f.offset)}).`
        : `Check before you ${f.action} ${f.target}${when}: ${f.why} (${f.actor} tried at ${offsetText(f.offset)}; it did not take effect).`,
    );
  }
  for (const a of r.score.lines.filter((l) => l.criterion === 'collateral').flatMap((l) => l.reasons)) {
    const m = /^collateral: (\S+) (\S+) at (\S+):/.exec(a);
    if (m) out.push(`Leave ${m[2]} alone: no part of this drill needed it (${m[1]} at ${m[3]}).`);
  }
  if (detect && detect.points < detect.weight)
    out.push(
      s.timeToDetectMs === undefined
        ? 'Watch for the fault: nobody acted on it. Look at the fleet and the canary analysis as soon as an error rate moves.'
        : `Detect sooner: the first action came ${durationText(s.timeToDetectMs)} after the fault (${detect.reasons[0] ?? ''}).`,
    );
  if (mitigate && mitigate.points < mitigate.weight)
    out.push(
      s.timeToMitigateMs === undefined
        ? 'Bring the steady state back: it still did not hold when the drill ended.'
        : `Mitigate sooner: the steady state held again only ${durationText(s.timeToMitigateMs)} after the fault.`,
    );
  return out;
}

export function afterActionModel(r: DrillResult): AfterActionModel {
  const s = r.score;
  const { well, badly } = findings(r);
  return {
    title: r.scenario.title,
    summary: [
      { label: 'Scenario', value: `${r.scenario.title} (${r.scenario.id})` },
      { label: 'Team', value: r.team ?? 'not named' },
      { label: 'Seed', value: String(r.seed) },
      { label: 'Score', value: `${s.score}/100` },
      {
        label: 'Time to detect',
        value: s.timeToDetectMs === undefined ? 'not detected' : durationText(s.timeToDetectMs),
      },
      {
        label: 'Time to mitigate',
        value: s.timeToMitigateMs === undefined ? 'not mitigated' : durationText(s.timeToMitigateMs),
      },
      {
        label: 'Simulated time',
        value: `${offsetText(r.endedAt)} of ${offsetText(r.durationMs)}${r.endedAt < r.durationMs ? ' (ended early)' : ''}`,
      },
      {
        label: 'Steady state before',
        value: r.steadyStateBefore.holds ? 'held' : 'did NOT hold',
      },
    ],
    briefing: r.scenario.briefing.trim(),
    steadyState: r.scenario.steadyState,
    timeline: timelineOf(r),
    wentWell: well,
    wentBadly: badly,
    toChange: changes(r),
    scorecard: s.lines,
    wall: [
      { label: 'Started', value: r.wall.startedAt },
      { label: 'Finished', value: r.wall.finishedAt },
      { label: 'Elapsed', value: `${r.wall.elapsedMs} ms` },
      { label: 'Workspace', value: r.wall.workspace },
    ],
  };
}

/** One line of Markdown: no line breaks, and a table cell's pipes escaped. */
const inline = (text: string) => text.replace(/\s*\n\s*/g, ' ');
const cell = (text: string) => inline(text).replaceAll('|', '\\|');

function scorecardTable(lines: readonly ScoreLine[]): string[] {
  return [
    '| Criterion | Points | Why |',
    '| --- | --- | --- |',
    ...lines.map(
      (l) =>
        `| ${criterionWords(l.criterion)} | ${l.points}/${l.weight} | ${l.reasons.map(cell).join('<br>')} |`,
    ),
  ];
}

/** The scorecard part alone (what `drill run` prints): title, summary and the score table. */
export function scorecardMarkdown(r: DrillResult): string {
  const m = afterActionModel(r);
  return `${[
    `# Drill scorecard: ${inline(m.title)}`,
    '',
    ...m.summary.map((s) => `- ${s.label}: ${inline(s.value)}`),
    '',
    ...scorecardTable(m.scorecard),
  ].join('\n')}\n`;
}

export function afterActionMarkdown(r: DrillResult): string {
  const m = afterActionModel(r);
  const list = (items: readonly string[], none: string) =>
    items.length === 0 ? [`- ${none}`] : items.map((t) => `- ${inline(t)}`);
  return `${[
    `# After-action report: ${inline(m.title)}`,
    '',
    '## Summary',
    '',
    ...m.summary.map((s) => `- **${s.label}:** ${inline(s.value)}`),
    '',
    ...m.briefing.split('\n').map((l) => `> ${l}`),
    '',
    `Steady-state hypothesis: ${inline(m.steadyState)}.`,
    '',
    '## What happened',
    '',
    ...list(
      m.timeline.map((e) => `${offsetText(e.at)} **${e.who}**: ${e.text}`),
      'nothing happened',
    ),
    '',
    '## What went well',
    '',
    ...list(
      m.wentWell.map((f) => f.text),
      'nothing scored full points',
    ),
    '',
    '## What went badly',
    '',
    ...list(
      m.wentBadly.map((f) => f.text),
      'nothing: every criterion scored full points',
    ),
    '',
    '## What to change',
    '',
    ...list(
      m.toChange,
      'nothing the rubric asks for: every expected response came in time and nothing forbidden was done',
    ),
    '',
    '## Scorecard',
    '',
    ...scorecardTable(m.scorecard),
    '',
    WALL_HEADING,
    '',
    ...m.wall.map((w) => `- ${w.label}: ${inline(w.value)}`),
  ].join('\n')}\n`;
}
