import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take minutes (real servers, real waits). Started first, each on its own worker while the
 * short files share the other, so the run is not a long tail behind them: a clean CI has no timing
 * cache, and by file size these would start last.
 */
const LONG_FIRST = [
  'test/live-fire-loop.test.ts',
  'test/crash-durability.test.ts',
  'test/sandbox.test.ts',
  'test/cli.test.ts',
];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = LONG_FIRST.findIndex((path) => f.moduleId.endsWith(path));
      return i === -1 ? LONG_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers; two cores are shared by the whole run.
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
  },
});
