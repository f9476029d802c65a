// How the CLI reaches a control room: over HTTP to a running one (--connect, or the one the
// workspace says is running), or in-process on the configured backends.
import { existsSync, readFileSync } from 'node:fs';
import type { ApiEnvelope, ApiInput, ApiMethod, ApiOutput } from '../../shared/api';
import { dispatchApiCall } from '../core/api/dispatch-api-call';
import { createControlRoom } from '../compose/create-control-room';
import { WorkspaceLocked } from '../core/persistence/workspace-lock';
import { workspacePaths } from '../core/workspace';

export interface ApiCaller {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiEnvelope<ApiOutput<M>>>;
  /** Where calls go, for messages. */
  describe: string;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function remoteCaller(url: string, token: string): ApiCaller {
  const base = new URL(url);
  return {
    describe: `the control room at ${base.origin}`,
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(new URL(`/api/${method}`, base.origin), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
      } catch (error) {
        const why =
          error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        throw new CliError(`Cannot reach ${base.origin}: ${why}`, 3);
      }
      const text = await response.text();
      try {
        return JSON.parse(text) as ApiEnvelope<never>;
      } catch {
        throw new CliError(
          `${base.origin} answered ${response.status} with something that is not the API: ${text.slice(0, 200)}`,
          3,
        );
      }
    },
  };
}

interface ServerInfo {
  url: string;
  token: string;
  pid: number;
}

function runningServer(serverInfoPath: string): ServerInfo | undefined {
  if (!existsSync(serverInfoPath)) return undefined;
  try {
    const info = JSON.parse(readFileSync(serverInfoPath, 'utf8')) as ServerInfo;
    process.kill(info.pid, 0); // throws when that process is gone
    return info;
  } catch {
    return undefined;
  }
}

export interface ConnectOptions {
  connect?: string;
  token?: string;
  workspace: string;
  actor?: string;
}

export async function openCaller(options: ConnectOptions): Promise<ApiCaller> {
  if (options.connect) {
    if (!options.token) throw new CliError('--connect needs --token (printed by `control-room serve`)');
    return remoteCaller(options.connect, options.token);
  }
  if (options.token) throw new CliError('--token goes with --connect URL');
  // Only looking for a running control room: the folder is opened (and checked) below if needed.
  const workspace = workspacePaths(options.workspace);
  const server = runningServer(workspace.serverInfoPath);
  if (server) return remoteCaller(server.url, server.token);
  const running = await openInProcess(options, workspace.serverInfoPath);
  if ('caller' in running) return running.caller;
  for (const notice of running.room.notices) process.stderr.write(`NOTE: ${notice}\n`);
  // Folds the world's journal and frees the workspace when the command is done.
  process.once('exit', () => running.room.close());
  return {
    describe: `the in-process ${running.room.room.session().backends.deployment} of ${workspace.dir} (no control room is running there)`,
    async call(method, input) {
      const answer = await dispatchApiCall(running.room.handlers, method, input, {
        role: 'operator',
        actor: running.room.actor,
      });
      return answer as never;
    },
  };
}

/** How long a command waits for another in-process command to finish with the workspace. */
const LOCK_WAIT_MS = 15_000;

async function openInProcess(
  options: ConnectOptions,
  serverInfoPath: string,
): Promise<{ room: Awaited<ReturnType<typeof createControlRoom>> } | { caller: ApiCaller }> {
  for (const started = Date.now(); ;) {
    try {
      return {
        room: await createControlRoom({
          workspaceDir: options.workspace,
          mode: 'cli',
          command: 'control-room CLI',
          ...(options.actor ? { actor: options.actor } : {}),
        }),
      };
    } catch (error) {
      if (!(error instanceof WorkspaceLocked)) throw error;
      // A control room that is just starting writes server.json once it listens: act through it.
      const server = runningServer(serverInfoPath);
      if (server) return { caller: remoteCaller(server.url, server.token) };
      if (Date.now() - started > LOCK_WAIT_MS) throw new CliError(error.message, 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
