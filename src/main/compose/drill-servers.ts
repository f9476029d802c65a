// Drill rooms started from the app (drills.start): each is a child process running exactly what
// `control-room serve --drill` runs, on loopback, so this app's own room keeps the real fleet. The
// child prints one JSON line with its join URLs; it stops when asked, when the app closes, or when
// the app's end of its stdin pipe closes (a crashed app leaves no drill behind).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiParsedInput } from '../../shared/api';
import type { DrillJoinLink, DrillServerView, StartedDrill } from '../../shared/drill-servers';
import { ApiError } from '../core/api/api-error';
import type { CallContext } from '../core/api/api-handlers';
import type { DrillLauncher } from '../core/api/drill-handlers';
import { YamlFileError } from '../core/config/parse-yaml-file';
import { scenarioLibrary } from './drill-workspace';

/** How to run the CLI: node (or Electron as node) and its arguments before `serve`. */
export interface CliCommand {
  execPath: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface DrillServersOptions {
  /** This room's workspace: the drills' folders and history go under its drills/. */
  workspaceDir: string;
  /** A drill room started or ended: screens re-read the running list. */
  changed: () => void;
  /**
   * Writes one audit record to this room's log (fsynced, or it throws): who started a drill room and
   * whom it let in, and who stopped it, are on the real room's record (the drill keeps its own).
   */
  record: (entry: DrillRoomRecord) => void;
  cli?: CliCommand;
  /** How long a child may take to print its join URLs. */
  startTimeoutMs?: number;
}

export interface DrillRoomRecord {
  actor: string;
  kind: 'drill.room.started' | 'drill.room.stopped';
  /** The drill's run id (its folder under drills/). */
  target: string;
  details: Record<string, unknown>;
}

interface Child {
  process: ChildProcess;
  started: StartedDrill;
  startedBy: string;
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** Enough of a failed child's stderr to name its error (a scenario's file:line), not a flood. */
const STDERR_KEPT = 4_000;

/** The built CLI beside the app's main bundle: out/main/cli.js, in the source tree or the packaged app. */
export function findCliScript(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'cli.js'), join(dir, 'out', 'main', 'cli.js')])
      if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`the control-room CLI (out/main/cli.js) is not found above ${start}`);
  }
}

/** In Electron the app's own binary runs the CLI as plain Node (ELECTRON_RUN_AS_NODE). */
export function defaultCliCommand(): CliCommand {
  const env = { ...process.env };
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  return { execPath: process.execPath, args: [findCliScript()], env };
}

function lastLines(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > STDERR_KEPT ? `…${trimmed.slice(-STDERR_KEPT)}` : trimmed;
}

/** The child's JSON line, checked: a line that is not it is its ordinary output. */
function parseDrillLine(line: string): Omit<StartedDrill, 'startedAt'> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { drill?: Omit<StartedDrill, 'startedAt'> };
    const d = parsed.drill;
    if (d && typeof d.pid === 'number' && typeof d.url === 'string' && Array.isArray(d.invitations)) return d;
  } catch {
    // Not the line we wait for.
  }
  return undefined;
}

export class DrillServers implements DrillLauncher {
  private readonly children = new Map<number, Child>();
  private readonly cli: () => CliCommand;

  constructor(private readonly options: DrillServersOptions) {
    this.cli = () => options.cli ?? defaultCliCommand();
  }

  async start(request: ApiParsedInput<'drills.start'>, ctx: CallContext): Promise<StartedDrill> {
    this.check(request, ctx);
    const cli = this.cli();
    const args = [
      ...cli.args,
      'serve',
      '--drill',
      request.scenario,
      '--workspace',
      this.options.workspaceDir,
      '--actor',
      ctx.actor,
      '--host',
      '127.0.0.1',
      // A free port each: the workspace's configured one may be this room's own.
      '--port',
      '0',
      '--json',
      '--until-stdin-closes',
      ...(request.seed === undefined ? [] : ['--seed', String(request.seed)]),
      ...(request.speed === undefined ? [] : ['--speed', String(request.speed)]),
      ...(request.team === undefined ? [] : ['--team', request.team]),
      ...(request.invite ?? []).flatMap((i) => ['--invite', `${i.name}:${i.role}`]),
    ];
    const child = spawn(cli.execPath, args, { env: cli.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const started = await this.awaitJoinLine(child, request.scenario);
    try {
      this.options.record({
        actor: ctx.actor,
        kind: 'drill.room.started',
        target: started.runId,
        details: {
          scenario: started.scenario,
          pid: started.pid,
          invitations: started.invitations.map((i) => ({ name: i.name, role: i.role })),
        },
      });
    } catch (error) {
      // Not on the record, not started: nobody holds a join URL to a room the log does not know.
      child.kill('SIGKILL');
      throw new ApiError(
        'unavailable',
        `the drill room was not started: its start could not be recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.children.set(started.pid, { process: child, started, startedBy: ctx.actor });
    child.once('exit', () => {
      this.children.delete(started.pid);
      this.options.changed();
    });
    this.options.changed();
    return started;
  }

  running(ctx: CallContext): DrillServerView[] {
    return [...this.children.values()]
      .filter((c) => c.process.exitCode === null && c.process.signalCode === null)
      .map(({ started, startedBy }) => {
        const mine = startedBy === ctx.actor;
        return {
          pid: started.pid,
          runId: started.runId,
          scenario: started.scenario,
          title: started.title,
          startedBy,
          startedAt: started.startedAt,
          mine,
          ...(mine ? { url: started.url, invitations: started.invitations } : {}),
        };
      });
  }

  async stop(pid: number, ctx: CallContext): Promise<void> {
    const child = this.children.get(pid);
    if (!child) throw new ApiError('not-found', `no drill room with pid ${pid} was started here`, 'pid');
    if (child.startedBy !== ctx.actor)
      throw new ApiError('forbidden', `${child.startedBy} started this drill room: only they can stop it`);
    await stopChild(child.process);
    this.options.record({
      actor: ctx.actor,
      kind: 'drill.room.stopped',
      target: child.started.runId,
      details: { scenario: child.started.scenario, pid },
    });
  }

  /** A join URL of a drill room started here and still running: the desktop shell lets only these out. */
  isJoinUrl(url: string): boolean {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return false;
    }
    return [...this.children.values()].some((c) => new URL(c.started.url).origin === origin);
  }

  /** The app is closing: no drill room outlives it. */
  stopAll(): void {
    for (const { process: child } of this.children.values()) child.kill('SIGTERM');
    this.children.clear();
  }

  /** Bad input is refused here, before a process or a drill folder is made. */
  private check(request: ApiParsedInput<'drills.start'>, ctx: CallContext): void {
    try {
      scenarioLibrary(this.options.workspaceDir).load(request.scenario);
    } catch (error) {
      if (error instanceof YamlFileError) throw new ApiError('invalid-input', error.message, 'scenario');
      throw error;
    }
    const n = (request.invite ?? []).findIndex((i) => i.name === ctx.actor);
    if (n >= 0 && request.invite?.[n]?.role !== 'operator')
      throw new ApiError(
        'invalid-input',
        `${ctx.actor} runs the drill (the facilitator is an operator): invite someone else`,
        `invite.${n}.name`,
      );
  }

  private awaitJoinLine(child: ChildProcess, scenario: string): Promise<StartedDrill> {
    return new Promise((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      let done = false;
      const finish = (error: ApiError | undefined, started?: StartedDrill) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        if (error) reject(error);
        else resolve(started as StartedDrill);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        const said = lastLines(stderr);
        finish(
          new ApiError(
            'unavailable',
            `the drill room for ${scenario} did not start within ${Math.round((this.options.startTimeoutMs ?? START_TIMEOUT_MS) / 1000)} s${said ? `: ${said}` : ''}`,
          ),
        );
      }, this.options.startTimeoutMs ?? START_TIMEOUT_MS);
      child.stderr?.on('data', (chunk: Buffer) => {
        if (stderr.length < 4 * STDERR_KEPT) stderr += chunk.toString('utf8');
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        for (const line of stdout.split('\n')) {
          const parsed = parseDrillLine(line.trim());
          if (parsed)
            finish(undefined, {
              ...parsed,
              invitations: parsed.invitations.map((i: DrillJoinLink) => ({
                name: i.name,
                role: i.role,
                url: i.url,
              })),
              startedAt: new Date().toISOString(),
            });
        }
      });
      child.once('error', (error) =>
        finish(new ApiError('unavailable', `the drill room could not be started: ${error.message}`)),
      );
      child.once('exit', (code, signal) => {
        // Its own words say what was wrong (a scenario's file:line, a refused invitation).
        const said = lastLines(stderr) || `it exited with ${signal ?? `code ${code}`}`;
        finish(
          new ApiError(code === 2 ? 'invalid-input' : 'unavailable', `the drill room did not start: ${said}`),
        );
      });
    });
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
