// Finds resources/ from wherever the code runs: the source tree (tests), out/main (build) or an
// unpacked app.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findResourcesDir(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'demo-fleet.yaml'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`resources/ (with demo-fleet.yaml) not found above ${start}`);
  }
}
