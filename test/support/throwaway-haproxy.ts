// A throwaway HAProxy (Debian's haproxy) for integration tests: a generated config on free loopback
// ports, an admin stats socket in a temp dir, small HTTP servers as its backend's servers, stopped by
// pid and its dir removed after.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayServer {
  name: string;
  port: number;
  /** Makes the server's health check fail (503) or pass again. */
  setHealthy(healthy: boolean): void;
}

export interface ThrowawayHaproxy {
  socket: string;
  /** A second stats socket at operator level (below admin), when asked for. */
  operatorSocket?: string;
  frontendPort: number;
  servers: ThrowawayServer[];
  dir: string;
  pid: number;
  /** Sends `count` requests through the frontend; resolves with the server name that answered each. */
  load(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

export interface HaproxyOptions {
  backend?: string;
  servers: string[];
  /** The backend's `balance` line, e.g. `roundrobin` or `source`. */
  balance?: string;
  /** More lines for the backend section, e.g. `hash-type consistent`. */
  backendLines?: string[];
  /** Milliseconds between health checks. */
  checkInterMs?: number;
  /** Also open a stats socket at operator level, which may look but not set weights. */
  operatorSocket?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startBackendServer(name: string): Promise<{ server: Server } & ThrowawayServer> {
  let healthy = true;
  const server = createHttpServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(healthy ? 200 : 503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    name,
    port: (server.address() as AddressInfo).port,
    setHealthy: (h) => {
      healthy = h;
    },
  };
}

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`throwaway haproxy: ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startThrowawayHaproxy(options: HaproxyOptions): Promise<ThrowawayHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'crc-haproxy-'));
  const backends = await Promise.all(options.servers.map(startBackendServer));
  const frontendPort = await freePort();
  const socket = join(dir, 'admin.sock');
  const operatorSocket = options.operatorSocket ? join(dir, 'operator.sock') : undefined;
  const inter = options.checkInterMs ?? 200;
  const config = [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    ...(operatorSocket ? [`  stats socket ${operatorSocket} mode 600 level operator`] : []),
    '  stats timeout 10s',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 10s',
    '  timeout server 10s',
    // A check's answer may wait on a busy test process; without this it must come within `inter`.
    '  timeout check 2s',
    'frontend fe',
    `  bind 127.0.0.1:${frontendPort}`,
    `  default_backend ${options.backend ?? 'web'}`,
    `backend ${options.backend ?? 'web'}`,
    `  balance ${options.balance ?? 'roundrobin'}`,
    '  option httpchk GET /health',
    ...(options.backendLines ?? []).map((l) => `  ${l}`),
    ...backends.map(
      (b) => `  server ${b.name} 127.0.0.1:${b.port} check inter ${inter} fall 1 rise 1 weight 100`,
    ),
    '',
  ].join('\n');
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(configPath, config);
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    await waitFor('the stats socket to appear', () => existsSync(socket) || exited, 10_000);
    if (exited) throw new Error(`throwaway haproxy exited: ${stderr}`);
  } catch (error) {
    child.kill('SIGKILL');
    backends.forEach((b) => b.server.close());
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const pid = child.pid as number;
  return {
    socket,
    ...(operatorSocket ? { operatorSocket } : {}),
    frontendPort,
    dir,
    pid,
    servers: backends.map(({ name, port, setHealthy }) => ({ name, port, setHealthy })),
    load: async (count) => {
      const answers: string[] = [];
      for (let i = 0; i < count; i++) answers.push(await get(frontendPort));
      return answers;
    },
    stop: async () => {
      if (!exited) {
        process.kill(pid, 'SIGTERM');
        await waitFor('haproxy to stop', () => exited, 5_000).catch(() => process.kill(pid, 'SIGKILL'));
      }
      await Promise.all(backends.map((b) => new Promise((r) => b.server.close(r))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
