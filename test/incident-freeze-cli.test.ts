// The release freeze as a commander runs it from a terminal: the real CLI in a child process,
// acting in-process on a fresh workspace's simulator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { workspaceCli } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const workspace = mkdtempSync(join(tmpdir(), 'incident-freeze-cli-'));
writeFileSync(join(workspace, 'config.yaml'), 'actor: dana\n');

const cli = workspaceCli(workspace);

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('incident freeze from the CLI', () => {
  it('declares, refuses promote naming the incident, takes an override, and lifts only with a root cause', () => {
    const declared = cli('incident', 'declare', '--title', 'Checkout 5xx', '--severity', 'SEV1', '--json');
    expect(declared.code).toBe(0);
    expect(JSON.parse(declared.out)).toMatchObject({ id: 'INC-1', commander: 'dana', severity: 'SEV1' });

    const refused = cli('rollouts', 'promote', 'payments-prod-us');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /Releases are frozen: INC-1 “Checkout 5xx” \(SEV1, commander dana\) is open since/,
    );

    const blank = cli('rollouts', 'promote', 'payments-prod-us', '--override-freeze', '  ');
    expect(blank.code).toBe(2);
    expect(blank.err).toMatch(/needs a reason.*field: overrideFreeze/);

    const step = JSON.parse(cli('rollouts', 'show', 'payments-prod-us', '--json').out).currentStepIndex;
    const through = cli(
      'rollouts',
      'promote',
      'payments-prod-us',
      '--override-freeze',
      'the INC-1 fix',
      '--json',
    );
    expect(through.code).toBe(0);
    expect(JSON.parse(through.out).rollout.currentStepIndex).toBe(step + 1);
    const shown = cli('incident', 'show', 'INC-1');
    expect(shown.out).toMatch(/dana: promote simulator\/payments-prod-us — “the INC-1 fix”/);

    const noRca = cli('incident', 'resolve', 'INC-1');
    expect(noRca.code).not.toBe(0);
    expect(noRca.err).toMatch(/cannot be resolved without a root cause/);
    expect(cli('rollouts', 'promote', 'payments-prod-us').code).toBe(1);

    expect(cli('incident', 'resolve', 'INC-1', '--rca', 'https://wiki.example/rca/1').code).toBe(0);
    expect(cli('rollouts', 'promote', 'payments-prod-us').code).toBe(0);
    expect(JSON.parse(cli('incident', 'list', '--json').out)[0]).toMatchObject({
      id: 'INC-1',
      rca: 'https://wiki.example/rca/1',
      resolvedBy: 'dana',
    });
  });
});
