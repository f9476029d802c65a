// Files that config.yaml names (the simulator's fleet and databases, a simulator connection's fleet).
// They are checked when the config is read (and before an edit is written), so a missing or
// unreadable one is reported against the key and line that name it.
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import type { Config } from './config-schema';
import { unreadableFileProblem } from './unreadable-file-problem';

const CONFIGURED_FILES = [
  { path: ['simulator', 'fleet'], what: 'fleet file', value: (c: Config) => c.simulator.fleet },
  {
    path: ['simulator', 'databases'],
    what: 'simulated databases file',
    value: (c: Config) => c.simulator.databases,
  },
] as const;

/** A path from config.yaml: relative ones are relative to the workspace folder. */
export function resolveConfiguredFile(workspaceDir: string, value: string): string {
  return isAbsolute(value) ? value : resolve(workspaceDir, value);
}

/** Adds an issue at the key of every configured file that cannot be read. */
export function checkConfiguredFiles(config: Config, workspaceDir: string, ctx: z.RefinementCtx): void {
  for (const file of CONFIGURED_FILES) {
    const value = file.value(config);
    if (value === undefined) continue;
    const path = resolveConfiguredFile(workspaceDir, value);
    const problem = unreadableFileProblem(path);
    if (problem)
      ctx.addIssue({ code: 'custom', path: [...file.path], message: `${file.what} ${path} ${problem}` });
  }
  config.connections?.forEach((connection, i) => {
    if (connection.kind !== 'simulator' || connection.fleet === undefined) return;
    const path = resolveConfiguredFile(workspaceDir, connection.fleet);
    const problem = unreadableFileProblem(path);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['connections', i, 'fleet'],
        message: `fleet file ${path} ${problem}`,
      });
  });
}
