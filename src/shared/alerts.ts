// Alerts from the alert sources (Alertmanager, the simulator) and the playbooks that answer them.
export type AlertState = 'firing' | 'silenced' | 'resolved';

export interface Alert {
  /** Stable id of one alert instance: the source's fingerprint, prefixed with the connection. */
  id: string;
  /** The connection it came from. */
  connection: string;
  /** `labels.alertname`. */
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertState;
  startsAt: string;
  endsAt?: string;
  severity?: string;
  /** Read from the labels `service` / `environment` (or `env`) when present: ties it to rollouts. */
  service?: string;
  environment?: string;
  /** Silences that hold it, by id. */
  silencedBy?: string[];
}

/** An alert's firing interval on a time axis (the what-changed view, the postmortem timeline). */
export interface AlertSpan {
  id: string;
  name: string;
  severity?: string;
  service?: string;
  environment?: string;
  startsAt: string;
  /** Absent while it still fires. */
  endsAt?: string;
}
