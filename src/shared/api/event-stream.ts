// The change stream of browser mode (a WebSocket at /api/events). Its URL carries no secret: the
// client's first message is its token, and the server sends nothing before that token is accepted.
import type { Role } from './rollout-api';

export const EVENT_STREAM_PATH = '/api/events';
/** How long the server waits for the auth message before it closes the socket. */
export const EVENT_STREAM_AUTH_DEADLINE_MS = 5_000;

/** Close codes in the application range, named after the HTTP statuses they mirror. */
export const EVENT_STREAM_CLOSE = {
  /** The auth message was missing, malformed or its token is not valid here. */
  unauthorized: 4401,
  /** No auth message arrived within the deadline. */
  authTimeout: 4408,
} as const;

/** Client to server, first and only. */
export interface EventStreamAuth {
  type: 'auth';
  token: string;
}

/** Server to client, once, before any change event. */
export interface EventStreamWelcome {
  type: 'auth.ok';
  actor: string;
  role: Role;
}

/** The token of a first message, or undefined when it is not an auth message; never throws. */
export function readAuthMessage(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { type, token } = parsed as Partial<Record<keyof EventStreamAuth, unknown>>;
  return type === 'auth' && typeof token === 'string' ? token : undefined;
}
