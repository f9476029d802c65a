// Config mistakes as a person makes them, through the CLI: each one exits 2 with a message naming the
// file and, where one is to blame, the key and line, instead of a Node error code or a crash.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasBomb } from './support/alias-bomb';
import { tempDirs } from './support/temp-dirs';

const root = join(import.meta.dirname, '..');
const tempDir = tempDirs('config-errors-');

function workspace(files: Record<string, string | 'directory'>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files))
    if (content === 'directory') mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  return dir;
}

/** `control-room rollouts list` on the workspace, with a heap that an expanded alias bomb would burst. */
function run(dir: string) {
  const cli = join(root, 'src/main/cli.ts');
  return spawnSync(
    process.execPath,
    ['--max-old-space-size=64', '--import', 'tsx', cli, 'rollouts', 'list', '--workspace', dir],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
}

describe('config errors on the command line', () => {
  it('names config.yaml when it is a directory', () => {
    const dir = workspace({ 'config.yaml': 'directory' });
    const { status, stderr } = run(dir);
    expect(stderr).toContain(`${join(dir, 'config.yaml')}: is a directory, not a file`);
    expect(status).toBe(2);
  });

  it('blames the key and line naming a fleet file that does not exist', () => {
    const dir = workspace({
      'config.yaml':
        'actor: dana\nserver: { host: 127.0.0.1 }\nsimulator:\n  seed: 3\n  fleet: missing.yaml\n',
    });
    const { status, stderr } = run(dir);
    expect(stderr).toContain(
      `${join(dir, 'config.yaml')}:5: simulator.fleet: fleet file ${join(dir, 'missing.yaml')} does not exist`,
    );
    expect(status).toBe(2);
  });

  it('refuses an alias bomb in config.yaml, naming file, line and key', () => {
    const dir = workspace({ 'config.yaml': aliasBomb() });
    const { status, stderr } = run(dir);
    expect(stderr).toMatch(/config\.yaml:\d+: [a-j]: YAML aliases expand too far/);
    expect(status).toBe(2);
  });

  it('refuses an alias bomb in the fleet file, naming that file', () => {
    const dir = workspace({ 'config.yaml': 'simulator:\n  fleet: fleet.yaml\n', 'fleet.yaml': aliasBomb() });
    const { status, stderr } = run(dir);
    expect(stderr).toMatch(/fleet\.yaml:\d+: [a-j]: YAML aliases expand too far/);
    expect(status).toBe(2);
  });
});
