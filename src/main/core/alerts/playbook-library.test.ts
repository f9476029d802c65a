import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../resources-dir';
import { AlertHistory } from './alert-history';
import { PlaybookLibrary } from './playbook-library';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function library(files: Record<string, string>, shipped: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'playbooks-'));
  dirs.push(root);
  for (const [where, set] of [
    ['workspace', files],
    ['resources', shipped],
  ] as const) {
    mkdirSync(join(root, where));
    for (const [name, text] of Object.entries(set)) writeFileSync(join(root, where, name), text);
  }
  return {
    lib: new PlaybookLibrary({ workspace: join(root, 'workspace'), resources: join(root, 'resources') }),
    root,
  };
}

const good = (alert: string, title = 'A title') =>
  `---\nalert: ${alert}\ntitle: ${title}\ndescription: what it means\nimpact: who feels it\nfix: do this\n---\nnotes\n`;

describe('playbooks', () => {
  it('every shipped playbook reads cleanly and answers the simulator alerts', () => {
    const lib = new PlaybookLibrary({
      workspace: '/nonexistent',
      resources: join(findResourcesDir(), 'playbooks'),
    });
    expect(lib.list().problems).toEqual([]);
    expect(lib.forAlert('HighErrorRate')?.countermeasures.map((c) => c.action)).toEqual(['pause', 'abort']);
    expect(lib.forAlert('HighLatency')).toBeDefined();
  });

  it('names the file, the line and the field of bad front matter, and keeps the good ones', () => {
    const { lib, root } = library({
      'ok.md': good('Fine'),
      'bad.md':
        '---\nalert: Broken\ntitle: t\ndescription: d\nimpact: i\nfix: f\ncountermeasures:\n  - { label: Go, action: explode }\n---\n',
    });
    const { problems } = lib.list();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${join(root, 'workspace', 'bad.md')}:8`);
    expect(problems[0]).toMatch(/countermeasures\.0\.action/);
    expect(lib.forAlert('Fine')?.title).toBe('A title');
    expect(lib.forAlert('Broken')).toBeUndefined();
  });

  it('refuses two playbooks for one alert, naming both files, and uses neither', () => {
    const { lib } = library({ 'a.md': good('Twice', 'first'), 'b.md': good('Twice', 'second') });
    expect(lib.list().problems.join('\n')).toMatch(/two playbooks for alert Twice: .*a\.md and .*b\.md/);
    expect(lib.forAlert('Twice')).toBeUndefined();
  });

  it("lets the workspace's playbook override the shipped one for the same alert", () => {
    const { lib } = library(
      { 'mine.md': good('Shared', 'ours') },
      { 'shipped.md': good('Shared', 'shipped') },
    );
    expect(lib.forAlert('Shared')).toMatchObject({ title: 'ours', origin: 'workspace' });
    expect(lib.list().problems).toEqual([]);
  });

  it('a file without front matter is named at line 1', () => {
    const { lib } = library({ 'plain.md': '# Just notes\n' });
    expect(lib.list().problems[0]).toMatch(/plain\.md:1: the file must start with YAML front matter/);
  });
});

describe('alert history', () => {
  const alert = (id: string, name: string) => ({
    id: `am/${id}`,
    connection: 'am',
    name,
    labels: { alertname: name },
    annotations: {},
    state: 'firing' as const,
    startsAt: '2026-12-03T10:00:00.000Z',
  });

  it('opens a span when an alert starts firing, ends it when it stops, and survives a restart', () => {
    const root = mkdtempSync(join(tmpdir(), 'history-'));
    dirs.push(root);
    const path = join(root, 'alerts-seen.json');
    const t0 = Date.parse('2026-12-03T10:00:05Z');
    const history = new AlertHistory(path);
    expect(history.observe('am', [alert('1', 'A'), alert('2', 'B')], t0).map((a) => a.name)).toEqual([
      'A',
      'B',
    ]);
    // Still firing: not news again.
    expect(history.observe('am', [alert('1', 'A'), alert('2', 'B')], t0 + 10_000)).toEqual([]);
    history.observe('am', [alert('1', 'A')], t0 + 60_000);
    expect(history.save()).toBeUndefined();

    const reopened = new AlertHistory(path);
    const spans = reopened.between(t0 - 3600_000, t0 + 3600_000);
    expect(spans.find((s) => s.name === 'B')?.endsAt).toBe('2026-12-03T10:01:05.000Z');
    expect(spans.find((s) => s.name === 'A')?.endsAt).toBeUndefined();
    // A restart while it still fires is not a new alert.
    expect(reopened.observe('am', [alert('1', 'A')], t0 + 120_000)).toEqual([]);
    expect(reopened.namesSince(t0 - 86_400_000)).toEqual(['A', 'B']);
  });
});
