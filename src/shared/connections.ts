// What the control room knows of each connection's health: shown in the top bar, on the Settings
// screen and on each rollout row the connection serves. Never a secret.

export type ConnectionRole = 'deployment' | 'metrics' | 'alerts' | 'flags';

export interface ConnectionStatus {
  name: string;
  kind: string;
  roles: ConnectionRole[];
  /** Whether the last call got an answer (undefined before any call). */
  reachable?: boolean;
  /** How long the last call took, ms. */
  latencyMs?: number;
  /** When a call last succeeded (ISO 8601). */
  lastSuccess?: string;
  /** The last failure, in words, and when. */
  lastError?: { at: string; message: string };
  /**
   * For a deployment connection whose state is read from the backend: how old the rows it serves are
   * (ms since the last successful read); undefined when they are live.
   */
  staleMs?: number;
  /**
   * What the connection cannot do now although it answers, in words (a namespace its credentials may
   * not list or watch): shown until it can.
   */
  problems?: string[];
}
