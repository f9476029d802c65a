// A local server that speaks the Kubernetes REST API for Argo Rollouts' resources (Rollouts,
// AnalysisRuns) and the ReplicaSets they own, over TLS with a throwaway CA, so the Argo Rollouts adapter
// and @kubernetes/client-node are tested against the API's real shape: list with resourceVersion, watch
// as chunked JSON events with bookmarks and 410 after compaction, merge and JSON patches on the main
// resource and the status subresource, the 401/403/404/409/415/422 answers a cluster gives, word for word.
// No cluster runs on this machine; this is the closest honest stand-in, and it says so in the README.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import {
  applyJsonPatch,
  applyMergePatch,
  decodeJsonPatch,
  JsonPatchApplyError,
  JsonPatchDecodeError,
} from './json-patches';
import { writeKubeconfigFile, type KubeconfigContext } from './kubeconfig-file';
import {
  apiVersionOf,
  KubeObjectStore,
  RESOURCE_TYPES,
  type KubeObject,
  type KubeResource,
  type ResourceType,
} from './kube-object-store';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './kube-selectors';
import * as statuses from './kube-status';
import type { KubeStatus } from './kube-status';
import { WatchStreams, eventFor, type WatchEvent, type WatchSpec } from './kube-watch-streams';
import { makeLoopbackCa, sharedLoopbackCa, type IssuedCert } from './throwaway-ca';

export type { KubeObject, KubeMetadata, KubeResource } from './kube-object-store';
export type { KubeconfigContext, KubeconfigUser } from './kubeconfig-file';
export { writeExecCredentialScript } from './kubeconfig-file';
export type { KubeStatus } from './kube-status';

export interface KubeApiServerOptions {
  /** Bearer token → user name. */
  tokens?: Record<string, string>;
  /** Ask clients for a certificate; one signed by the server's CA authenticates as its CN. */
  clientCerts?: boolean;
  /** How often a watch that allows bookmarks gets one (a real server: about a minute). */
  bookmarkEveryMs?: number;
  /** Namespaces that exist from the start (more appear as objects are seeded into them). */
  namespaces?: string[];
  /** A CA of its own instead of the one every test server of this process shares (another cluster's trust root). */
  ownCa?: boolean;
}

export type RbacVerb = 'list' | 'watch' | 'get' | 'patch' | 'update';
export type RbacResource = KubeResource | 'rollouts/status' | 'analysisruns/status' | 'replicasets/status';

export interface ForbidRule {
  verb: RbacVerb;
  resource: RbacResource;
  /** Only requests in this namespace; without it, every namespace and the cluster scope. */
  namespace?: string;
  /** Only cluster-wide requests (a list across all namespaces), as a user with namespaced roles only. */
  scope?: 'cluster';
  /** Only this user; without it, everyone. */
  user?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  /** The body parsed as JSON (undefined when empty or not JSON). */
  body?: unknown;
  rawBody?: string;
  /** The answer's status; 0 for a watch held back by a stall and not answered (yet). */
  status: number;
  user?: string;
}

export interface KubeApiServer {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The CA's certificate (PEM) a kubeconfig trusts. */
  caFile: string;
  /** The server's temp folder (certificates, keys); removed by close(). */
  dir: string;
  issueClientCert(user: string, groups?: string[]): IssuedCert;
  writeKubeconfig(path: string, contexts: KubeconfigContext[], currentContext?: string): void;

  seed(objects: KubeObject[]): void;
  create(obj: KubeObject): KubeObject;
  get(resource: KubeResource, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Changes an object as the controller would (spec and status), with resourceVersion and generation moving as due. */
  update(
    resource: KubeResource,
    namespace: string | undefined,
    name: string,
    mutate: (obj: KubeObject) => void,
  ): KubeObject;
  remove(resource: KubeResource, namespace: string | undefined, name: string): KubeObject;
  /** The global resourceVersion now (etcd's revision). */
  resourceVersion(): number;

  /** Whether `resource` has a status subresource (Rollouts: yes; AnalysisRuns: no, as Argo's CRDs declare). */
  setStatusSubresource(resource: 'rollouts' | 'analysisruns', enabled: boolean): void;
  /** Denies matching requests with the API server's 403; returns a function lifting this rule. */
  forbid(rule: ForbidRule): () => void;
  allowAll(): void;

  /** Forgets history up to now: watches and exact lists from an older resourceVersion get 410 Gone. */
  compact(): void;
  /** Ends every open watch stream cleanly. */
  dropWatches(): void;
  /** Keeps streams open but sends nothing (no events, no bookmarks) until turned off. */
  stallWatches(on: boolean): void;
  /** Stops answering (listener closed, sockets destroyed, state kept); back on the same port when false. */
  setDown(down: boolean): Promise<void>;
  openWatches(): number;

  requests: RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

const MAX_BODY = 3 * 1024 * 1024;
const MERGE_PATCH = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/** What a request asks for, as the apiserver's RequestInfo resolves it. */
interface RequestInfo {
  verb: 'get' | 'list' | 'watch' | 'patch' | 'update';
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

class Answer extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
}

const groupResource = (t: ResourceType) => ({ group: t.group, resource: t.resource });

function resolve(method: string, path: string, query: URLSearchParams): RequestInfo | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  let type: ResourceType | undefined;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    type = RESOURCE_TYPES.namespaces;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    const [group, version] = [parts[1], parts[2]];
    rest = parts.slice(3);
    const resourceAt = rest[0] === 'namespaces' ? 2 : 0;
    type = Object.values(RESOURCE_TYPES).find(
      (t) => t.group === group && t.version === version && t.resource === rest[resourceAt],
    );
  } else return undefined;
  if (!type) return undefined;
  let namespace: string | undefined;
  let name: string | undefined;
  let subresource: string | undefined;
  if (type.resource === 'namespaces') {
    if (rest[0] !== 'namespaces' || rest.length > 2) return undefined;
    name = rest[1];
    namespace = name;
  } else if (rest[0] === 'namespaces') {
    [, namespace, , name, subresource] = rest;
    if (rest.length > 5 || !namespace) return undefined;
  } else {
    if (rest.length > 1) return undefined;
  }
  const watching = query.get('watch') === '1' || query.get('watch') === 'true';
  const verb =
    method === 'GET'
      ? name
        ? 'get'
        : watching
          ? 'watch'
          : 'list'
      : method === 'PATCH'
        ? 'patch'
        : method === 'PUT'
          ? 'update'
          : undefined;
  if (!verb) return undefined;
  if ((verb === 'patch' || verb === 'update') && !name) return undefined;
  return { verb, type, namespace, name, subresource };
}

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

function parseJson(raw: string, what: 'patch' | 'object'): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new Answer(statuses.badRequest(`error decoding ${what}: ${(error as Error).message}`));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body as text, up to the API server's 3 MiB limit (past it, only that it was too large). */
function readBody(req: IncomingMessage): Promise<{ raw: string; tooLarge: boolean }> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      resolveBody({
        raw: size <= MAX_BODY ? Buffer.concat(chunks).toString('utf8') : '',
        tooLarge: size > MAX_BODY,
      }),
    );
    req.on('error', reject);
  });
}

export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-api-server-'));
  const { ca, serverCert } = options.ownCa ? makeLoopbackCa(dir) : sharedLoopbackCa();
  // The CA certificate a kubeconfig names lives in this server's folder, whichever CA signed.
  const caFile = join(dir, 'ca.crt');
  copyFileSync(ca.caFile, caFile);
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const store = new KubeObjectStore();
  for (const ns of options.namespaces ?? ['default', 'kube-system']) store.ensureNamespace(ns);
  const watches = new WatchStreams(options.bookmarkEveryMs ?? 60_000, () => store.resourceVersion);
  store.subscribe((change) => watches.publish(change));
  let rules: ForbidRule[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const authenticate = (req: IncomingMessage): string | undefined => {
    const socket = req.socket as TLSSocket;
    if (options.clientCerts && socket.authorized) {
      const cn = socket.getPeerCertificate()?.subject?.CN;
      if (typeof cn === 'string' && cn) return cn;
    }
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    return bearer !== undefined ? tokens.get(bearer) : undefined;
  };

  // Namespaces are cluster-scoped: a rule's namespace never narrows a request about namespaces.
  const scopeOf = (info: RequestInfo) => (info.type.namespaced ? info.namespace : undefined);

  const authorize = (info: RequestInfo, user: string) => {
    const resource = info.subresource ? `${info.type.resource}/${info.subresource}` : info.type.resource;
    const denied = rules.some(
      (r) =>
        r.verb === info.verb &&
        r.resource === resource &&
        (r.user === undefined || r.user === user) &&
        (r.scope === 'cluster'
          ? scopeOf(info) === undefined
          : r.namespace === undefined || r.namespace === scopeOf(info)),
    );
    if (denied)
      throw new Answer(
        statuses.forbidden({
          user,
          verb: info.verb,
          group: info.type.group,
          resource: info.type.resource,
          subresource: info.subresource,
          namespace: info.namespace,
          name: info.name,
        }),
      );
  };

  /** SelfSubjectAccessReview: what `kubectl auth can-i` asks, judged by the same rules as requests. */
  const accessReview = (body: unknown, user: string) => {
    const spec = (body as { spec?: { resourceAttributes?: Record<string, string> } } | undefined)?.spec;
    const a = spec?.resourceAttributes ?? {};
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : (a.resource ?? '');
    const denied = rules.some(
      (r) =>
        r.verb === a.verb &&
        r.resource === resource &&
        (r.user === undefined || r.user === user) &&
        (r.scope === 'cluster' ? !a.namespace : r.namespace === undefined || r.namespace === a.namespace),
    );
    return {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec,
      status: denied
        ? { allowed: false, denied: true, reason: 'denied by a forbid rule of the test server' }
        : { allowed: true, reason: 'allowed by the test server' },
    };
  };

  const listFilter = (info: RequestInfo, query: URLSearchParams) => {
    try {
      const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
      const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined);
      const inNamespace = info.type.namespaced ? info.namespace : undefined;
      return (o: KubeObject) =>
        (inNamespace === undefined || o.metadata.namespace === inNamespace) && labels(o) && fields(o);
    } catch (error) {
      if (error instanceof SelectorError) throw new Answer(statuses.badRequest(error.message));
      throw error;
    }
  };

  const parseRv = (value: string | null): number | undefined => {
    if (value === null || value === '' || value === '0') return undefined;
    if (!/^[0-9]+$/.test(value)) throw new Answer(statuses.badRequest(`invalid resource version: ${value}`));
    const rv = Number(value);
    if (rv > store.resourceVersion)
      throw new Answer(statuses.tooLargeResourceVersion(rv, store.resourceVersion));
    return rv;
  };

  // A built-in resource's list items come without kind and apiVersion; a custom resource's keep them.
  const listItem = (type: ResourceType, o: KubeObject) => {
    if (type.custom) return o;
    const { kind: _k, apiVersion: _a, ...bare } = o;
    return bare;
  };

  const list = (info: RequestInfo, query: URLSearchParams) => {
    const matches = listFilter(info, query);
    let atRv: number | undefined;
    let after: string | undefined;
    const token = query.get('continue');
    if (token) {
      let decoded: { rv?: unknown; after?: unknown };
      try {
        decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof decoded;
      } catch {
        throw new Answer(
          statuses.badRequest('continue key is not valid: incorrect encoded start resourceVersion'),
        );
      }
      if (typeof decoded.rv !== 'number' || typeof decoded.after !== 'string')
        throw new Answer(statuses.badRequest('continue key is not valid'));
      if (decoded.rv < store.compactedRv) throw new Answer(statuses.continueExpired());
      atRv = decoded.rv;
      after = decoded.after;
    } else {
      const rv = parseRv(query.get('resourceVersion'));
      if (rv !== undefined && query.get('resourceVersionMatch') === 'Exact') {
        if (rv < store.compactedRv) throw new Answer(statuses.listExpired());
        atRv = rv;
      }
    }
    const listRv = atRv ?? store.resourceVersion;
    const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    let items = store
      .list(info.type.resource, undefined, atRv)
      .filter(matches)
      .filter((o) => after === undefined || keyOf(o) > after);
    const limit = Number(query.get('limit') ?? '0');
    const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
    if (limit > 0 && items.length > limit) {
      const remaining = items.length - limit;
      items = items.slice(0, limit);
      const last = items[items.length - 1] as KubeObject;
      metadata.continue = Buffer.from(JSON.stringify({ rv: listRv, after: keyOf(last) })).toString(
        'base64url',
      );
      metadata.remainingItemCount = remaining;
    }
    return {
      apiVersion: apiVersionOf(info.type),
      kind: info.type.listKind,
      metadata,
      items: items.map((o) => listItem(info.type, o)),
    };
  };

  const watch = (info: RequestInfo, query: URLSearchParams, res: ServerResponse) => {
    const matches = listFilter(info, query);
    const timeout = query.get('timeoutSeconds');
    const spec: WatchSpec = {
      type: info.type,
      matches,
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      ...(timeout !== null ? { timeoutSeconds: Number(timeout) } : {}),
    };
    const requested = query.get('resourceVersion');
    const rv = parseRv(requested);
    const initial: WatchEvent[] = [];
    const sendInitial = query.get('sendInitialEvents') === 'true';
    if (rv === undefined || sendInitial) {
      // No resourceVersion (or 0): the current state as ADDED events, then what follows.
      for (const o of store.list(info.type.resource).filter(matches))
        initial.push({ type: 'ADDED', object: o });
      if (sendInitial && spec.bookmarks)
        initial.push(watches.bookmark(info.type, { 'k8s.io/initial-events-end': 'true' }));
    } else {
      const history = store.eventsAfter(info.type.resource, rv);
      if (!history) {
        watches.refuse(res, { type: 'ERROR', object: statuses.watchExpired(rv, store.compactedRv) });
        return;
      }
      for (const change of history) {
        const event = eventFor(spec, change);
        if (event) initial.push(event);
      }
    }
    watches.start(res, spec, initial);
  };

  const current = (info: RequestInfo): KubeObject => {
    const found = store.get(info.type.resource, info.namespace, info.name as string);
    if (!found) throw new Answer(statuses.notFound(groupResource(info.type), info.name as string));
    return found;
  };

  const checkWritable = (info: RequestInfo, previous: KubeObject, next: unknown): KubeObject => {
    const name = info.name as string;
    if (!isObject(next) || !isObject(next.metadata))
      throw new Answer(statuses.badRequest("Object 'Kind' is missing in the request body"));
    const candidate = next as unknown as KubeObject;
    if (candidate.metadata.name !== undefined && candidate.metadata.name !== name)
      throw new Answer(
        statuses.badRequest(
          `the name of the object (${String(candidate.metadata.name)}) does not match the name on the URL (${name})`,
        ),
      );
    const rv = candidate.metadata.resourceVersion;
    if (rv !== undefined && rv !== null && rv !== '' && rv !== previous.metadata.resourceVersion)
      throw new Answer(statuses.conflict(groupResource(info.type), name));
    return candidate;
  };

  const patch = (info: RequestInfo, contentType: string, raw: string): KubeObject => {
    const accepted = info.type.custom
      ? [JSON_PATCH, MERGE_PATCH]
      : [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];
    if (!accepted.includes(contentType)) throw new Answer(statuses.unsupportedMediaType(accepted));
    const previous = current(info);
    const body = parseJson(raw, 'patch');
    let next: unknown;
    if (contentType === JSON_PATCH) {
      try {
        next = applyJsonPatch(previous, decodeJsonPatch(body));
      } catch (error) {
        if (error instanceof JsonPatchDecodeError) throw new Answer(statuses.badRequest(error.message));
        if (error instanceof JsonPatchApplyError) throw new Answer(statuses.patchNotApplicable());
        throw error;
      }
    } else {
      // A strategic merge patch (built-in resources only) is read as a merge patch: lists are replaced
      // rather than merged by key, which no request of the adapter depends on.
      if (!isObject(body)) throw new Answer(statuses.badRequest('a merge patch must be a JSON object'));
      next = applyMergePatch(previous, body);
    }
    const candidate = checkWritable(info, previous, next);
    return store.write(info.type.resource, info.namespace, info.name as string, candidate, statusOnly(info));
  };

  const update = (info: RequestInfo, raw: string): KubeObject => {
    const body = parseJson(raw, 'object');
    const previous = current(info);
    const candidate = checkWritable(info, previous, body);
    const rv = candidate.metadata.resourceVersion;
    if ((rv === undefined || rv === '') && info.type.custom)
      throw new Answer(
        statuses.invalid(
          groupResource(info.type),
          info.name as string,
          'metadata.resourceVersion',
          'Invalid value: 0x0: must be specified for an update',
        ),
      );
    return store.write(info.type.resource, info.namespace, info.name as string, candidate, statusOnly(info));
  };

  const statusOnly = (info: RequestInfo) => (info.subresource === 'status' ? 'status' : undefined);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const { raw, tooLarge } = await readBody(req);
    const contentType = req.headers['content-type'];
    let parsedBody: unknown;
    try {
      parsedBody = raw ? JSON.parse(raw) : undefined;
    } catch {
      parsedBody = undefined;
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(contentType ? { contentType } : {}),
      ...(raw ? { rawBody: raw, body: parsedBody } : {}),
      status: 0,
    };
    let recorded = false;
    const noteRequest = (code: number) => {
      record.status = code;
      if (!recorded) requests.push(record);
      recorded = true;
    };
    const reply = (code: number, body: unknown) => {
      noteRequest(code);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(code, {
        'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-cache, private',
      });
      res.end(text);
    };
    try {
      // Version and health are public, as system:public-info-viewer makes them on a cluster.
      if (req.method === 'GET' && url.pathname === '/version') return reply(200, VERSION);
      if (req.method === 'GET' && ['/healthz', '/livez', '/readyz'].includes(url.pathname))
        return reply(200, 'ok');
      const user = authenticate(req);
      if (user === undefined) throw new Answer(statuses.unauthorized());
      record.user = user;
      if (tooLarge) throw new Answer(statuses.requestEntityTooLarge(MAX_BODY));
      if (req.method === 'POST' && url.pathname === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')
        return reply(201, accessReview(parsedBody, user));
      const info = resolve(req.method ?? 'GET', url.pathname, url.searchParams);
      if (!info) {
        if (url.pathname.startsWith('/api')) {
          const known = resolve('GET', url.pathname, new URLSearchParams());
          throw new Answer(known ? statuses.methodNotAllowed() : statuses.noSuchResource());
        }
        return reply(404, '404 page not found');
      }
      authorize(info, user);
      // A subresource the resource does not have is not there at all (how kubectl-argo-rollouts knows to fall back).
      if (
        info.subresource &&
        (info.subresource !== 'status' || !store.hasStatusSubresource(info.type.resource))
      )
        throw new Answer(statuses.notFound(groupResource(info.type), info.name as string));
      switch (info.verb) {
        case 'list':
          return reply(200, list(info, url.searchParams));
        case 'watch':
          // Checked now (a bad selector is answered at once); started when no stall holds it back,
          // recorded at once with status 0 while it waits for no answer.
          listFilter(info, url.searchParams);
          noteRequest(0);
          return watches.whenFlowing(res, () => {
            try {
              watch(info, url.searchParams, res);
              noteRequest(200);
            } catch (error) {
              if (!(error instanceof Answer)) throw error;
              reply(error.status.code, error.status);
            }
          });
        case 'get':
          return reply(200, current(info));
        case 'patch':
          return reply(200, patch(info, mediaType(contentType), raw));
        case 'update':
          return reply(200, update(info, raw));
      }
    } catch (error) {
      if (error instanceof Answer) return reply(error.status.code, error.status);
      return reply(500, statuses.internalError((error as Error).stack ?? String(error)));
    }
  };

  const server: Server = createServer({
    key: readFileSync(serverCert.keyFile),
    cert: readFileSync(serverCert.certFile),
    ca: readFileSync(caFile),
    requestCert: options.clientCerts === true,
    rejectUnauthorized: false,
  });
  // A request cut off mid-body (a client gone, setDown) has nobody left to answer.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);

  const listen = (port: number) =>
    new Promise<number>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.removeListener('error', reject);
        const address = server.address();
        resolveListen(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  let down = false;

  const stop = () =>
    new Promise<void>((resolveStop) => {
      watches.abandonAll();
      server.close(() => resolveStop());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });

  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    port,
    caFile,
    dir,
    issueClientCert: (user, groups) => ca.issueClientCert(user, groups, dir),
    writeKubeconfig: (path, contexts, currentContext) =>
      writeKubeconfigFile(path, { server: url, certificateAuthority: caFile }, contexts, currentContext),
    seed: (objects) => objects.forEach((o) => store.create(o)),
    create: (obj) => store.create(obj),
    get: (resource, namespace, name) => store.get(resource, namespace, name),
    update: (resource, namespace, name, mutate) => store.update(resource, namespace, name, mutate),
    remove: (resource, namespace, name) => store.remove(resource, namespace, name),
    resourceVersion: () => store.resourceVersion,
    setStatusSubresource: (resource, enabled) => store.setStatusSubresource(resource, enabled),
    forbid(rule) {
      rules.push(rule);
      return () => {
        rules = rules.filter((r) => r !== rule);
      };
    },
    allowAll() {
      rules = [];
    },
    compact: () => store.compact(),
    dropWatches: () => watches.dropAll(),
    stallWatches: (on) => watches.stall(on),
    async setDown(wanted) {
      if (wanted === down) return;
      down = wanted;
      if (wanted) await stop();
      else await listen(port);
    },
    openWatches: () => watches.count,
    requests,
    clearRequests() {
      requests.splice(0);
    },
    async close() {
      if (!down) await stop();
      down = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// What `kubectl version` reads; a recent minor, as the adapter would meet on a cluster today.
const VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0',
  gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
  gitTreeState: 'clean',
  buildDate: '2024-08-13T07:28:49Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};
