// Drafts an incident's postmortem: gathers the records, changes, alerts and error-rate series of its
// range through plain readers (the composer wires them to the audit log, the fleet, the alert
// sources and the metrics backend), renders the Markdown and the chart, and saves them.
import type { PostmortemDraft } from '../../../shared/api/postmortem-api';
import type { AlertSpan } from '../../../shared/alerts';
import type { Change } from '../../../shared/changes';
import type { AuditRecord } from '../../../shared/domain';
import type { Incident } from '../../../shared/incidents';
import { ApiError } from '../api/api-error';
import type { Clock } from '../clock';
import { errorRateChartSvg, type ChartMark } from './error-rate-chart';
import { incidentFigures, type ErrorRateSeries } from './incident-durations';
import { renderPostmortem } from './postmortem-draft';
import { postmortemDir, savePostmortem } from './postmortem-files';
import { buildTimeline, type RolloutPlace, type TimelineLine } from './postmortem-timeline';

/** Long enough to catch the change that set it off; short enough to keep the timeline readable. */
export const DEFAULT_LEAD_IN_MS = 30 * 60_000;
/** The error ratio over which a service counts as impaired, when the config names none. */
export const DEFAULT_ERROR_THRESHOLD = 0.05;
const CHART_FILE = 'error-rate.svg';

export interface PostmortemDeps {
  incident(id: string): Incident | undefined;
  /** Audit records with from <= time <= to, in log order. */
  records(from: number, to: number): readonly AuditRecord[];
  /** Backend-reported changes in the range (the what-changed feed), when wired. */
  changes?(from: number, to: number): readonly Change[];
  /** Alert spans overlapping the range, when an alert source is wired. */
  alerts?(from: number, to: number): readonly AlertSpan[];
  /** One service's error ratio over the range; rejects, or sets `unavailable`, when it cannot say. */
  errorRate(
    place: { service: string; environment: string },
    from: number,
    to: number,
  ): Promise<ErrorRateSeries>;
  place: RolloutPlace;
  clock: Clock;
  workspaceDir: string;
  leadInMs?: number;
  threshold?: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function markOf(line: TimelineLine): ChartMark | undefined {
  if (line.role === 'change') return { time: line.time, kind: 'change', label: line.what };
  if (line.role === 'alert') return { time: line.time, kind: 'alert', label: line.what };
  if (line.role === 'mitigation') return { time: line.time, kind: 'mitigation', label: line.what };
  return undefined;
}

export class PostmortemService {
  constructor(private readonly deps: PostmortemDeps) {}

  async draft(input: { id: string; overwrite: boolean }): Promise<PostmortemDraft> {
    const { deps } = this;
    const incident = deps.incident(input.id);
    if (!incident) throw new ApiError('not-found', `No incident ${input.id} in this workspace`, 'id');
    const now = deps.clock.now();
    const declaredAt = Date.parse(incident.declaredAt);
    const from = declaredAt - (deps.leadInMs ?? DEFAULT_LEAD_IN_MS);
    const to = incident.resolvedAt === undefined ? now : Date.parse(incident.resolvedAt);
    const threshold = deps.threshold ?? DEFAULT_ERROR_THRESHOLD;
    const timeline = buildTimeline({
      records: deps.records(from, to),
      ...(deps.changes ? { changes: deps.changes(from, to) } : {}),
      ...(deps.alerts ? { alerts: deps.alerts(from, to) } : {}),
      place: deps.place,
      from,
      to,
    });
    const places = new Map<string, { service: string; environment: string }>();
    for (const l of timeline)
      for (const service of l.services ?? (l.service === undefined ? [] : [l.service]))
        if (l.environment !== undefined)
          places.set(`${service}\u0000${l.environment}`, { service, environment: l.environment });
    // A dead metrics backend leaves a chart that says so, never a missing or empty-looking one.
    const series = await Promise.all(
      [...places.values()].map((p) =>
        deps
          .errorRate(p, from, to)
          .catch((error: unknown) => ({ ...p, points: [], unavailable: errorText(error) })),
      ),
    );
    const figures = incidentFigures({ timeline, series, threshold, declaredAt, leadInFrom: from });
    const marks: ChartMark[] = [
      ...timeline.flatMap((l) => markOf(l) ?? []),
      { time: declaredAt, kind: 'declared', label: `${incident.id} declared` },
      ...(incident.resolvedAt
        ? [
            {
              time: Date.parse(incident.resolvedAt),
              kind: 'resolved' as const,
              label: `${incident.id} resolved`,
            },
          ]
        : []),
    ];
    const svg = errorRateChartSvg({
      series,
      marks,
      from,
      to,
      threshold,
      title: `${incident.id}: error rate by service`,
    });
    const caption = `Error rate per affected service, ${new Date(from).toISOString()} to ${new Date(to).toISOString()}, with changes, alerts and mitigations marked`;
    const markdown = renderPostmortem({
      incident,
      timeline,
      figures,
      from,
      to,
      charts: [{ name: CHART_FILE, caption }],
      threshold,
      generatedAt: now,
    });
    const saved = savePostmortem({
      dir: postmortemDir(deps.workspaceDir, incident.id),
      markdown,
      images: [{ name: CHART_FILE, content: svg }],
      overwrite: input.overwrite,
    });
    return {
      markdown,
      path: saved.path,
      images: saved.images.map((i) => ({ ...i, svg })),
      ...(saved.keptEdits ? { keptEdits: saved.keptEdits } : {}),
    };
  }
}
