import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { ApiError } from '../api/api-error';
import { workspaceConfigSchema } from '../workspace';
import { ConfigConnections } from './config-connections';

const tempDir = tempDirs('config-connections-test-');

const CONFIG = `# Release Control Room: the lab
actor: dana # name recorded in the audit log
simulator:
  seed: 42 # same seed, same world
  speed: 1
server: { host: 127.0.0.1, port: 0 }

connections:
  # the simulated fleet everyone drills on
  - name: simulator
    kind: simulator
  - name: prom # the lab's Prometheus
    kind: prometheus
    url: http://127.0.0.1:9090 # behind the lab proxy
    timeout: 5s # the lab is slow
    bearerToken: { secret: prom.bearer-token }
databases:
  reporting: { host: 127.0.0.1, database: reporting, user: control_room_ro, passwordKeychain: true }
`;

function workspaceWith(text?: string): string {
  const dir = tempDir();
  if (text !== undefined) writeFileSync(join(dir, 'config.yaml'), text, { mode: 0o600 });
  return dir;
}

const refusal = (run: () => unknown): ApiError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the edit was accepted');
};

/** Every comment of a YAML text, in order. */
const comments = (text: string): string[] => [...text.matchAll(/#.*$/gm)].map((m) => m[0]);

describe('editing the connections of config.yaml', () => {
  it('adds and then removes a connection, leaving the file exactly as it was', () => {
    const dir = workspaceWith(CONFIG);
    const path = join(dir, 'config.yaml');
    const add = ConfigConnections.read(path);
    const at = add.put(
      {
        name: 'edge',
        kind: 'haproxy',
        socket: '/run/haproxy/admin.sock',
        services: [
          { service: 'checkout', environment: 'prod', backend: 'web', versionPattern: '-(?<version>.+)$' },
        ],
      },
      false,
    );
    expect(at).toBe(2);
    add.check(workspaceConfigSchema(dir), at);
    add.write();
    const added = readFileSync(path, 'utf8');
    expect(added.startsWith(CONFIG.slice(0, CONFIG.indexOf('databases:')))).toBe(true);
    expect(comments(added)).toEqual(comments(CONFIG));
    expect(parseDocument(added).toJS().connections[2]).toMatchObject({
      name: 'edge',
      socket: '/run/haproxy/admin.sock',
    });

    const remove = ConfigConnections.read(path);
    remove.remove('edge');
    remove.check(workspaceConfigSchema(dir));
    remove.write();
    expect(readFileSync(path, 'utf8')).toBe(CONFIG);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('edits a connection in place: the comments beside the keys it keeps stay, unrelated keys are untouched', () => {
    const dir = workspaceWith(CONFIG);
    const path = join(dir, 'config.yaml');
    const edit = ConfigConnections.read(path);
    const at = edit.put(
      {
        name: 'prom',
        kind: 'prometheus',
        url: 'http://127.0.0.1:9091',
        timeout: '5s',
        bearerToken: { secret: 'prom.bearer-token' },
        metrics: { errorRate: { query: 'sum(rate(http_errors_total{version="{{version}}"}[1m]))' } },
      },
      true,
    );
    edit.check(workspaceConfigSchema(dir), at);
    edit.write();
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('    url: http://127.0.0.1:9091 # behind the lab proxy\n');
    expect(text).toContain('    timeout: 5s # the lab is slow\n');
    expect(comments(text)).toEqual(comments(CONFIG));
    const before = parseDocument(CONFIG).toJS();
    const after = parseDocument(text).toJS();
    expect({ ...after, connections: undefined }).toEqual({ ...before, connections: undefined });
    expect(after.connections[0]).toEqual(before.connections[0]);
  });

  it('writes out the implied simulator before adding to a config that has no connections: list', () => {
    const dir = workspaceWith('# mine\nsimulator: { seed: 7 } # keep\n');
    const path = join(dir, 'config.yaml');
    const edit = ConfigConnections.read(path);
    expect(edit.list()).toEqual({ connections: [{ name: 'simulator', kind: 'simulator' }], implicit: true });
    const at = edit.put(
      {
        name: 'prom',
        kind: 'prometheus',
        url: 'http://127.0.0.1:9090',
        bearerToken: { secret: 'prom.bearer-token' },
      },
      false,
    );
    edit.check(workspaceConfigSchema(dir), at);
    edit.write();
    expect(readFileSync(path, 'utf8')).toBe(
      [
        '# mine',
        'simulator: { seed: 7 } # keep',
        'connections:',
        '  - name: simulator',
        '    kind: simulator',
        '  - name: prom',
        '    kind: prometheus',
        '    url: http://127.0.0.1:9090',
        '    bearerToken: { secret: prom.bearer-token }',
        '',
      ].join('\n'),
    );
  });

  it('refuses an invalid edit naming the field, and writes nothing', () => {
    const dir = workspaceWith(CONFIG);
    const path = join(dir, 'config.yaml');
    const cases = [
      { connection: { name: 'prom2', kind: 'prometheus', url: 'ftp://x' }, field: 'connection.url' },
      {
        connection: { name: 'prom2', kind: 'prometheus', url: 'http://u:p@x:9090' },
        field: 'connection.url',
      },
      {
        connection: { name: 'prom2', kind: 'prometheus', url: 'http://x', token: 'abc' },
        field: 'connection.token',
      },
      { connection: { name: 'Prom 2', kind: 'prometheus', url: 'http://x' }, field: 'connection.name' },
      { connection: { name: 'sim2', kind: 'simulator', fleet: 'missing.yaml' }, field: 'connection.fleet' },
      { connection: { name: 'sim2', kind: 'simulator', metrics: 'nope' }, field: 'connection.metrics' },
      { connection: { name: 'prom', kind: 'prometheus', url: 'http://x' }, field: 'connection.name' },
    ];
    for (const { connection, field } of cases) {
      const error = refusal(() => {
        const edit = ConfigConnections.read(path);
        edit.check(workspaceConfigSchema(dir), edit.put(connection, false));
      });
      expect(error.field, JSON.stringify(connection)).toBe(field);
      expect(error.message).toContain(field);
      // The secret a person typed in the wrong place is never quoted back.
      expect(error.message).not.toContain('abc');
    }
    expect(readFileSync(path, 'utf8')).toBe(CONFIG);
    expect(readdirSync(dir)).toEqual(['config.yaml']);
  });

  it('refuses to remove a metrics connection something still judges with, saying what', () => {
    const dir = workspaceWith(CONFIG.replace('kind: simulator\n', 'kind: simulator\n    metrics: prom\n'));
    const edit = ConfigConnections.read(join(dir, 'config.yaml'));
    edit.remove('prom');
    const error = refusal(() => edit.check(workspaceConfigSchema(dir)));
    expect(error.message).toMatch(/^connections\.0\.metrics: no connection named "prom"/);
  });

  it('says where config.yaml is broken instead of editing a file it cannot read as YAML', () => {
    const dir = workspaceWith('actor: dana\nconnections:\n  - name: a\n   kind: x\n');
    const error = refusal(() => ConfigConnections.read(join(dir, 'config.yaml')));
    expect(error.message).toMatch(/config\.yaml:4: .*Mend config\.yaml by hand first; nothing was written\./);
  });

  it('refuses to replace a connection that is not there, or to add one whose name is taken', () => {
    const dir = workspaceWith(CONFIG);
    const edit = ConfigConnections.read(join(dir, 'config.yaml'));
    expect(refusal(() => edit.put({ name: 'nope', kind: 'simulator' }, true)).code).toBe('not-found');
    expect(refusal(() => edit.put({ name: 'prom', kind: 'simulator' }, false))).toMatchObject({
      code: 'invalid-input',
      field: 'connection.name',
    });
  });
});
