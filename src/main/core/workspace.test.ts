import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { YamlFileError } from './config/parse-yaml-file';
import { loadConfig, openWorkspace } from './workspace';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-test-'));
  dirs.push(dir);
  return dir;
}

function configError(text: string): YamlFileError {
  const workspace = openWorkspace(tempDir());
  writeFileSync(workspace.configPath, text);
  try {
    loadConfig(workspace);
  } catch (error) {
    if (error instanceof YamlFileError) return error;
    throw error;
  }
  throw new Error('config was accepted');
}

describe('workspace and config', () => {
  it('uses the defaults when there is no config.yaml', () => {
    const config = loadConfig(openWorkspace(tempDir()));
    expect(config).toMatchObject({ deployment: { backend: 'simulator' }, server: { host: '127.0.0.1' } });
  });

  it('names file, line and field of an unknown key', () => {
    const error = configError('actor: alice\nsimulator:\n  seed: 3\n  sped: 10\n');
    expect(error.message).toMatch(/config\.yaml:4: simulator: Unrecognized key: "sped"/);
  });

  it('names file, line and field of a wrong type', () => {
    const error = configError('simulator:\n  speed: fast\n');
    expect(error.problems[0]).toMatch(/config\.yaml:2: simulator\.speed: .*number/);
  });

  it('reports a corrupted YAML file with its line', () => {
    const error = configError('actor: alice\nsimulator: [unclosed\n  seed: 1\n');
    expect(error.problems[0]).toMatch(/config\.yaml:\d+: /);
  });

  it('refuses a workspace that is not a writable folder, naming it', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    expect(() => openWorkspace(join(file, 'workspace'))).toThrow(
      /Workspace folder .*a-file\/workspace is not writable: ENOTDIR/,
    );
  });
});
