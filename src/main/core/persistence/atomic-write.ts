// Replaces a file as a whole or not at all: written to a temporary file beside it (mode 0600), fsynced,
// renamed over the old one, and the folder fsynced, so a crash leaves either the old or the new file.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncDirectory } from './fsync-directory';

/** Temporary files of writeFileAtomic are named `.<name>.tmp-<pid>-<random>`. */
export const TEMPORARY_FILE = /^\..+\.tmp-\d+-[0-9a-f]+$/;

/** `mode`: the new file's permissions (a person's file keeps its own); 0600 when not given. */
export function writeFileAtomic(
  filePath: string,
  data: string | Buffer,
  options: { mode?: number } = {},
): void {
  const dir = path.dirname(path.resolve(filePath));
  const temporary = path.join(
    dir,
    `.${path.basename(filePath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    // fchmod, not open's mode: the umask would narrow it.
    if (options.mode !== undefined) fs.fchmodSync(fd, options.mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temporary, filePath);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}

/**
 * Removes temporary files a crashed writer left in `dir` (ours and the legacy `<name>.tmp-<pid>`).
 * Only safe while holding the workspace lock: then no other writer can be mid-write.
 */
export function removeLeftoverTemporaryFiles(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!TEMPORARY_FILE.test(name) && !/\.tmp-\d+$/.test(name)) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Left for the next start; it is never read.
    }
  }
  return removed;
}
