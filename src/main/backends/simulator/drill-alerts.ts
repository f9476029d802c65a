// A drill's injected alerts as an alert source: an `alert` inject fires under Alerts the way a
// page from Alertmanager would, for as long as the inject is in effect. Silences are kept in memory.
import { createHash, randomUUID } from 'node:crypto';
import type { Alert } from '../../../shared/alerts';
import type {
  AlertFilter,
  AlertSource,
  SilenceMatcher,
  SilenceRequest,
} from '../../core/alerts/alert-source';
import { isoTime, type Clock } from '../../core/clock';
import type { SimulatedFaults } from './simulated-faults';

/** The alert source's connection name: alert ids are drill/<fingerprint>. */
export const DRILL_ALERTS = 'drill';

function matches(m: SilenceMatcher, labels: Record<string, string>): boolean {
  const value = labels[m.name] ?? '';
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(value) : value === m.value;
  return m.isEqual ? hit : !hit;
}

export class DrillAlerts implements AlertSource {
  readonly name = DRILL_ALERTS;
  readonly kind = 'simulator';
  private readonly silences: { id: string; matchers: SilenceMatcher[]; endsAt: number }[] = [];

  constructor(
    private readonly world: SimulatedFaults,
    private readonly clock: Clock,
  ) {}

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const now = this.clock.now();
    return this.world
      .firingAlerts(now)
      .map(({ inject, since }): Alert => {
        const labels = {
          alertname: inject.name,
          service: inject.service,
          environment: inject.environment,
          severity: 'critical',
        };
        const key = createHash('sha256').update(`${inject.id}/${since}`).digest('hex').slice(0, 16);
        const silencedBy = this.silences
          .filter((s) => s.endsAt > now && s.matchers.every((m) => matches(m, labels)))
          .map((s) => s.id);
        return {
          id: `${this.name}/${key}`,
          connection: this.name,
          name: inject.name,
          labels,
          annotations: { summary: inject.summary },
          state: silencedBy.length > 0 ? 'silenced' : 'firing',
          startsAt: isoTime(since),
          severity: 'critical',
          service: inject.service,
          environment: inject.environment,
          ...(silencedBy.length > 0 ? { silencedBy } : {}),
        };
      })
      .filter((a) => (a.state === 'silenced' ? (filter.silenced ?? true) : (filter.active ?? true)));
  }

  async silence(request: SilenceRequest): Promise<string> {
    const id = randomUUID();
    this.silences.push({ id, matchers: request.matchers, endsAt: Date.parse(request.endsAt) });
    return id;
  }
}
