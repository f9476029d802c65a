// `rollouts versions` and the roll-forward refusal as a user runs them: the real CLI in a child
// process, acting in-process on a fresh workspace's simulator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { workspaceCli } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const workspace = mkdtempSync(join(tmpdir(), 'roll-forward-cli-'));
// The in-process CLI records the configured actor.
writeFileSync(join(workspace, 'config.yaml'), 'actor: dana\n');

const cli = workspaceCli(workspace);

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('roll forward from the CLI', () => {
  it('lists the known versions, and after an abort warns about the version rolled back', () => {
    const before = cli('rollouts', 'versions', 'checkout-prod-eu', '--json');
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out).versions.map((v: { version: string }) => v.version)).toEqual([
      '2.4.1',
      '2.4.0',
      '2.3.1',
      '2.3.0',
    ]);
    expect(cli('rollouts', 'abort', 'checkout-prod-eu', '--reason', 'p99 regression').code).toBe(0);
    const after = cli('rollouts', 'versions', 'checkout-prod-eu');
    expect(after.out).toMatch(/^2\.4\.0 +Rolled back by dana at \S+Z$/m);
    expect(after.out).toMatch(/^WARNING: 2\.4\.0 was rolled back by dana at \S+Z: p99 regression$/m);
  });

  it('refuses a version that does not exist, saying which do, and exits 1', () => {
    const result = cli('rollouts', 'roll-forward', 'checkout-prod-eu', '--to', '2.4.O');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /checkout has no version "2\.4\.O".*\(known: 2\.4\.1, 2\.4\.0, 2\.3\.1, 2\.3\.0\)/,
    );
    const still = JSON.parse(cli('rollouts', 'show', 'checkout-prod-eu', '--json').out);
    expect(still.canaryVersion).toBe('2.4.0');
  });
});
