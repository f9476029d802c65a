// `sandbox down`: stops every process a `sandbox up` started in the folder, by its pid file, each
// only after checking it is still the process that was started. Safe to run twice, and after an `up`
// that failed half way: whatever pid files are left, their processes are stopped.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceLocked, lockWorkspace, type WorkspaceLock } from '../core/persistence/workspace-lock';
import { readPidFile, stopRecorded, type StopOutcome } from './detached-process';
import { sandboxFiles, type SandboxFiles } from './sandbox-files';

export interface StoppedProcess {
  name: string;
  pid: number;
  outcome: StopOutcome;
}

/** Held while `up` or `down` works on a folder, so the two never interleave. */
export function lockSandbox(files: SandboxFiles, command: string): WorkspaceLock {
  try {
    return lockWorkspace(files.dir, command, files.lockFile);
  } catch (error) {
    if (!(error instanceof WorkspaceLocked)) throw error;
    const who = error.holder
      ? `${error.holder.command} (pid ${error.holder.pid}, since ${error.holder.startedAt})`
      : 'another sandbox command';
    throw new Error(
      `${who} is working on the sandbox in ${files.dir}: wait until it has finished, then try again`,
      {
        cause: error,
      },
    );
  }
}

/** The pid files in the sandbox folder. */
export function pidFiles(files: SandboxFiles): string[] {
  if (!existsSync(files.runDir)) return [];
  return readdirSync(files.runDir)
    .filter((n) => n.endsWith('.pid'))
    .sort()
    .map((n) => join(files.runDir, n));
}

/** Stops every recorded process (the caller holds the lock) and removes what described them. */
export async function stopRecordedProcesses(files: SandboxFiles): Promise<StoppedProcess[]> {
  const stopped: StoppedProcess[] = [];
  const stopOne = async (pidFile: string) => {
    const record = readPidFile(pidFile);
    const outcome = await stopRecorded(pidFile);
    if (record && outcome) stopped.push({ name: record.name, pid: record.pid, outcome });
  };
  // The load generator first, so its last seconds are not counted as errors of a stopping HAProxy.
  const all = pidFiles(files);
  const load = all.filter((f) => f === files.pidFile('load-generator'));
  await Promise.all(load.map(stopOne));
  await Promise.all(all.filter((f) => !load.includes(f)).map(stopOne));
  rmSync(files.statePath, { force: true });
  if (existsSync(files.runDir))
    for (const name of readdirSync(files.runDir))
      if (name.endsWith('.ready')) rmSync(join(files.runDir, name), { force: true });
  return stopped.sort((a, b) => a.name.localeCompare(b.name));
}

export async function stopSandbox(dir: string): Promise<StoppedProcess[]> {
  const files = sandboxFiles(dir);
  // Nothing was ever started here: say so without creating anything.
  if (!existsSync(files.runDir)) return [];
  const lock = lockSandbox(files, 'control-room sandbox down');
  try {
    return await stopRecordedProcesses(files);
  } finally {
    lock.release();
  }
}
