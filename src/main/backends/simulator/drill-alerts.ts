// A drill's injected alerts as an alert source: an `alert` inject fires under Alerts the way a
// page from Alertmanager would, for as long as the inject is in effect. Silences are kept in memory.
import { createHash } from 'node:crypto';
import type { Alert } from '../../../shared/alerts';
import type { AlertFilter, AlertSource, SilenceRequest } from '../../core/alerts/alert-source';
import type { Clock } from '../../core/clock';
import type { SimulatedFaults } from './simulated-faults';
import { passesStateFilter, SimulatedSilences, simulatedAlert } from './simulated-silences';

/** The alert source's connection name: alert ids are drill/<fingerprint>. */
export const DRILL_ALERTS = 'drill';

export class DrillAlerts implements AlertSource {
  readonly name = DRILL_ALERTS;
  readonly kind = 'simulator';
  private readonly silences = new SimulatedSilences();

  constructor(
    private readonly world: SimulatedFaults,
    private readonly clock: Clock,
  ) {}

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const now = this.clock.now();
    return this.world
      .firingAlerts(now)
      .map(({ inject, since }) => {
        const labels = {
          alertname: inject.name,
          service: inject.service,
          environment: inject.environment,
          severity: 'critical',
        };
        const key = createHash('sha256').update(`${inject.id}/${since}`).digest('hex').slice(0, 16);
        return simulatedAlert({
          connection: this.name,
          key,
          labels,
          summary: inject.summary,
          severity: 'critical',
          since,
          silencedBy: this.silences.matching(labels, now),
        });
      })
      .filter((a) => passesStateFilter(a, filter));
  }

  async silence(request: SilenceRequest): Promise<string> {
    return this.silences.add(request);
  }
}
