// One kubeconfig context as an HTTPS client of the Kubernetes API. @kubernetes/client-node reads the
// kubeconfig and applies its credentials (bearer token, client certificate, exec plugin); the requests
// themselves are made here so every PATCH has exactly the path, content type and body we mean, every
// call has a deadline on the connection's health line, and the API server's Status is kept in words.
import { readFileSync } from 'node:fs';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parseDocument } from 'yaml';
import type { ConnectionHealth } from '../../core/connections/connection-health';

/** The API server's answer to a failed call: its Status object's code, reason and message. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface KubeStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

/** A Kubernetes object as the API returns it: what the adapter reads is checked where it is read. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid: string; kind: string; name: string; controller?: boolean }[];
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface KubeList {
  metadata: { resourceVersion?: string };
  items: KubeObject[];
}

/** A kubeconfig error says which file, and for YAML where in it. */
export class KubeconfigError extends Error {}

export interface LoadedKubeconfig {
  config: KubeConfig;
  path: string;
  context: string;
  server: string;
  /** The context's default namespace, if it names one. */
  namespace?: string;
}

export function kubeconfigPath(configured: string | undefined, workspaceDir: string): string {
  if (configured === undefined) return join(homedir(), '.kube', 'config');
  if (configured.startsWith('~/')) return join(homedir(), configured.slice(2));
  return isAbsolute(configured) ? configured : resolve(workspaceDir, configured);
}

/** Reads the kubeconfig and selects the context: the named one, or its current-context. */
export function loadKubeconfig(path: string, context: string | undefined): LoadedKubeconfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KubeconfigError(`cannot read kubeconfig ${path}: ${(error as Error).message}`);
  }
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0];
    throw new KubeconfigError(
      `${path}${where ? `:${where.line}:${where.col}` : ''}: not valid YAML: ${first.message.split('\n')[0]}`,
    );
  }
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
  } catch (error) {
    throw new KubeconfigError(`${path}: not a kubeconfig: ${(error as Error).message}`);
  }
  config.makePathsAbsolute(dirname(path));
  const names = config.getContexts().map((c) => c.name);
  const chosen = context ?? config.getCurrentContext();
  if (!chosen)
    throw new KubeconfigError(
      `${path} has no current-context: name one with context: (it has ${names.join(', ') || 'none'})`,
    );
  if (!names.includes(chosen))
    throw new KubeconfigError(`${path} has no context "${chosen}" (it has ${names.join(', ') || 'none'})`);
  config.setCurrentContext(chosen);
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`${path}: context "${chosen}" names no cluster that the file has`);
  const namespace = config.getContextObject(chosen)?.namespace;
  return {
    config,
    path,
    context: chosen,
    server: cluster.server.replace(/\/+$/, ''),
    ...(namespace ? { namespace } : {}),
  };
}

/**
 * The API server's message, made legible: RBAC refusals read "forbidden: cannot patch
 * rollouts/status in namespace shop", whoever the user is.
 */
export function statusText(code: number, status: KubeStatus | undefined, fallback: string): string {
  const message = status?.message ?? fallback;
  if (code === 403) {
    const rbac =
      /cannot (\w+) resource "([^"]+)"(?: in API group "[^"]*")? (?:in the namespace "([^"]+)"|at the cluster scope)/.exec(
        message,
      );
    const user = /User "([^"]+)"/.exec(message)?.[1];
    if (rbac)
      return `forbidden: cannot ${rbac[1]} ${rbac[2]} ${rbac[3] ? `in namespace ${rbac[3]}` : 'at the cluster scope'}${user ? ` (as ${user})` : ''}`;
    return `forbidden: ${message}`;
  }
  if (code === 401)
    return `unauthorized: the API server refused the credentials (expired or revoked?): ${message}`;
  return message;
}

function connectionErrorText(server: string, error: NodeJS.ErrnoException): string {
  const why =
    error.code === 'ECONNREFUSED'
      ? 'connection refused'
      : error.code === 'ENOTFOUND'
        ? 'no such host'
        : error.code === 'CERT_HAS_EXPIRED'
          ? "the server's certificate has expired"
          : error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
            ? `its certificate is not signed by the kubeconfig's certificate authority (${error.code})`
            : error.message;
  return `cannot reach ${server}: ${why}`;
}

export interface RequestOptionsIn {
  body?: unknown;
  contentType?: string;
  query?: Record<string, string>;
  /** For long-lived requests (watches) only. */
  unref?: boolean;
}

export class KubeClient {
  constructor(
    readonly kubeconfig: LoadedKubeconfig,
    readonly health: ConnectionHealth,
    private readonly timeoutMs: number,
  ) {}

  get server(): string {
    return this.kubeconfig.server;
  }

  /** One API call with the connection's deadline; rejects with KubeApiError on a Status answer. */
  request<T>(method: string, path: string, options: RequestOptionsIn = {}): Promise<T> {
    return this.health
      .call(`${method} ${path}`, this.timeoutMs, async (signal) => {
        const response = await this.open(method, path, options, signal);
        const text = await readAll(response);
        const code = response.statusCode ?? 0;
        if (code >= 200 && code < 300) return { value: (text ? JSON.parse(text) : {}) as T };
        const failure = this.failure(code, text);
        // The API server answered (forbidden, not found, conflict): it is reachable; the caller hears why.
        if (answered(code)) return { failure };
        throw failure;
      })
      .then((outcome) => {
        if ('failure' in outcome) throw outcome.failure;
        return outcome.value;
      });
  }

  /**
   * A watch: calls `onLine` with every line of the stream until it ends (resolves) or fails
   * (rejects; a refused watch with KubeApiError). `signal` ends it from our side.
   */
  async stream(
    path: string,
    query: Record<string, string>,
    onLine: (line: string) => void,
    signal: AbortSignal,
    onOpen: () => void,
  ): Promise<void> {
    // A watch never keeps the process alive by itself: a command exits once it is done.
    const response = await this.health.call(`watch ${path}`, this.timeoutMs, () =>
      this.open('GET', path, { query, unref: true }, signal),
    );
    const code = response.statusCode ?? 0;
    if (code !== 200) {
      const failure = this.failure(code, await readAll(response));
      if (!answered(code)) this.health.failed(failure);
      throw failure;
    }
    onOpen();
    await new Promise<void>((resolvePromise, reject) => {
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) onLine(line);
          newline = buffered.indexOf('\n');
        }
      });
      response.on('end', () => {
        if (buffered.trim()) onLine(buffered.trim());
        resolvePromise();
      });
      // Ending it ourselves (a stall, a stop) is not the server's failure.
      response.on('error', (error) => (signal.aborted ? resolvePromise() : reject(error)));
      response.on('aborted', () =>
        signal.aborted ? resolvePromise() : reject(new Error('the API server ended the watch mid-stream')),
      );
      signal.addEventListener('abort', () => {
        response.destroy();
        resolvePromise();
      });
    });
  }

  private failure(code: number, text: string): KubeApiError {
    let status: KubeStatus | undefined;
    try {
      status = JSON.parse(text) as KubeStatus;
    } catch {
      status = undefined;
    }
    return new KubeApiError(
      code,
      status?.reason ?? String(code),
      statusText(code, status, text.slice(0, 300) || `HTTP ${code}`),
    );
  }

  private async open(
    method: string,
    path: string,
    options: RequestOptionsIn,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const requestOptions: RequestOptions = {
      method,
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      headers: {
        Accept: 'application/json',
        ...(body === undefined
          ? {}
          : {
              'Content-Type': options.contentType ?? 'application/json',
              'Content-Length': Buffer.byteLength(body),
            }),
      },
    };
    // The library applies the context's credentials: CA, client certificate, token, exec plugin.
    await this.kubeconfig.config.applyToHTTPSOptions(requestOptions);
    return new Promise<IncomingMessage>((resolvePromise, reject) => {
      const req = httpsRequest({ ...requestOptions, signal }, resolvePromise);
      if (options.unref) req.on('socket', (socket) => socket.unref());
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(signal.aborted ? new Error('cancelled') : new Error(connectionErrorText(this.server, error))),
      );
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/** Answers that say the request was refused, not that the server is down or the credentials bad. */
function answered(code: number): boolean {
  return code >= 400 && code < 500 && code !== 401 && code !== 408 && code !== 429;
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}
