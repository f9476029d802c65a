// Browser mode: the same API as Electron IPC, over HTTP (POST /api/<method>) and a WebSocket of
// change events (/api/events), plus the built renderer. Loopback-only by default, token required.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyRequest } from 'fastify';
import { HTTP_STATUS_BY_CODE, type ApiEnvelope } from '../../shared/api';
import { dispatchApiCall } from '../core/api/dispatch-api-call';
import type { ApiHandlers } from '../core/api/api-handlers';
import type { ControlRoom } from '../core/control-room';
import { checkRequest, cookieName, type GuardConfig, type Role } from './request-guard';

export interface ServerOptions {
  /** Source of change events for the WebSocket. */
  room: Pick<ControlRoom, 'onChange'>;
  handlers: ApiHandlers;
  actor: string;
  host?: string;
  port?: number;
  /** The built renderer (out/renderer); the API still works without it. */
  staticDir?: string;
  operatorToken?: string;
  observerToken?: string;
  /** Extra Host names to accept, for deliberate non-loopback use. */
  allowHosts?: string[];
}

export interface RunningServer {
  url: string;
  observerUrl: string;
  port: number;
  operatorToken: string;
  observerToken: string;
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

const newToken = () => randomBytes(24).toString('base64url');

declare module 'fastify' {
  interface FastifyRequest {
    role?: Role;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const operatorToken = options.operatorToken ?? newToken();
  const observerToken = options.observerToken ?? newToken();
  const app = Fastify({ logger: false, bodyLimit: 1_000_000 });
  const guard: GuardConfig = {
    port: 0,
    allowedHostNames: [...new Set([...LOOPBACK_NAMES, host, ...(options.allowHosts ?? [])])].map((h) =>
      h.includes(':') && !h.startsWith('[') ? `[${h}]` : h.toLowerCase(),
    ),
    tokens: [
      { token: operatorToken, role: 'operator' },
      { token: observerToken, role: 'observer' },
    ],
  };

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const verdict = checkRequest(guard, {
      host: request.headers.host,
      origin: request.headers.origin,
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
      queryToken: typeof query?.token === 'string' ? query.token : undefined,
    });
    void reply.headers(SECURITY_HEADERS);
    if (!verdict.ok) {
      const body: ApiEnvelope<never> = {
        ok: false,
        error: { code: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.message },
      };
      return reply.code(verdict.status).send(body);
    }
    request.role = verdict.role;
    if (verdict.viaQuery)
      void reply.header(
        'set-cookie',
        `${cookieName(guard.port)}=${encodeURIComponent(verdict.token)}; Path=/; HttpOnly; SameSite=Strict`,
      );
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

  const roleOf = (request: FastifyRequest): Role => request.role ?? 'observer';

  app.post<{ Params: { method: string } }>('/api/:method', async (request, reply) => {
    const envelope = await dispatchApiCall(options.handlers, request.params.method, request.body, {
      role: roleOf(request),
      actor: options.actor,
    });
    return reply.code(envelope.ok ? 200 : HTTP_STATUS_BY_CODE[envelope.error.code]).send(envelope);
  });

  app.get('/api/events', { websocket: true }, (socket) => {
    const unsubscribe = options.room.onChange((event) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
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
  guard.port = port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const base = `http://${urlHost}:${port}`;
  return {
    url: `${base}/?token=${operatorToken}`,
    observerUrl: `${base}/?token=${observerToken}`,
    port,
    operatorToken,
    observerToken,
    close: () => app.close(),
  };
}
