// A finished drill's files in its run folder (<workspace>/drills/<run-id>/): result.json, written
// whole or not at all (mode 0600). The drill history reads it back.
import { join } from 'node:path';
import { writeFileAtomic } from '../persistence/atomic-write';
import type { DrillResult } from './drill-runner';

export const RESULT_FILE = 'result.json';

export interface SavedDrillRun {
  dir: string;
  result: string;
}

export function saveDrillRun(dir: string, result: DrillResult): SavedDrillRun {
  const files = { dir, result: join(dir, RESULT_FILE) };
  writeFileAtomic(files.result, `${JSON.stringify(result, null, 2)}\n`);
  return files;
}
