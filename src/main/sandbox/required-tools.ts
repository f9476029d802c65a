// The sandbox runs the real HAProxy and Prometheus from the system's packages. Both are looked up on
// PATH before anything starts, and when one is missing the message says how to install it.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface RequiredTools {
  haproxy: string;
  prometheus: string;
}

export class ToolsMissing extends Error {}

/** The executable `name` on PATH, or undefined. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function findRequiredTools(path = process.env.PATH ?? ''): RequiredTools {
  const haproxy = onPath('haproxy', path);
  const prometheus = onPath('prometheus', path);
  if (haproxy && prometheus) return { haproxy, prometheus };
  const missing = [haproxy ? undefined : 'haproxy', prometheus ? undefined : 'prometheus'].filter(Boolean);
  throw new ToolsMissing(
    [
      `The sandbox runs a real HAProxy and a real Prometheus, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not on PATH. Install them:`,
      '  Debian/Ubuntu:  sudo apt-get install haproxy prometheus',
      '  macOS:          brew install haproxy prometheus',
      'then run control-room sandbox up again.',
    ].join('\n'),
  );
}
