// Release sets as a release manager runs them from a terminal: the real CLI in a child process,
// acting in-process on a fresh workspace's demo fleet and its demo set.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { workspaceCli } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const workspace = mkdtempSync(join(tmpdir(), 'release-sets-cli-'));
writeFileSync(join(workspace, 'config.yaml'), 'actor: dana\n');

const cli = workspaceCli(workspace);

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('release sets from the CLI', () => {
  it('starts the demo set in one environment, refuses its member alone, and aborts it', () => {
    expect(cli('sets', 'list').out).toMatch(/checkout-2-4\s+payments 5\.13\.0 \+ checkout 2\.4\.1\s+idle/);

    const noEnv = cli('sets', 'start', 'checkout-2-4');
    expect(noEnv.code).toBe(2);
    expect(noEnv.err).toMatch(/sets start needs --environment/);

    const started = cli('sets', 'start', 'checkout-2-4', '--environment', 'staging', '--json');
    expect(started.code).toBe(0);
    const run = JSON.parse(started.out);
    expect(run).toMatchObject({ state: 'running', startedBy: 'dana' });
    expect(run.members.map((m: { label: string; state: string }) => `${m.label} ${m.state}`)).toEqual([
      'payments 5.13.0 rolling-out',
      'checkout 2.4.1 waiting',
    ]);

    const alone = cli('rollouts', 'roll-forward', 'checkout-staging', '--to', '2.4.0');
    expect(alone.code).toBe(1);
    expect(alone.err).toMatch(
      /simulator\/checkout-staging is in release set checkout-2-4 \(running\): act on the set/,
    );

    const shown = cli('sets', 'show', 'checkout-2-4', '--environment', 'staging');
    expect(shown.out).toMatch(/○ checkout 2\.4\.1 .*gate: ✖ waits — waiting: payments at 10%/);

    const aborted = cli(
      'sets',
      'abort',
      'checkout-2-4',
      '--environment',
      'staging',
      '--reason',
      'wrong build',
    );
    expect(aborted.code).toBe(0);
    expect(aborted.out).toMatch(/checkout-2-4 in staging: aborted — aborted by dana: wrong build/);
    const kinds = readFileSync(join(workspace, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { kind: string }).kind)
      .filter((kind) => kind.startsWith('set.'));
    expect(kinds).toEqual(['set.started', 'set.member-started', 'set.member-refused', 'set.aborted']);

    expect(cli('sets', 'pause', 'no-such-set', '--environment', 'staging').err).toMatch(
      /No release set "no-such-set"/,
    );
  });
});
