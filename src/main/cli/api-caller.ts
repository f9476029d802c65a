// How the CLI reaches a control room: over HTTP to a running one (--connect, or the one the
// workspace says is running), or in-process on the configured backends.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ApiEnvelope, ApiInput, ApiMethod, ApiOutput } from '../../shared/api';
import { dispatchApiCall } from '../core/api/dispatch-api-call';
import { createControlRoom } from '../compose/create-control-room';
import { WorkspaceLocked } from '../core/persistence/workspace-lock';
import { workspacePaths } from '../core/workspace';
import { writeErr } from './terminal-text';

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
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CliError(`--connect "${url}" is not a URL; give the one \`control-room serve\` printed`);
  }
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
  tokenFile?: string;
  workspace: string;
  actor?: string;
}

/** A token, or the token in the fragment of a join URL (`http://…/#token=T`). */
function tokenFrom(text: string): string {
  const trimmed = text.trim();
  return /#token=([^&\s]+)/.exec(trimmed)?.[1] ?? trimmed;
}

function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`--token-file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const token = tokenFrom(text.split(/\r?\n/)[0] ?? '');
  if (token === '') throw new CliError(`--token-file ${path}: the first line is empty; put the token there`);
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
    process.stderr.write(
      `WARNING: --token-file ${path} can be read by other users; make it private with chmod 600.\n`,
    );
  return token;
}

/** The token for --connect: --token, else --token-file, else CONTROL_ROOM_TOKEN (neither shows in ps). */
function connectToken(options: ConnectOptions): string | undefined {
  if (options.token !== undefined && options.tokenFile !== undefined)
    throw new CliError('Give --token or --token-file, not both');
  if (options.tokenFile !== undefined) return readTokenFile(options.tokenFile);
  if (options.token !== undefined) return tokenFrom(options.token);
  const fromEnv = process.env.CONTROL_ROOM_TOKEN;
  return fromEnv ? tokenFrom(fromEnv) : undefined;
}

/** The running control room to act through: --connect with a token, or the one server.json names. */
export function runningRoomCaller(options: ConnectOptions): ApiCaller | undefined {
  if (options.connect) {
    const token = connectToken(options);
    if (!token)
      throw new CliError(
        '--connect needs a token: set CONTROL_ROOM_TOKEN, or give --token-file FILE (or --token T, which other users can see in ps)',
      );
    return remoteCaller(options.connect, token);
  }
  if (options.token !== undefined || options.tokenFile !== undefined)
    throw new CliError('--token and --token-file go with --connect URL');
  // Only looking for a running control room: the folder is opened (and checked) by the in-process room.
  const server = runningServer(workspacePaths(options.workspace).serverInfoPath);
  return server ? remoteCaller(server.url, server.token) : undefined;
}

export async function openCaller(options: ConnectOptions): Promise<ApiCaller> {
  const remote = runningRoomCaller(options);
  if (remote) {
    // Through a running room the credential names who acts; a flag must not rename them.
    if (options.actor !== undefined)
      throw new CliError(
        `--actor only names who acts in-process; ${remote.describe} records the person its token was issued to. Leave out --actor.`,
      );
    return remote;
  }
  const workspace = workspacePaths(options.workspace);
  const running = await openInProcess(options, workspace.serverInfoPath);
  if ('caller' in running) return running.caller;
  for (const notice of running.room.notices) writeErr(`NOTE: ${notice}\n`);
  // Folds the world's journal and frees the workspace when the command is done.
  process.once('exit', () => running.room.close());
  return {
    describe: `the in-process ${running.room.room.session().backends.deployment} of ${workspace.dir} (no control room is running there)`,
    async call(method, input) {
      // A command runs no alert beat: read the sources once before answering about alerts.
      if (method.startsWith('alerts.')) await running.room.alerts.pollAll();
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
