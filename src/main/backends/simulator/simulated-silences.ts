// What the simulator's alert sources share: silences kept in memory with Alertmanager's matcher
// rules (equal or not, regex or not, anchored), and the shape of an alert they raise.
import { randomUUID } from 'node:crypto';
import type { Alert } from '../../../shared/alerts';
import type { AlertFilter, SilenceMatcher, SilenceRequest } from '../../core/alerts/alert-source';
import { isoTime } from '../../core/clock';

function matches(m: SilenceMatcher, labels: Record<string, string>): boolean {
  const value = labels[m.name] ?? '';
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(value) : value === m.value;
  return m.isEqual ? hit : !hit;
}

export class SimulatedSilences {
  private readonly silences: { id: string; matchers: SilenceMatcher[]; endsAt: number }[] = [];

  add(request: SilenceRequest): string {
    const id = randomUUID();
    this.silences.push({ id, matchers: request.matchers, endsAt: Date.parse(request.endsAt) });
    return id;
  }

  /** The ids of the silences in force at `now` whose matchers all match these labels. */
  matching(labels: Record<string, string>, now: number): string[] {
    return this.silences
      .filter((s) => s.endsAt > now && s.matchers.every((m) => matches(m, labels)))
      .map((s) => s.id);
  }
}

export interface SimulatedAlertInput {
  connection: string;
  /** The alert's fingerprint: its id is <connection>/<key>. */
  key: string;
  labels: Record<string, string> & { alertname: string; service: string; environment: string };
  summary: string;
  severity: string;
  since: number;
  silencedBy: string[];
}

export function simulatedAlert(a: SimulatedAlertInput): Alert {
  return {
    id: `${a.connection}/${a.key}`,
    connection: a.connection,
    name: a.labels.alertname,
    labels: a.labels,
    annotations: { summary: a.summary },
    state: a.silencedBy.length > 0 ? 'silenced' : 'firing',
    startsAt: isoTime(a.since),
    severity: a.severity,
    service: a.labels.service,
    environment: a.labels.environment,
    ...(a.silencedBy.length > 0 ? { silencedBy: a.silencedBy } : {}),
  };
}

/** Alertmanager's active/silenced filter: both kinds are listed unless asked otherwise. */
export const passesStateFilter = (a: Alert, filter: AlertFilter): boolean =>
  a.state === 'silenced' ? (filter.silenced ?? true) : (filter.active ?? true);
