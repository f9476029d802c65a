// Freeze windows as a release manager meets them in a terminal: the real CLI in a child process on a
// fresh workspace whose config.yaml holds a window in force now (in Tokyo time, to read the zone).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { workspaceCli } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const workspace = mkdtempSync(join(tmpdir(), 'freeze-windows-cli-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
const cli = workspaceCli(workspace);
const config = join(workspace, 'config.yaml');

/** A local date-time in Asia/Tokyo (UTC+9, no DST) `hours` from now. */
const tokyo = (hours: number): string =>
  new Date(Date.now() + (hours + 9) * 3_600_000).toISOString().slice(0, 16);

describe('freeze windows from the CLI', () => {
  it('a window in force refuses promote naming it, allows pause, and lists its reopen time and overrides', () => {
    writeFileSync(
      config,
      [
        'actor: dana',
        'freezeWindows:',
        '  - name: launch-week',
        '    environments: [prod-us]',
        '    timezone: Asia/Tokyo',
        `    start: "${tokyo(-1)}"`,
        `    end: "${tokyo(50)}"`,
        '    reason: Launch week',
        '',
      ].join('\n'),
    );
    const refused = cli('rollouts', 'promote', 'payments-prod-us');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /Releases are frozen in prod-us by the freeze window “launch-week” \(once, .*\) until .* Asia\/Tokyo: Launch week/,
    );
    expect(cli('rollouts', 'pause', 'payments-prod-us').code).toBe(0);
    // prod-eu is not in the window.
    expect(cli('rollouts', 'promote', 'checkout-prod-eu').code).toBe(0);
    expect(
      cli('rollouts', 'promote', 'search-prod-us', '--override-freeze', 'hotfix for the launch').code,
    ).toBe(0);

    const list = cli('freeze', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(
      /● frozen in prod-us by window “launch-week”, until \w{3} \d\d:\d\d Asia\/Tokyo \(in 2 d [01] h\)/,
    );
    expect(list.out).toMatch(
      /dana: promote simulator\/search-prod-us through “launch-week” — “hotfix for the launch”/,
    );
    const json = JSON.parse(cli('freeze', 'list', '--json').out);
    expect(json).toMatchObject({
      frozen: true,
      freezes: [{ source: { kind: 'window', name: 'launch-week' }, timezone: 'Asia/Tokyo' }],
      windows: [
        { name: 'launch-week', state: 'in-force', overrides: [{ actor: 'dana', action: 'promote' }] },
      ],
    });
  });

  it('refuses a window that never ends before anything runs, naming the line and field', () => {
    writeFileSync(config, 'freezeWindows:\n  - name: forever\n    start: 2026-01-01T00:00\n');
    const refused = cli('freeze', 'list');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `${config}:2: freezeWindows.0.end: a start without an end: a freeze window that never ends is refused`,
    );
  });
});
