// One browser-mode change stream. The URL holds no token (it would show in console errors, proxies
// and logs): the client's first message is `{"type":"auth","token":…}`. Until it is accepted the
// socket gets nothing; a wrong token, or none within the deadline, closes it with a named code.
import type { WebSocket } from 'ws';
import { EVENT_STREAM_CLOSE, readAuthMessage, type EventStreamWelcome } from '../../shared/api/event-stream';
import type { ChangeEvent } from '../../shared/domain';
import type { Identity } from './invitation-book';

export interface EventSocketOptions {
  /** Set when the upgrade request itself carried a valid bearer token (scripts, not browsers). */
  identity: Identity | undefined;
  identify(token: string): Identity | undefined;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Called once the socket is signed in. */
  onSignedIn(identity: Identity): void;
  authDeadlineMs: number;
}

/** A peer that ignores our close frame is cut off after this long. */
const CLOSE_GRACE_MS = 1_000;

export function serveEventSocket(socket: WebSocket, options: EventSocketOptions): void {
  let unsubscribe: (() => void) | undefined;

  const refuse = (code: number, reason: string): void => {
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  };
  const begin = (identity: Identity): void => {
    options.onSignedIn(identity);
    const welcome: EventStreamWelcome = { type: 'auth.ok', actor: identity.name, role: identity.role };
    socket.send(JSON.stringify(welcome));
    unsubscribe = options.onChange((event) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
  };

  const deadline = setTimeout(
    () => refuse(EVENT_STREAM_CLOSE.authTimeout, 'no auth message in time'),
    options.authDeadlineMs,
  );
  socket.on('message', (data, isBinary) => {
    if (unsubscribe || socket.readyState !== socket.OPEN) return; // signed in: nothing more to hear
    clearTimeout(deadline);
    const token = isBinary ? undefined : readAuthMessage(String(data));
    const identity = token === undefined ? undefined : options.identify(token);
    if (identity) begin(identity);
    else refuse(EVENT_STREAM_CLOSE.unauthorized, 'a valid access token is required');
  });
  socket.on('close', () => {
    clearTimeout(deadline);
    unsubscribe?.();
  });
  if (options.identity) {
    clearTimeout(deadline);
    begin(options.identity);
  }
}
