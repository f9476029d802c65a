// `control-room serve`: browser mode. Prints the URL with its token; writes server.json (mode
// 0600) so the CLI on this machine finds the running control room and acts through it.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createControlRoom } from '../compose/create-control-room';
import { defaultWorkspaceDir } from '../core/workspace';
import { startServer } from '../server/start-server';
import { CliError } from './api-caller';

interface ServeOptions {
  port?: string;
  host?: string;
  workspace: string;
  speed?: string;
  seed?: string;
  actor?: string;
  allowHost?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, not "${value}"`);
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the control room in browser mode (loopback only, token required)')
    .option('--port <n>', 'port (default: config.yaml server.port, else a free one)')
    .option('--host <host>', 'address to bind (default 127.0.0.1; anything else exposes the control room)')
    .option('--allow-host <name...>', 'extra Host header names to accept (with a non-loopback --host)')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--speed <x>', 'simulated clock speed (1 = real time, 60 = a minute per second)')
    .option('--seed <n>', 'simulator seed')
    .option('--actor <name>', 'name recorded for actions taken in this control room')
    .action(async (options: ServeOptions) => {
      const speed = numberOption(options.speed, 'speed');
      const seed = numberOption(options.seed, 'seed');
      const running = await createControlRoom({
        workspaceDir: options.workspace,
        mode: 'browser',
        command: 'control-room serve',
        ...(speed !== undefined ? { speed } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(options.actor ? { actor: options.actor } : {}),
      });
      const host = options.host ?? running.config.server.host;
      const port = numberOption(options.port, 'port') ?? running.config.server.port;
      if (!LOOPBACK.has(host))
        process.stderr.write(`WARNING: binding ${host} exposes the control room beyond this machine.\n`);
      const stop = running.start();
      const server = await startServer({
        room: running.room,
        handlers: running.handlers,
        actor: running.actor,
        host,
        port,
        staticDir: join(dirname(fileURLToPath(import.meta.url)), '../renderer'),
        ...(options.allowHost ? { allowHosts: options.allowHost } : {}),
      });
      writeFileSync(
        running.workspace.serverInfoPath,
        JSON.stringify({ url: server.url, token: server.operatorToken, pid: process.pid }),
        { mode: 0o600 },
      );
      for (const notice of running.notices) process.stderr.write(`NOTE: ${notice}\n`);
      const storage = running.room.writer.state();
      if (storage.state === 'read-only')
        process.stderr.write(
          `WARNING: read-only: the audit log's chain is broken at seq ${storage.firstBrokenSeq}: ${storage.reason}\n`,
        );
      else if (storage.state === 'blocked') process.stderr.write(`WARNING: ${storage.reason}\n`);
      process.stdout.write(
        `Release Control Room (browser mode) on the ${running.room.session().backends.deployment}\n` +
          `  operator:  ${server.url}\n` +
          `  observer:  ${server.observerUrl}   (read-only)\n` +
          `  workspace: ${running.workspace.dir}\n`,
      );
      const shutdown = () => {
        stop();
        rmSync(running.workspace.serverInfoPath, { force: true });
        void server.close().then(() => {
          running.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
