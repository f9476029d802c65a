// One alert as Alertmanager's API v2 gives it (gettableAlert), in the control room's words.
import type { Alert } from '../../../shared/alerts';
import { alertPlace } from '../../core/alerts/alert-place';

export interface GettableAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  updatedAt?: string;
  generatorURL?: string;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy?: string[]; inhibitedBy?: string[] };
}

export function alertOf(connection: string, a: GettableAlert): Alert {
  const silencedBy = a.status.silencedBy ?? [];
  const labels = a.labels ?? {};
  return {
    id: `${connection}/${a.fingerprint}`,
    connection,
    name: labels.alertname ?? '(no alertname)',
    labels,
    annotations: a.annotations ?? {},
    // Suppressed by a silence is "silenced"; by an inhibition it still fires (another alert covers it).
    state: silencedBy.length > 0 ? 'silenced' : 'firing',
    startsAt: a.startsAt,
    // Alertmanager sets endsAt on every alert (its resolve timeout), also while it fires: not an end.
    ...(labels.severity ? { severity: labels.severity } : {}),
    ...alertPlace(labels),
    ...(silencedBy.length > 0 ? { silencedBy } : {}),
  };
}
