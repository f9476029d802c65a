// Starts the sandbox's Prometheus on a free loopback port, its data in the sandbox folder; ready
// once /-/ready answers and the listener on that port is this very process (not one that took the
// port first and happens to answer).
import { mkdirSync } from 'node:fs';
import type { PortPicker } from '../free-loopback-port';
import { launchOnPorts, type Launched } from './launch-on-ports';
import { listensOn } from './port-owner';
import { prometheusConfig } from './prometheus-config';
import { writeFileAtomic } from '../core/persistence/atomic-write';

export interface PrometheusLaunch {
  executable: string;
  configFile: string;
  dataDir: string;
  instancePorts: number[];
  haproxyStatsPort: number;
  cwd: string;
  logFile: string;
  pidFile: string;
  pickPort: PortPicker;
  attempts?: number;
}

export function launchPrometheus(options: PrometheusLaunch): Promise<Launched<'web port'>> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(options.configFile, prometheusConfig(options.instancePorts, options.haproxyStatsPort));
  return launchOnPorts({
    name: 'prometheus',
    label: 'Prometheus',
    ports: ['web port'],
    pickPort: options.pickPort,
    attempts: options.attempts ?? 5,
    readyWithinMs: 30_000,
    cwd: options.cwd,
    logFile: options.logFile,
    pidFile: options.pidFile,
    prepare: (ports) => ({
      command: options.executable,
      args: [
        `--config.file=${options.configFile}`,
        `--storage.tsdb.path=${options.dataDir}`,
        `--storage.tsdb.retention.time=2d`,
        `--web.listen-address=127.0.0.1:${ports['web port']}`,
      ],
    }),
    isReady: async ({ record }, ports) => {
      const port = ports['web port'];
      const response = await fetch(`http://127.0.0.1:${port}/-/ready`, {
        signal: AbortSignal.timeout(1_000),
      });
      return response.ok && listensOn(record.pid, port) !== false;
    },
  });
}
