// The rolling upgrade's hook: the configured command, run as argv (no shell) from the workspace, told
// which server to upgrade and to what through its environment. Exit 0 means upgraded.
import { execFile } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import type { UpgradeConfig } from '../../core/connections/haproxy-connection';

export interface HookTarget {
  backend: string;
  server: string;
  address: string;
  port: string;
  fromVersion: string;
  toVersion: string;
  service: string;
  environment: string;
}

/** Resolves when the hook exits 0; rejects with its exit and last words otherwise. */
export function runUpgradeHook(upgrade: UpgradeConfig, workspaceDir: string, t: HookTarget): Promise<void> {
  const [program, ...args] = upgrade.command as [string, ...string[]];
  const file = program.includes('/') && !isAbsolute(program) ? join(workspaceDir, program) : program;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: workspaceDir,
        timeout: upgrade.timeout,
        env: {
          ...process.env,
          HAPROXY_BACKEND: t.backend,
          HAPROXY_SERVER: t.server,
          SERVER_ADDRESS: t.address,
          SERVER_PORT: t.port,
          FROM_VERSION: t.fromVersion,
          TO_VERSION: t.toVersion,
          SERVICE: t.service,
          ENVIRONMENT: t.environment,
        },
      },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const words = stderr.trim().split('\n').slice(-3).join(' / ');
        const how = error.killed
          ? `was stopped after ${upgrade.timeout} ms`
          : `failed (${error.message.split('\n')[0]})`;
        reject(new Error(`the upgrade hook ${how}${words ? `: ${words}` : ''}`));
      },
    );
  });
}
