// What the control room asks of an alert source (Alertmanager, the simulator): the alerts it holds
// now, and a silence. Every source has a name (its connection) and a health line.
import type { Alert } from '../../../shared/alerts';

export interface AlertFilter {
  /** Include firing (active) alerts; true when absent. */
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  /** Label matchers in Alertmanager's syntax, e.g. `service="checkout"`, `alertname=~"High.*"`. */
  matchers?: string[];
}

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface SilenceRequest {
  matchers: SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface AlertSource {
  /** The connection's name: alert ids are `<name>/<fingerprint>`. */
  readonly name: string;
  readonly kind: string;
  /** Rejects when the source cannot answer (down, timed out, refused). */
  list(filter?: AlertFilter): Promise<Alert[]>;
  /** Creates a silence; resolves with its id. */
  silence(request: SilenceRequest): Promise<string>;
}
