// The blameless postmortem draft (Google SRE / PagerDuty template) as Markdown, prefilled from the
// incident's timeline: what the log and the metrics know is written in, what only people know is
// left as prompts to fill. Pure: the caller gathers the records and the series.
import type { Incident } from '../../../shared/incidents';
import { TTD_DEFINITION, TTM_DEFINITION, type IncidentFigures } from './incident-durations';
import type { TimelineLine } from './postmortem-timeline';

export interface DraftInput {
  incident: Incident;
  timeline: readonly TimelineLine[];
  figures: IncidentFigures;
  /** The range the timeline covers (lead-in before the declaration, to resolution or now). */
  from: number;
  to: number;
  /** Image files beside the Markdown, with what they show. */
  charts: { name: string; caption: string }[];
  threshold: number;
  generatedAt: number;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Minutes and seconds, as people read durations under stress. */
export function formatSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', s % 60 > 0 || s === 0 ? `${s % 60} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** Keeps a line of Markdown a line: table pipes and newlines in free text would break it. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function isLink(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text.trim());
}

export function renderPostmortem(input: DraftInput): string {
  const { incident, timeline, figures } = input;
  const affected = [
    ...new Set(
      timeline.flatMap((l) =>
        (l.services ?? (l.service ? [l.service] : [])).map((s) => `${s} / ${l.environment ?? '?'}`),
      ),
    ),
  ];
  const actions = timeline.filter((l) => l.role === 'mitigation' || l.role === 'action');
  const alerts = timeline.filter((l) => l.role === 'alert');
  const open = incident.resolvedAt === undefined;
  const out: string[] = [];
  out.push(
    `# Postmortem: ${incident.id} — ${cell(incident.title)}`,
    '',
    '| | |',
    '|---|---|',
    '| Status | **Draft** (blameless: it names what happened and what the system allowed, not whom to blame) |',
    `| Severity | ${incident.severity} |`,
    `| Commander | ${cell(incident.commander)} |`,
    `| Declared | ${utc(Date.parse(incident.declaredAt))} by ${cell(incident.declaredBy)} |`,
    `| Resolved | ${open ? 'not yet: the incident is open' : `${utc(Date.parse(incident.resolvedAt ?? ''))} by ${cell(incident.resolvedBy ?? '?')}`} |`,
    `| Range covered | ${utc(input.from)} to ${utc(input.to)} (starts before the declaration to catch the trigger) |`,
    `| Drafted | ${utc(input.generatedAt)} by the control room from its audit log${alerts.length > 0 ? ', alerts' : ''} and metrics |`,
    '',
    '## Summary',
    '',
    `${incident.severity} incident "${cell(incident.title)}", commanded by ${cell(incident.commander)}. ` +
      (figures.trigger
        ? `Suspect change: ${figures.trigger.what} (${utc(figures.trigger.time)}, ${figures.trigger.actor}). `
        : 'No change was recorded before the first signal. ') +
      `Detected after ${formatSpan(figures.ttdMs)}` +
      (figures.ttmMs === undefined
        ? '; no mitigating action recorded.'
        : `, mitigated after ${formatSpan(figures.ttmMs)}.`),
    '',
    '_Add two or three sentences: what users saw, and what stopped it._',
    '',
    '## Impact',
    '',
    affected.length > 0
      ? `Affected services and environments (from the timeline): ${affected.join(', ')}.`
      : 'No service is named by the records in range.',
    '',
    `Impact started ${utc(figures.impactStart)} (${figures.impactBasis}). The error-rate chart below shows its size.`,
    '',
    '_Add: users or requests affected, revenue or SLO budget spent, support tickets._',
    '',
    '## Root causes',
    '',
    open
      ? '_The incident is open: the root cause is not known yet. Releases stay frozen until it is resolved with one._'
      : isLink(incident.rca ?? '')
        ? `Root-cause analysis: <${(incident.rca ?? '').trim()}>`
        : `Root-cause note (given when resolving): ${incident.rca ?? '(none)'}`,
    '',
    '## Trigger',
    '',
    figures.trigger
      ? `The last change before the first alert or the declaration: **${cell(figures.trigger.what)}** at ${utc(figures.trigger.time)} by ${cell(figures.trigger.actor)}.`
      : 'No change was recorded in the range before the first signal: look further back or outside the control room.',
    '',
    '## Detection',
    '',
    `Detected at ${utc(figures.detectedAt)} by ${figures.detectedBy}: time to detect **${formatSpan(figures.ttdMs)}**.`,
    '',
    `> ${TTD_DEFINITION}`,
    '',
    alerts.length > 0
      ? `Alerts that fired: ${alerts.map((a) => `${a.what} (${utc(a.time)})`).join('; ')}.`
      : 'No alert fired in the range (or no alert source was read).',
    '',
    '## Resolution',
    '',
    figures.mitigation
      ? `Mitigated at ${utc(figures.mitigation.time)} by ${cell(figures.mitigation.actor)}: ${cell(figures.mitigation.what)} (${figures.mitigationBasis}). Time to mitigate **${formatSpan(figures.ttmMs ?? 0)}**.`
      : `Not mitigated by any recorded action (${figures.mitigationBasis}).`,
    '',
    `> ${TTM_DEFINITION}`,
    '',
    '### Actions taken',
    '',
  );
  if (actions.length === 0) out.push('No action was recorded in the range.');
  else actions.forEach((a, i) => out.push(`${i + 1}. ${utc(a.time)} — ${cell(a.actor)} — ${cell(a.what)}`));
  out.push('', '## Charts', '');
  for (const c of input.charts) out.push(`![${cell(c.caption)}](${c.name})`, '', `_${cell(c.caption)}_`, '');
  if (input.charts.length === 0) out.push('No chart: no affected service was found.', '');
  out.push(
    '## Action items',
    '',
    '| Action | Type (mitigate / prevent / detect) | Owner | Due | Tracking |',
    '|---|---|---|---|---|',
    '| | | | | |',
    '| | | | | |',
    '| | | | | |',
    '',
    '## Lessons learned',
    '',
    '### What went well',
    '',
    '- ',
    '',
    '### What went badly',
    '',
    '- ',
    '',
    '### Where we got lucky',
    '',
    '- ',
    '',
    '## Timeline',
    '',
    "All times UTC. From the audit log, the backends' reported changes and the alerts.",
    '',
  );
  if (timeline.length === 0) out.push('Nothing was recorded in the range.');
  for (const l of timeline) out.push(`- ${utc(l.time)} — ${cell(l.actor)} — ${cell(l.what)}`);
  return out.join('\n') + '\n';
}
