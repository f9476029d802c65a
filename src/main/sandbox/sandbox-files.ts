// Where the live-fire sandbox keeps its files. The folder is a control-room workspace (config.yaml,
// and later the audit log); everything the sandbox runs lives in its `sandbox/` subfolder: configs,
// pid files, logs, the HAProxy socket, Prometheus's data and the load generator's status.
import { join } from 'node:path';
import { workspacePaths } from '../core/workspace';

export interface SandboxFiles {
  /** The workspace folder (absolute). */
  dir: string;
  configPath: string;
  /** The subfolder of everything the sandbox runs. */
  runDir: string;
  /** What is running: ports, URLs and pids (written once everything is up). */
  statePath: string;
  /** Held while `up` or `down` works on the folder. */
  lockFile: string;
  haproxyConfig: string;
  haproxySocket: string;
  prometheusConfig: string;
  prometheusData: string;
  loadStatus: string;
  pidFile(name: string): string;
  logFile(name: string): string;
  readyFile(name: string): string;
}

export const DEFAULT_SANDBOX_DIR = 'control-room-sandbox';

export function sandboxFiles(dir: string): SandboxFiles {
  const workspace = workspacePaths(dir);
  const runDir = join(workspace.dir, 'sandbox');
  return {
    dir: workspace.dir,
    configPath: workspace.configPath,
    runDir,
    statePath: join(runDir, 'sandbox.json'),
    lockFile: join('sandbox', 'sandbox.lock'),
    haproxyConfig: join(runDir, 'haproxy.cfg'),
    haproxySocket: join(runDir, 'haproxy.sock'),
    prometheusConfig: join(runDir, 'prometheus.yml'),
    prometheusData: join(runDir, 'prometheus-data'),
    loadStatus: join(runDir, 'load-generator.json'),
    pidFile: (name) => join(runDir, `${name}.pid`),
    logFile: (name) => join(runDir, `${name}.log`),
    readyFile: (name) => join(runDir, `${name}.ready`),
  };
}
