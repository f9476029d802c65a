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

/** An action a playbook offers against its alert, run through the normal confirmations. */
export interface Countermeasure {
  label: string;
  action: 'pause' | 'abort' | 'pause-all';
  /** Absent: the service of the alert. */
  service?: string;
  /** Absent: the environment of the alert. */
  environment?: string;
  /** Which rollout of the service: the newest in flight (the only choice today). */
  target: 'newest-rollout';
}

export interface Playbook {
  /** Alert names it answers. */
  alerts: string[];
  title: string;
  /** Technical description: what the alert means. */
  description: string;
  /** Business impact: what users and the business feel. */
  impact: string;
  /** How to fix, in order. */
  fix: string[];
  countermeasures: Countermeasure[];
  /** The rest of the Markdown file, below the front matter. */
  notes: string;
  /** Where it was read from: `workspace` overrides `resources` for the same alert. */
  origin: 'workspace' | 'resources';
  file: string;
}

/** A countermeasure resolved against the fleet now: the rollout it would act on, or why none. */
export interface ResolvedCountermeasure extends Countermeasure {
  rollout?: string;
  unavailable?: string;
}

export interface AlertWithPlaybook extends Alert {
  playbook?: Playbook;
  countermeasures: ResolvedCountermeasure[];
  runbookUrl?: string;
  /** The source's answer is old (down or slow): the alert is as of `asOf`. */
  stale?: { asOf: string; ageMs: number; reason: string };
}

export interface AlertSourceStatus {
  name: string;
  kind: string;
  ok: boolean;
  /** When its alerts were last read (absent: never yet). */
  asOf?: string;
  ageMs?: number;
  error?: string;
  stale: boolean;
}

export interface PlaybookCoverage {
  /** Days looked back. */
  days: number;
  withPlaybook: string[];
  withoutPlaybook: string[];
  /** withPlaybook / all seen, 0..1; absent when no alert was seen. */
  ratio?: number;
}
