// `control-room drill run --team`, `drill history` and `drill report` as a team's CI calls them:
// a child process, the run saved with its reports, the history with its trend, and a bad run id
// refused with exit 2 and a message that says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrill } from '../src/main/compose/create-drill-room';
import { scenarioLibrary } from '../src/main/compose/drill-workspace';
import { saveDrillRun } from '../src/main/core/drills/drill-run-files';
import type { DrillHistory } from '../src/shared/drills';
import { ensureBuild } from './support/ensure-build';
import { BUILT_CLI } from './support/served-control-room';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const ws = mkdtempSync(join(tmpdir(), 'drill-cli-'));
afterAll(() => rmSync(ws, { recursive: true, force: true }));

function drill(args: string[]) {
  const result = spawnSync(process.execPath, [BUILT_CLI, 'drill', ...args, '--workspace', ws], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('drill history and report from the CLI', () => {
  it('saves a run with its team, lists it with a trend, prints its report, and refuses a bad run id', async () => {
    const script = join(ws, 'good.yaml');
    writeFileSync(
      script,
      'responses:\n  - { when: steady-state-broken, after: 1m, action: abort, rollout: checkout-prod-eu }\n',
    );
    // The team's first run, nobody responding, saved in-process (as a served drill saves it).
    const first = createDrill({
      scenario: scenarioLibrary().load('canary-error-rate'),
      workspaceDir: ws,
      team: 'blue',
    });
    const result = await first.runToEnd();
    first.close();
    saveDrillRun(result.wall.workspace, result);
    const good = drill(['run', 'canary-error-rate', '--team', 'blue', '--script', script]);
    expect(good.code).toBe(0);
    const html = /After-action report: (\S+)\/report\.md\n\s+(\S+report\.html)/.exec(good.out);
    expect(html?.[2]).toBe(join(ws, 'drills', 'canary-error-rate-2', 'report.html'));
    expect(existsSync(html![2]!)).toBe(true);
    expect(good.out).toMatch(/^# Drill scorecard: Canary error-rate regression/);

    const table = drill(['history']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/canary-error-rate-2\s+canary-error-rate\s+blue\s+\S+ \S+\s+\d+/);
    expect(table.out).toMatch(/canary-error-rate\s+blue\s+2\s+\d+ → \d+\s+▲ \+\d+/);

    const blue = JSON.parse(drill(['history', '--team', 'blue', '--json']).out) as DrillHistory;
    expect(blue.runs.map((r) => r.id)).toEqual(['canary-error-rate-2', 'canary-error-rate-1']);

    const md = drill(['report', 'canary-error-rate-2']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('## What went well');
    const page = drill(['report', 'canary-error-rate-2', '--html']);
    expect(page.out).toBe(readFileSync(html![2]!, 'utf8'));

    const missing = drill(['report', 'canary-error-rate-7']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /no drill run "canary-error-rate-7" in .*drills; `control-room drill history` lists/,
    );
  });
});
