// Alertmanager's API v2 as an alert source: GET /api/v2/alerts with its filters, POST
// /api/v2/silences. Every call has the connection's deadline and is recorded on its health line;
// the bearer token never reaches a message.
import type { Alert } from '../../../shared/alerts';
import type { AlertFilter, AlertSource, SilenceRequest } from '../../core/alerts/alert-source';
import type { ConnectionHealth } from '../../core/connections/connection-health';
import type { AlertmanagerConnection } from '../../core/connections/alertmanager-connection';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import { alertOf, type GettableAlert } from './alertmanager-alert';

/** More than any real set of alerts; a runaway answer is cut off, not buffered whole. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export class AlertmanagerError extends Error {}

export class AlertmanagerSource implements AlertSource {
  readonly kind = 'alertmanager';
  readonly name: string;

  constructor(
    private readonly config: AlertmanagerConnection,
    private readonly health: ConnectionHealth,
    private readonly secrets: SecretResolver,
  ) {
    this.name = config.name;
  }

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const params = new URLSearchParams();
    params.set('active', String(filter.active ?? true));
    params.set('silenced', String(filter.silenced ?? true));
    params.set('inhibited', String(filter.inhibited ?? true));
    for (const m of filter.matchers ?? []) params.append('filter', m);
    const body = await this.request('GET', `/api/v2/alerts?${params}`, 'list alerts');
    if (!Array.isArray(body))
      throw new AlertmanagerError(`${this.name}: /api/v2/alerts did not answer a list`);
    return (body as GettableAlert[]).map((a) => alertOf(this.name, a));
  }

  /** GET /api/v2/status: what the Settings test shows (version, cluster). */
  status(): Promise<unknown> {
    return this.request('GET', '/api/v2/status', 'read its status');
  }

  async silence(request: SilenceRequest): Promise<string> {
    const body = (await this.request('POST', '/api/v2/silences', 'create a silence', request)) as {
      silenceID?: unknown;
    };
    if (typeof body?.silenceID !== 'string')
      throw new AlertmanagerError(
        `${this.name}: the silence was sent but Alertmanager answered no silenceID`,
      );
    return body.silenceID;
  }

  private async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.config.bearerToken)
      headers.authorization = `Bearer ${await this.secrets.resolve(this.config.bearerToken, `${this.name}: bearerToken`)}`;
    return headers;
  }

  private request(method: 'GET' | 'POST', path: string, what: string, json?: unknown): Promise<unknown> {
    const url = new URL(path, this.config.url.endsWith('/') ? this.config.url : `${this.config.url}/`);
    // The configured URL may carry a path prefix (a proxy): keep it.
    url.pathname = `${new URL(this.config.url).pathname.replace(/\/$/, '')}${path.split('?')[0]}`;
    return this.health.call(what, this.config.timeout, async (signal) => {
      const headers = await this.headers();
      if (json !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          signal,
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new AlertmanagerError(
          `${this.name}: could not ${what} at ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        );
      }
      const text = await readBounded(response);
      if (!response.ok)
        throw new AlertmanagerError(
          `${this.name}: ${what} answered HTTP ${response.status}${text ? `: ${text.slice(0, 300).trim()}` : ''}`,
        );
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new AlertmanagerError(`${this.name}: ${what} answered something that is not JSON`);
      }
    });
  }
}

async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new AlertmanagerError(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
