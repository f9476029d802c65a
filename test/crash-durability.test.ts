// The durability promise, tested the way it breaks: kill -9 at random moments while actions are in
// flight, 50 times. `npm run soak` runs the same cycles 300 times and reports the figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { prepareWorkspace, runCrashCycles } from './support/crash-cycles';

const workspace = mkdtempSync(join(tmpdir(), 'crash-'));
beforeAll(() => ensureBuild(join(import.meta.dirname, '..')));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('kill -9 while actions are in flight', () => {
  it('loses no acknowledged effect and applies no key twice, over 50 crashes', async () => {
    prepareWorkspace(workspace);
    const report = await runCrashCycles({ cycles: 50, workspace });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({
      cycles: 50,
      lost: 0,
      appliedTwice: 0,
      controllerMismatches: 0,
      brokenChains: 0,
    });
    // The test means something only if the kills landed on real work.
    expect(report.acknowledged).toBeGreaterThan(200);
    expect(report.inFlightRetried).toBeGreaterThan(20);
  }, 600_000);
});
