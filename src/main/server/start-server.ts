// Browser mode: the same API as Electron IPC, over HTTP (POST /api/<method>) and a WebSocket of
// change events (/api/events), plus the built renderer. Loopback-only by default. The app shell is
// public (it holds no secret); every API call needs a person's bearer token, which names who acts.
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply } from 'fastify';
import {
  EVENT_STREAM_AUTH_DEADLINE_MS,
  EVENT_STREAM_PATH,
  HTTP_STATUS_BY_CODE,
  type ApiEnvelope,
  type ApiErrorCode,
  type Invitation,
} from '../../shared/api';
import { ApiError } from '../core/api/api-error';
import { dispatchApiCall } from '../core/api/dispatch-api-call';
import type { ApiHandlers } from '../core/api/api-handlers';
import type { ControlRoom } from '../core/control-room';
import { ConnectionLimiter } from './connection-limiter';
import { serveEventSocket } from './event-socket';
import { InvitationBook, type Identity } from './invitation-book';
import { bearerToken, checkRequest, headerValues, originForm, type HostRules } from './request-guard';

/** Connection limits: unauthenticated and idle sockets are let go quickly. */
export interface ServerLimits {
  /** Sockets held at once; beyond it the oldest not signed in makes room. */
  maxConnections: number;
  /** A request's headers must all arrive within this (slow-header attacks). */
  headersTimeoutMs: number;
  /** A whole request must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  keepAliveTimeoutMs: number;
  /** A change stream must send its token within this. */
  authDeadlineMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  authDeadlineMs: EVENT_STREAM_AUTH_DEADLINE_MS,
};

export interface ServerOptions {
  /** Source of change events for the WebSocket. */
  room: Pick<ControlRoom, 'onChange'>;
  handlers: ApiHandlers;
  /** Who may come in from the start: each person gets a token and a join URL of their own. */
  invitations: readonly Identity[];
  /**
   * Writes an invitation made through the API (`session.invite`) to the audit log before it is
   * handed out; when this throws, no invitation is made.
   */
  recordInvitation?: (invitation: Identity, by: string) => void;
  host?: string;
  port?: number;
  /** The built renderer (out/renderer); the API still works without it. */
  staticDir?: string;
  /** Extra Host names to accept, for deliberate non-loopback use. */
  allowHosts?: string[];
  limits?: Partial<ServerLimits>;
}

export interface JoinInvitation extends Invitation {
  token: string;
}

export interface RunningServer {
  /** `http://host:port`, without any token. */
  origin: string;
  port: number;
  /** The start invitations, in the order given, with their join URLs. */
  invitations: JoinInvitation[];
  /** A token that is neither printed nor audited: the local CLI's, kept in server.json (0600). */
  issue(identity: Identity): JoinInvitation;
  /** Client sockets held open right now. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
const UNAUTHORIZED =
  'A valid access token is required: open your invitation URL (printed by `control-room serve` or `control-room invite`)';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
}

const isApiPath = (url: string): boolean => /^\/api(?:[/?]|$)/.test(url);

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  const code: ApiErrorCode = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'invalid-input';
  const body: ApiEnvelope<never> = { ok: false, error: { code, message } };
  // A refused client gets no keep-alive socket to sit on.
  void reply.header('connection', 'close');
  if (status === 401) void reply.header('www-authenticate', 'Bearer realm="control-room"');
  return reply.code(status).send(body);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const book = new InvitationBook();
  // Checked like any invitation (no name twice, none of the control room's own) before listening.
  const started = options.invitations.map((i) => book.invite(i));
  const limiter = new ConnectionLimiter(limits.maxConnections);
  const app = Fastify({
    logger: false,
    bodyLimit: 1_000_000,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks its header and request deadlines on this beat (default 30 s, too slow for a flood).
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1_000 },
    // Absolute-form targets (`GET http://host/path`) are routed by their path; their authority is checked below.
    rewriteUrl: (req: IncomingMessage) => originForm(req.url ?? '/'),
  });
  limiter.watch(app.server);
  const rules: HostRules = {
    port: 0,
    hostNames: [...new Set([...LOOPBACK_NAMES, host, ...(options.allowHosts ?? [])])].map((h) =>
      h.includes(':') && !h.startsWith('[') ? `[${h}]` : h.toLowerCase(),
    ),
  };

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  app.addHook('onRequest', async (request, reply) => {
    void reply.headers(SECURITY_HEADERS);
    const raw = request.raw;
    const verdict = checkRequest(rules, {
      hosts: headerValues(raw.rawHeaders, 'host'),
      target: request.originalUrl,
      origins: headerValues(raw.rawHeaders, 'origin'),
    });
    if (!verdict.ok) return refuse(reply, verdict.status, verdict.message);
    if (!isApiPath(request.url) && !request.routeOptions.url?.startsWith('/api')) return; // the app shell
    const token = bearerToken(request.headers.authorization);
    const identity = book.identify(token);
    if (identity) {
      request.identity = identity;
      limiter.prove(raw.socket);
      return;
    }
    // A browser cannot set headers on a WebSocket: the stream signs in with its first message.
    if (request.ws && token === undefined && request.url.split('?')[0] === EVENT_STREAM_PATH) return;
    return refuse(reply, 401, UNAUTHORIZED);
  });

  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    const body: ApiEnvelope<never> = {
      ok: false,
      error: {
        code: status < 500 ? 'invalid-input' : 'internal',
        message: status < 500 ? `Bad request: ${error.message ?? 'unreadable body'}` : 'Internal error',
      },
    };
    return reply.code(status).send(body);
  });

  let origin = ''; // known once listening
  const join = (issued: Identity & { token: string }): JoinInvitation => ({
    ...issued,
    url: `${origin}/#token=${issued.token}`,
  });
  const handlers: ApiHandlers = {
    ...options.handlers,
    'session.invite': (input, ctx) => {
      const issued = book.invite(input);
      try {
        options.recordInvitation?.(input, ctx.actor);
      } catch (error) {
        book.withdraw(issued.token);
        const why = error instanceof Error ? error.message : String(error);
        throw new ApiError('internal', `The invitation could not be audited (${why}); none was made.`);
      }
      const { name, role, url } = join(issued);
      return { name, role, url };
    },
  };

  app.post<{ Params: { method: string } }>('/api/:method', async (request, reply) => {
    const identity = request.identity;
    if (!identity) return refuse(reply, 401, UNAUTHORIZED); // fail closed, whatever routed here
    const envelope = await dispatchApiCall(handlers, request.params.method, request.body, {
      role: identity.role,
      actor: identity.name,
    });
    return reply.code(envelope.ok ? 200 : HTTP_STATUS_BY_CODE[envelope.error.code]).send(envelope);
  });

  app.get(EVENT_STREAM_PATH, { websocket: true }, (socket, request) => {
    serveEventSocket(socket, {
      identity: request.identity,
      identify: (token) => book.identify(token),
      onChange: (listener) => options.room.onChange(listener),
      onSignedIn: () => limiter.prove(request.raw.socket),
      authDeadlineMs: limits.authDeadlineMs,
    });
  });

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, index: 'index.html' });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain')
        .send('The renderer is not built: run `npm run build`. The API is at POST /api/<method>.'),
    );
  }

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  rules.port = port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  origin = `http://${urlHost}:${port}`;
  return {
    origin,
    port,
    invitations: started.map(join),
    issue: (identity) => join(book.issue(identity)),
    connections: () =>
      new Promise((resolve, reject) =>
        app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    close: () => app.close(),
  };
}
