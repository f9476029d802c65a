// What stands between a path a person named and a file the product can read, in words: checked
// before reading, so a directory or a pipe gives a clear error instead of EISDIR or a hang.
import { accessSync, constants, statSync } from 'node:fs';

export function unreadableFileProblem(path: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'does not exist';
    if (code === 'ENOTDIR') return 'does not exist (a folder on its path is a file)';
    return `cannot be read (${code ?? String(error)})`;
  }
  if (stats.isDirectory()) return 'is a directory, not a file';
  if (!stats.isFile()) return 'is not a regular file';
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return 'cannot be read (permission denied)';
  }
  return undefined;
}
