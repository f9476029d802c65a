// One Unleash Admin API call: the token as the Authorization header, a deadline per call, errors
// that name the method, the endpoint and the status (never the token). Writes are never retried
// here: the kill switch that could not be applied says so and is retried only when a person asks.
import { fetchFailureCause } from '../fetch-failure-cause';
import { FlagNotFound, FlagsUnavailable } from '../../core/flags/flags-backend';

export interface UnleashAdminApiOptions {
  /** The server's base URL, e.g. https://unleash.example.com (may carry a path prefix). */
  url: string;
  /** The admin API token, read when a call is made (from the connection's secret). */
  token: () => Promise<string>;
  /** Per call; a hung server fails the call instead of hanging the room. */
  timeoutMs?: number;
}

/** The shapes of the Admin API this backend reads (Unleash 6.x), only the fields it uses. */
export interface UnleashConstraint {
  contextName: string;
  operator: string;
  values?: string[];
  value?: string;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface UnleashVariant {
  name: string;
  /** Out of 1000. */
  weight: number;
  payload?: { type: string; value: string };
}

export interface UnleashStrategy {
  id: string;
  name: string;
  title?: string | null;
  disabled?: boolean | null;
  constraints?: UnleashConstraint[];
  parameters?: Record<string, string>;
  variants?: UnleashVariant[];
  segments?: number[];
  sortOrder?: number;
}

export interface UnleashFeatureEnvironment {
  name: string;
  enabled: boolean;
  strategies: UnleashStrategy[];
  variants?: UnleashVariant[];
}

export interface UnleashFeature {
  name: string;
  project: string;
  description?: string | null;
  createdBy?: { name?: string } | null;
  environments: UnleashFeatureEnvironment[];
  variants?: UnleashVariant[];
}

export interface UnleashEvent {
  id: number;
  type: string;
  createdBy: string;
  createdAt: string;
  environment?: string | null;
}

/** The status of a failed answer, for callers that treat 404 and 409 apart. */
export class UnleashHttpError extends FlagsUnavailable {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** One line of an error answer, short: Unleash's `{message}` or `{details:[{message}]}`, or the text. */
function answerText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; details?: { message?: unknown }[] };
    const detail = parsed.details?.[0]?.message;
    const text =
      typeof detail === 'string' ? detail : typeof parsed.message === 'string' ? parsed.message : body;
    return text.slice(0, 300);
  } catch {
    return body.replace(/\s+/g, ' ').trim().slice(0, 300);
  }
}

export class UnleashAdminApi {
  private readonly base: URL;
  private readonly timeoutMs: number;

  constructor(private readonly options: UnleashAdminApiOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const endpoint = `${method} ${path}`;
    const url = new URL(path.replace(/^\//, ''), this.base);
    let answer: Response;
    let text: string;
    try {
      const token = await this.options.token();
      const signal = AbortSignal.timeout(this.timeoutMs);
      answer = await fetch(url, {
        method,
        headers: {
          authorization: token,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      text = await answer.text();
    } catch (error) {
      // A deadline surfaces as a TimeoutError, its cause an abort: say what happened.
      const why =
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : fetchFailureCause(error);
      throw new FlagsUnavailable(
        `Unleash at ${this.base.origin} did not answer ${endpoint}: ${why === 'timed out' ? `timed out after ${this.timeoutMs} ms` : why}`,
      );
    }
    if (answer.status === 404) throw new FlagNotFound(`Unleash has no ${path} (${endpoint}: HTTP 404)`);
    if (!answer.ok) {
      const hint =
        answer.status === 401 || answer.status === 403 ? ' (check the connection’s admin API token)' : '';
      throw new UnleashHttpError(
        `Unleash refused ${endpoint}: HTTP ${answer.status}: ${answerText(text)}${hint}`,
        answer.status,
      );
    }
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FlagsUnavailable(`Unleash answered ${endpoint} with something other than JSON`);
    }
  }

  async projects(): Promise<string[]> {
    const answer = (await this.call('GET', '/api/admin/projects')) as { projects?: { id: string }[] };
    return (answer.projects ?? []).map((p) => p.id);
  }

  async featureNames(project: string): Promise<string[]> {
    const answer = (await this.call('GET', `/api/admin/projects/${enc(project)}/features`)) as {
      features?: { name: string }[];
    };
    return (answer.features ?? []).map((f) => f.name);
  }

  feature(project: string, key: string): Promise<UnleashFeature> {
    return this.call(
      'GET',
      `/api/admin/projects/${enc(project)}/features/${enc(key)}`,
    ) as Promise<UnleashFeature>;
  }

  /** The feature's tags, as `type:value`. */
  async tags(key: string): Promise<{ type: string; value: string }[]> {
    const answer = (await this.call('GET', `/api/admin/features/${enc(key)}/tags`)) as {
      tags?: { type: string; value: string }[];
    };
    return answer.tags ?? [];
  }

  /** The feature's events, newest first. */
  async events(key: string): Promise<UnleashEvent[]> {
    const answer = (await this.call('GET', `/api/admin/events/${enc(key)}`)) as { events?: UnleashEvent[] };
    return answer.events ?? [];
  }

  async switchEnvironment(project: string, key: string, environment: string, on: boolean): Promise<void> {
    await this.call(
      'POST',
      `/api/admin/projects/${enc(project)}/features/${enc(key)}/environments/${enc(environment)}/${on ? 'on' : 'off'}`,
    );
  }

  async addStrategy(
    project: string,
    key: string,
    environment: string,
    strategy: Omit<UnleashStrategy, 'id'>,
  ) {
    await this.call(
      'POST',
      `/api/admin/projects/${enc(project)}/features/${enc(key)}/environments/${enc(environment)}/strategies`,
      strategy,
    );
  }

  async updateStrategy(project: string, key: string, environment: string, strategy: UnleashStrategy) {
    const { id, ...body } = strategy;
    await this.call(
      'PUT',
      `/api/admin/projects/${enc(project)}/features/${enc(key)}/environments/${enc(environment)}/strategies/${enc(id)}`,
      body,
    );
  }
}

const enc = encodeURIComponent;
