// Makes a new directory entry (a created or renamed file) durable: without it, a crash can forget
// that the file exists even though its bytes were fsynced.
import fs from 'node:fs';

export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the entry is still written, just not forced to disk.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
