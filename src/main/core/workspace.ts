// The workspace folder: config.yaml, the audit log, drill history. Checked for writability up
// front so a bad folder is reported once, clearly, before anything is half-written.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { configSchema, type Config } from './config/config-schema';
import { checkConfiguredFiles } from './config/configured-files';
import { parseYamlFile } from './config/parse-yaml-file';

export interface Workspace {
  dir: string;
  configPath: string;
  auditPath: string;
  serverInfoPath: string;
  simulatorStatePath: string;
  simulatorJournalPath: string;
  /** Connection secrets in browser mode and the CLI (the desktop app keeps them in the OS keychain). */
  secretsPath: string;
}

export function defaultWorkspaceDir(): string {
  return join(homedir(), '.control-room');
}

/** Where a workspace keeps its files; touches nothing on disk. */
export function workspacePaths(dir: string): Workspace {
  const abs = resolve(dir.startsWith('~/') ? join(homedir(), dir.slice(2)) : dir);
  return {
    dir: abs,
    configPath: join(abs, 'config.yaml'),
    auditPath: join(abs, 'audit.jsonl'),
    serverInfoPath: join(abs, 'server.json'),
    simulatorStatePath: join(abs, 'simulator-state.json'),
    simulatorJournalPath: join(abs, 'simulator-journal.jsonl'),
    secretsPath: join(abs, 'secrets.json'),
  };
}

/** The workspace, created if needed and checked for writability. */
export function openWorkspace(dir: string): Workspace {
  const workspace = workspacePaths(dir);
  try {
    // Private: it holds the audit log, the world and the running server's token.
    mkdirSync(workspace.dir, { recursive: true, mode: 0o700 });
    const probe = join(workspace.dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Workspace folder ${workspace.dir} is not writable: ${why}`, { cause: error });
  }
  return workspace;
}

/** config.yaml's schema with the checks that need the workspace: every file it names can be read. */
export function workspaceConfigSchema(dir: string) {
  return configSchema.superRefine((config, ctx) => checkConfiguredFiles(config, dir, ctx));
}

/** The workspace's config.yaml, or the defaults when there is none. */
export function loadConfig(workspace: Workspace): Config {
  if (!existsSync(workspace.configPath)) return configSchema.parse({});
  return parseYamlFile(workspace.configPath, workspaceConfigSchema(workspace.dir));
}
