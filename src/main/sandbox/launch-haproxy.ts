// Starts the sandbox's HAProxy in the foreground of its own detached process (-db), on free
// loopback ports; ready once its Runtime API answers (HAProxy binds every listener before it serves
// any, so by then the frontend is bound too).
import type { PortPicker } from '../free-loopback-port';
import { haproxyConfig, type HaproxyConfigInput } from './haproxy-config';
import { launchOnPorts, type Launched } from './launch-on-ports';
import { runtimeApiCommand } from './runtime-api-command';
import { writeFileAtomic } from '../core/persistence/atomic-write';

/** sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included. */
const MAX_SOCKET_PATH = 103;

export interface HaproxyLaunch {
  executable: string;
  configFile: string;
  socket: string;
  servers: HaproxyConfigInput['servers'];
  cwd: string;
  logFile: string;
  pidFile: string;
  pickPort: PortPicker;
  attempts?: number;
}

export function launchHaproxy(options: HaproxyLaunch): Promise<Launched<'frontend' | 'stats page'>> {
  const bytes = Buffer.byteLength(options.socket);
  if (bytes > MAX_SOCKET_PATH)
    throw new Error(
      `HAProxy's socket path ${options.socket} is ${bytes} bytes, more than the ${MAX_SOCKET_PATH} a unix socket allows: choose a shorter --dir`,
    );
  return launchOnPorts({
    name: 'haproxy',
    label: 'HAProxy',
    ports: ['frontend', 'stats page'],
    pickPort: options.pickPort,
    attempts: options.attempts ?? 5,
    readyWithinMs: 20_000,
    cwd: options.cwd,
    logFile: options.logFile,
    pidFile: options.pidFile,
    prepare: (ports) => {
      writeFileAtomic(
        options.configFile,
        haproxyConfig({
          socket: options.socket,
          frontendPort: ports.frontend,
          statsPort: ports['stats page'],
          servers: options.servers,
        }),
      );
      return { command: options.executable, args: ['-db', '-f', options.configFile] };
    },
    isReady: async () =>
      (await runtimeApiCommand(options.socket, 'show info', 1_000)).includes('Name: HAProxy'),
  });
}
