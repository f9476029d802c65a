// One Prometheus HTTP API call: auth header from the connection's secret, a deadline through the
// connection's health line, the answer read within a size budget and unwrapped from Prometheus's
// `{status, data, errorType, error}` envelope. Every call is a read, so a passing failure (refused,
// reset, 502/503/504) is tried again with backoff before the deadline; a refused query never is.
// The secret never reaches a message.
import { fetchFailureCause } from '../fetch-failure-cause';
import type { ConnectionHealth } from '../../core/connections/connection-health';
import type { PrometheusConnection } from '../../core/connections/prometheus-connection';
import { promDuration } from '../../core/connections/promql-template';
import type { SecretResolver } from '../../core/connections/secret-resolver';

/** More than any query the judge or a chart makes; a huge series listing is cut off, not buffered. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * Prometheus could not answer. `query` errors are about the query (bad_data, execution: Prometheus
 * parsed or ran it and said no); the rest are about the connection (down, hung, refused, unauthorized).
 */
export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly about: 'query' | 'connection',
    /** A passing failure (refused connection, reset, 502/503/504): worth another try of a read. */
    readonly passing = false,
  ) {
    super(message);
  }
}

/** Pauses before the 2nd and 3rd try of a read; all tries share the connection's one deadline. */
const RETRY_PAUSES_MS = [100, 300];

/** Waits `ms`, or less when the deadline's signal fires first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

interface Envelope {
  status?: unknown;
  data?: unknown;
  errorType?: unknown;
  error?: unknown;
}

type Params = [string, string][];

/** Answers of a proxy or a Prometheus that is starting or overloaded: likely gone in a moment. */
const PASSING_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);

/** What Prometheus answered: its data, or its refusal of the query. */
type Answer = { data: unknown } | { refused: string };

async function readCapped(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    if (signal.aborted) throw new Error('aborted');
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new PrometheusError(
        `the answer is larger than ${MAX_ANSWER_BYTES.toLocaleString('en-US')} bytes: narrow the query`,
        'query',
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One line of a non-API answer (a proxy's error page), short and without control characters. */
function snippet(body: string): string {
  const line = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line === '' ? '' : `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}

/** Prometheus prefixes parse errors with the parameter; the position is what a person needs first. */
function apiErrorText(errorType: string, error: string): string {
  return `${errorType}: ${error.replace(/^invalid parameter "query": /, '')}`;
}

export class PrometheusHttp {
  private authorization: Promise<string | undefined> | undefined;
  private readonly base: URL;

  constructor(
    readonly config: PrometheusConnection,
    private readonly secrets: SecretResolver,
    readonly health: ConnectionHealth,
  ) {
    this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
  }

  /** An address under the connection's URL (which may carry a path prefix behind a proxy). */
  url(path: string): URL {
    return new URL(path, this.base);
  }

  /** Prometheus's own evaluation timeout: it stops working on a query the caller gave up on. */
  get evaluationTimeout(): string {
    return promDuration(this.config.timeout);
  }

  private auth(): Promise<string | undefined> {
    const { bearerToken, basicAuth, name } = this.config;
    if (this.authorization) return this.authorization;
    const looked = (async () => {
      if (bearerToken) return `Bearer ${await this.secrets.resolve(bearerToken, `${name}: bearerToken`)}`;
      if (basicAuth) {
        const password = await this.secrets.resolve(basicAuth.password, `${name}: basicAuth.password`);
        return `Basic ${Buffer.from(`${basicAuth.user}:${password}`).toString('base64')}`;
      }
      return undefined;
    })();
    // A secret that was missing, or that Prometheus refused, is looked up again on the next call.
    looked.catch(() => {
      if (this.authorization === looked) this.authorization = undefined;
    });
    this.authorization = looked;
    return looked;
  }

  /**
   * Calls `path` (POST with a form body, or GET for label values) and returns the envelope's `data`.
   * Rejects with PrometheusError, or with the health line's BackendTimeout at the deadline.
   */
  async call(what: string, path: string, params: Params, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
    const url = this.url(path);
    const form = new URLSearchParams(params);
    if (method === 'GET') url.search = form.toString();
    // Every call is a read: a passing failure is tried again, with backoff, within the deadline.
    const answer = await this.health.call<Answer>(what, this.config.timeout, async (signal) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.attempt(url, method, form, signal);
        } catch (error) {
          const wait = RETRY_PAUSES_MS[attempt];
          if (!(error instanceof PrometheusError && error.passing) || wait === undefined) throw error;
          await pause(wait, signal);
          if (signal.aborted) throw error;
        }
      }
    });
    if ('refused' in answer) throw new PrometheusError(answer.refused, 'query');
    return answer.data;
  }

  private async attempt(
    url: URL,
    method: 'GET' | 'POST',
    form: URLSearchParams,
    signal: AbortSignal,
  ): Promise<Answer> {
    const where = `Prometheus at ${this.config.url}`;
    let authorization: string | undefined;
    try {
      authorization = await this.auth();
    } catch (error) {
      throw new PrometheusError(error instanceof Error ? error.message : String(error), 'connection');
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authorization) headers.authorization = authorization;
    if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(method === 'POST' ? { body: form.toString() } : {}),
        signal,
        // A redirect could carry the Authorization header to another server: refuse to follow.
        redirect: 'manual',
      });
    } catch (error) {
      throw new PrometheusError(
        `cannot reach ${where}: ${fetchFailureCause(error)}`,
        'connection',
        !signal.aborted,
      );
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      throw new PrometheusError(
        `${where} answered with a redirect (HTTP ${response.status}${location ? ` to ${location}` : ''}): set url to where it points`,
        'connection',
      );
    }
    const body = await readCapped(response, signal);
    let envelope: Envelope | undefined;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') envelope = parsed as Envelope;
    } catch {
      envelope = undefined;
    }
    if (response.status === 401 || response.status === 403) {
      this.authorization = undefined;
      throw new PrometheusError(
        `${where} answered HTTP ${response.status} ${response.statusText}: check the connection's ${this.config.basicAuth ? 'basicAuth' : 'bearerToken'}`,
        'connection',
      );
    }
    if (envelope?.status === 'success') return { data: envelope.data };
    if (typeof envelope?.errorType === 'string' && typeof envelope.error === 'string') {
      const text = apiErrorText(envelope.errorType, envelope.error);
      // A query Prometheus refused is that query's problem; the server itself answered.
      if (envelope.errorType === 'bad_data' || envelope.errorType === 'execution') return { refused: text };
      throw new PrometheusError(text, 'connection', envelope.errorType === 'unavailable');
    }
    throw new PrometheusError(
      `${where} answered HTTP ${response.status} ${response.statusText}${snippet(body)}`,
      'connection',
      PASSING_STATUS.has(response.status),
    );
  }
}
