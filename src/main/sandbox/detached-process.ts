// The sandbox's processes: started detached (their own session, output to a 0600 log file), so the
// command that started them can exit and they keep running; each with a pid file naming exactly
// which process it is (pid, kernel start time, command line), so stopping one later never signals a
// process that merely reuses its pid.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/persistence/atomic-write';
import { linuxProcessStart } from '../core/persistence/workspace-lock';

export const pidRecordSchema = z.object({
  name: z.string(),
  pid: z.number().int().positive(),
  /** The kernel's start time (Linux) or `ps`'s (elsewhere): what tells this process from a reused pid. */
  identity: z.string().optional(),
  command: z.array(z.string()),
  startedAt: z.string(),
});
export type PidRecord = z.output<typeof pidRecordSchema>;

export interface StartedProcess {
  record: PidRecord;
  child: ChildProcess;
  logFile: string;
}

function processIdentity(pid: number): string | undefined {
  const linux = linuxProcessStart(pid);
  if (linux !== undefined || existsSync('/proc/self/stat')) return linux;
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 && ps.stdout.trim() !== '' ? ps.stdout.trim() : undefined;
}

/** Whether the pid names a live process (a zombie, dead but not yet reaped, is not alive). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat');
  }
}

/** Whether the process a pid file names is still running (and is that process, not a reused pid). */
export function isRunning(record: PidRecord): boolean {
  if (!pidAlive(record.pid)) return false;
  const now = processIdentity(record.pid);
  return record.identity === undefined || now === undefined || now === record.identity;
}

/** The environment the sandbox's processes get: enough to run, none of the caller's secrets. */
function childEnvironment(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'];
  return {
    ...Object.fromEntries(keep.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]]))),
    // When the CLI runs inside Electron, its execPath is Electron: run the scripts as plain Node.
    ELECTRON_RUN_AS_NODE: '1',
  };
}

/**
 * Starts `command` detached with its output appended to `logFile` (0600) and writes its pid file.
 * Resolves once the process exists; rejects when it cannot be started at all (e.g. not found).
 */
export async function startDetached(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; logFile: string; pidFile: string },
): Promise<StartedProcess> {
  const log = openSync(options.logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      env: childEnvironment(),
    });
  } finally {
    closeSync(log);
  }
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new Error(`${basename(command)} could not be started: ${error.message}`)),
    );
  });
  child.unref();
  const pid = child.pid as number;
  const identity = processIdentity(pid);
  const record: PidRecord = {
    name,
    pid,
    ...(identity === undefined ? {} : { identity }),
    command: [command, ...args],
    startedAt: new Date().toISOString(),
  };
  writeFileAtomic(options.pidFile, `${JSON.stringify(record)}\n`);
  return { record, child, logFile: options.logFile };
}

export function readPidFile(path: string): PidRecord | undefined {
  try {
    const parsed = pidRecordSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type StopOutcome = 'stopped' | 'killed' | 'not running' | 'not ours';

/** A signal to a process that may have exited a moment ago (then there is nothing to do). */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function gone(record: PidRecord, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isRunning(record)) return true;
    await sleep(50);
  }
  return !isRunning(record);
}

/**
 * Stops the process of one pid file: SIGTERM, and SIGKILL after `graceMs`, each only after checking
 * that the pid is still the process recorded. The pid file is removed once its process is gone.
 */
export async function stopRecorded(pidFile: string, graceMs = 5_000): Promise<StopOutcome | undefined> {
  const record = readPidFile(pidFile);
  if (!record) {
    rmSync(pidFile, { force: true });
    return undefined;
  }
  let outcome: StopOutcome;
  if (!pidAlive(record.pid)) outcome = 'not running';
  else if (!isRunning(record)) outcome = 'not ours';
  else {
    signal(record.pid, 'SIGTERM');
    if (await gone(record, graceMs)) outcome = 'stopped';
    else {
      if (isRunning(record)) signal(record.pid, 'SIGKILL');
      if (!(await gone(record, 2_000)))
        throw new Error(`${record.name} (pid ${record.pid}) did not stop, even after SIGKILL`);
      outcome = 'killed';
    }
  }
  rmSync(pidFile, { force: true });
  return outcome;
}
