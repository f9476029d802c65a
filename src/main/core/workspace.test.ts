import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

function configError(text: string, workspace = openWorkspace(tempDir())): YamlFileError {
  writeFileSync(workspace.configPath, text);
  return loadError(workspace);
}

function loadError(workspace: ReturnType<typeof openWorkspace>): YamlFileError {
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
    expect(config).toMatchObject({ simulator: { seed: 42, speed: 1 }, server: { host: '127.0.0.1' } });
    expect(config.connections).toBeUndefined();
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

  it('refuses an actor name that is not well-formed text (it could never be audited)', () => {
    const error = configError('simulator:\n  seed: 3\nactor: "dana\\ud800"\n');
    expect(error.problems[0]).toMatch(/config\.yaml:3: actor: not well-formed text: a lone surrogate/);
  });

  it('names config.yaml when it is a directory', () => {
    const workspace = openWorkspace(tempDir());
    mkdirSync(workspace.configPath);
    expect(loadError(workspace).problems).toEqual([`${workspace.configPath}: is a directory, not a file`]);
  });

  it('blames the key and line that name a fleet file which does not exist', () => {
    const workspace = openWorkspace(tempDir());
    const error = configError('actor: dana\nsimulator:\n  seed: 7\n  fleet: missing.yaml\n', workspace);
    expect(error.problems).toEqual([
      `${workspace.configPath}:4: simulator.fleet: fleet file ${join(workspace.dir, 'missing.yaml')} does not exist`,
    ]);
  });

  it('blames the key of a simulated databases file that is a directory', () => {
    const workspace = openWorkspace(tempDir());
    mkdirSync(join(workspace.dir, 'dbs.yaml'));
    const error = configError('simulator:\n  databases: dbs.yaml\n', workspace);
    expect(error.problems).toEqual([
      `${workspace.configPath}:2: simulator.databases: simulated databases file ${join(workspace.dir, 'dbs.yaml')} is a directory, not a file`,
    ]);
  });

  it('refuses a workspace that is not a writable folder, naming it', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    expect(() => openWorkspace(join(file, 'workspace'))).toThrow(
      /Workspace folder .*a-file\/workspace is not writable: ENOTDIR/,
    );
  });
});
