import type { ApiEnvelope, ApiErrorCode, ApiInput, ApiMethod, ApiOutput } from '../../shared/api';
import { API_ERROR_CODES, EVENT_STREAM_PATH, type EventStreamAuth } from '../../shared/api';
import { accessToken } from './access-token';
import { ApiError } from './api-error';
import { parseChangeEvent } from './change-event';
import type { Transport } from './transport';

const REQUEST_TIMEOUT_MS = 15_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

function isErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code);
}

function toEnvelope<T>(status: number, body: unknown): ApiEnvelope<T> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const o = body as { ok: unknown; value?: unknown; error?: unknown };
    if (o.ok === true) return { ok: true, value: o.value as T };
    if (o.ok === false && typeof o.error === 'object' && o.error !== null) {
      const e = o.error as { code?: unknown; message?: unknown; field?: unknown };
      return {
        ok: false,
        error: {
          code: isErrorCode(e.code) ? e.code : 'internal',
          message: typeof e.message === 'string' ? e.message : `Request failed (HTTP ${status})`,
          ...(typeof e.field === 'string' ? { field: e.field } : {}),
        },
      };
    }
  }
  return {
    ok: false,
    error: {
      code: status === 401 ? 'unauthorized' : 'internal',
      message: `Unexpected response (HTTP ${status})`,
    },
  };
}

async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiEnvelope<ApiOutput<M>>> {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (cause) {
    const timedOut = controller.signal.aborted;
    throw new ApiError(
      'network',
      timedOut
        ? `No answer from the server within ${REQUEST_TIMEOUT_MS / 1000} s`
        : 'Cannot reach the server',
      undefined,
      { cause },
    );
  } finally {
    window.clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return toEnvelope<ApiOutput<M>>(response.status, body);
}

/** No token in this URL: it shows in console errors and logs. The first message carries it. */
function eventsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${EVENT_STREAM_PATH}`;
}

function isWelcome(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'auth.ok';
}

/** Browser mode: POST /api/<method> with a bearer token; changes over a WebSocket that signs in and reconnects. */
export function httpTransport(): Transport {
  return {
    kind: 'browser',
    call,
    subscribe(onEvent, onStatus) {
      let socket: WebSocket | null = null;
      let stopped = false;
      let attempt = 0;
      let retryTimer: number | undefined;

      const connect = (): void => {
        if (stopped) return;
        onStatus('connecting');
        const ws = new WebSocket(eventsUrl());
        socket = ws;
        let signedIn = false;
        ws.onopen = () => {
          const auth: EventStreamAuth = { type: 'auth', token: accessToken() ?? '' };
          ws.send(JSON.stringify(auth));
        };
        ws.onmessage = (message) => {
          if (typeof message.data !== 'string') return;
          let parsed: unknown;
          try {
            parsed = JSON.parse(message.data);
          } catch {
            return;
          }
          // The stream is live only once the server accepted the token.
          if (!signedIn) {
            if (!isWelcome(parsed)) return;
            signedIn = true;
            attempt = 0;
            onStatus('open');
            return;
          }
          const event = parseChangeEvent(parsed);
          if (event) onEvent(event);
        };
        ws.onclose = () => {
          if (socket !== ws) return;
          socket = null;
          onStatus('closed');
          if (stopped) return;
          const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt);
          attempt += 1;
          retryTimer = window.setTimeout(connect, base / 2 + Math.random() * (base / 2));
        };
      };

      connect();
      return () => {
        stopped = true;
        window.clearTimeout(retryTimer);
        const ws = socket;
        socket = null;
        ws?.close();
      };
    },
  };
}
