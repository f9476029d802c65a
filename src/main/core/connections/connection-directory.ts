// What the Settings screen and `control-room connections` need from whatever runs the connections:
// each one's health line, a test call now, and taking up a config.yaml that was just saved. The
// connection registry implements it; the API handlers know only this.
import type { ConnectionCheck, ConnectionTestResult } from '../../../shared/api';
import type { ConnectionStatus } from '../../../shared/connections';
import type { Config } from '../config/config-schema';
import type { ConnectionHealth } from './connection-health';

export interface ReloadOutcome {
  /** Whether the running control room now uses the saved connections (fleet, metrics and all). */
  live: boolean;
  /** In words, for the person who saved: what is in use now, or what it takes. */
  message: string;
}

export interface ConnectionDirectory {
  /** The health line of every connection it runs. */
  statuses(): ConnectionStatus[];
  /** Calls the named connection now, recording the call in its health line. */
  test(name: string): Promise<ConnectionTestResult>;
  /** The values of one label the named (metrics) connection knows, for autocompletion. */
  suggest(name: string, label: string): Promise<string[]>;
  /** Takes up config.yaml as just saved (connections added, changed or removed). */
  reload(config: Config): Promise<ReloadOutcome>;
}

/**
 * A kind's test call, made with the backend's own client so every call is on `health` with its
 * deadline: the checks it made, or a throw when the backend could not be reached.
 */
export type ConnectionProbe<C = unknown> = (
  connection: C,
  health: ConnectionHealth,
) => Promise<ConnectionCheck[]>;

/** A kind's look-up of one label's values (Prometheus: `__name__` lists metric names). */
export type LabelLookup<C = unknown> = (
  connection: C,
  health: ConnectionHealth,
  label: string,
) => Promise<string[]>;
