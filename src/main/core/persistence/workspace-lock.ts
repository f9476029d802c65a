// One control room per workspace: two processes appending to one audit log would fork its chain.
// The lock is a file created exclusively (O_EXCL) naming its holder. A holder that died (kill -9, a
// crash) leaves the file behind; the next start sees that its process is gone and takes the lock over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fsyncDirectory } from './fsync-directory';

export const LOCK_FILE = 'workspace.lock';

export interface LockHolder {
  pid: number;
  /** What holds it, e.g. "control-room serve". */
  command: string;
  startedAt: string;
  host: string;
  /** The process's start time as the kernel counts it (Linux), so a reused pid is not mistaken for the holder. */
  processStart?: string;
}

export class WorkspaceLocked extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      holder
        ? `The workspace ${dir} is in use by process ${holder.pid} (${holder.command}, started ${holder.startedAt}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}). Stop it, or act through it: the CLI finds a running control room by itself.`
        : `The workspace ${dir} is locked (${path.join(dir, LOCK_FILE)}) by a process that is still starting.`,
    );
  }
}

export interface WorkspaceLock {
  readonly holder: LockHolder;
  release(): void;
}

/** The kernel's start time of a process (Linux), so a reused pid is not mistaken for the one recorded. */
export function linuxProcessStart(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count after ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return Number.isSafeInteger(value.pid) ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `holder` still runs (on this host; another host's lock is trusted). */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return holder.processStart === linuxProcessStart(process.pid);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = linuxProcessStart(holder.pid);
  return holder.processStart === undefined || start === undefined || start === holder.processStart;
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(holder)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncDirectory(path.dirname(file));
  return true;
}

/**
 * Takes the workspace's lock or throws WorkspaceLocked naming its holder. A stale lock (its process is
 * gone) is moved aside and taken over; if someone else took it over first, they hold it.
 */
export function lockWorkspace(dir: string, command: string, lockFile = LOCK_FILE): WorkspaceLock {
  const file = path.join(dir, lockFile);
  const processStart = linuxProcessStart(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    host: os.hostname(),
    ...(processStart === undefined ? {} : { processStart }),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, holder)) return heldLock(file, holder);
    const current = readHolder(file);
    // A file with no readable holder is one being written right now (or damaged): give it a moment.
    if (current === undefined) {
      if (attempt < 4) continue;
      throw new WorkspaceLocked(dir, undefined);
    }
    if (holderAlive(current)) throw new WorkspaceLocked(dir, current);
    // Stale. Move it aside under a name only we use; if what we moved is not the stale lock we read
    // (another process took over in between), put it back and report that holder.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readHolder(aside);
    if (moved && moved.pid !== current.pid && holderAlive(moved)) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // Someone holds it again already; either way it is not ours.
      }
      fs.rmSync(aside, { force: true });
      throw new WorkspaceLocked(dir, moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new WorkspaceLocked(dir, readHolder(file));
}

function heldLock(file: string, holder: LockHolder): WorkspaceLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only our own lock: never remove one another process took over.
    if (readHolder(file)?.pid === holder.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { holder, release };
}
