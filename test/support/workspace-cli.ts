// The built CLI run as a user runs it, in a child process, on one test workspace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BUILT_CLI } from './served-control-room';

const root = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** A `cli(...args)` that appends `--workspace <dir>` to every command. */
export function workspaceCli(workspace: string): (...args: string[]) => CliResult {
  return (...args) => {
    const result = spawnSync(process.execPath, [BUILT_CLI, ...args, '--workspace', workspace], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
}
