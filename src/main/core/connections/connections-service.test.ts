import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import type { ConnectionTestResult } from '../../../shared/api';
import type { ChangeEvent } from '../../../shared/domain';
import { ApiError } from '../api/api-error';
import { AuditLog } from '../audit/audit-log';
import { AuditWriter } from '../audit/audit-writer';
import { ManualClock } from '../clock';
import type { Config } from '../config/config-schema';
import type { ConnectionDirectory } from './connection-directory';
import { ConnectionsService } from './connections-service';
import { secretResolver } from './secret-resolver';
import { secretsFile } from './secrets-file';

const tempDir = tempDirs('connections-service-test-');
afterEach(() => vi.restoreAllMocks());

const TOKEN = 'prom-token-7c2f9e1d4b8a6053';
const CONFIG = '# lab\nactor: dana # me\n';

/** Only in unit tests: a directory that records what it was asked to take up. */
function fakeDirectory(live = false) {
  const reloads: Config[] = [];
  const directory: ConnectionDirectory = {
    statuses: () => [
      { name: 'simulator', kind: 'simulator', roles: ['deployment', 'metrics'], reachable: true },
    ],
    test: async (name) => ({ name }) as ConnectionTestResult,
    suggest: async () => [],
    reload: async (config) => {
      reloads.push(config);
      return { live, message: live ? 'In use now.' : 'The fleet takes it up at the next start.' };
    },
  };
  return { directory, reloads };
}

function setup(options: { live?: boolean; env?: Record<string, string> } = {}) {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), CONFIG, { mode: 0o600 });
  const clock = new ManualClock(Date.parse('2026-11-27T12:00:00Z'));
  const log = AuditLog.open(join(dir, 'audit.jsonl'), clock);
  const writer = new AuditWriter(log, clock);
  const store = secretsFile(join(dir, 'secrets.json'));
  const { directory, reloads } = fakeDirectory(options.live);
  const events: ChangeEvent[] = [];
  const service = new ConnectionsService({
    configPath: join(dir, 'config.yaml'),
    workspaceDir: dir,
    directory,
    secrets: secretResolver(options.env ?? {}, store),
    writer,
    publish: (event) => void events.push(event),
  });
  const config = () => readFileSync(join(dir, 'config.yaml'), 'utf8');
  return { dir, service, store, log, reloads, events, config };
}

const PROM = {
  name: 'prom',
  kind: 'prometheus' as const,
  url: 'http://127.0.0.1:9090',
  bearerToken: { secret: 'prom.bearer-token' },
};

const rejection = (promise: Promise<unknown>): Promise<ApiError> =>
  promise.then(
    () => {
      throw new Error('it was accepted');
    },
    (error: unknown) => {
      if (error instanceof ApiError) return error;
      throw error;
    },
  );

describe('the connections service', () => {
  it('saves a connection with its token: the token to the store, its reference to config.yaml, the record without it', async () => {
    const t = setup();
    const result = await t.service.save(
      { connection: PROM, replace: false, secrets: { bearerToken: TOKEN } },
      'dana',
    );
    expect(result.message).toMatch(
      /^Added prom \(prometheus\) to config\.yaml; its bearerToken went to the secrets file .*secrets\.json\. The fleet takes it up at the next start\.$/,
    );
    expect(result.live).toBe(false);
    expect(t.config()).toContain('bearerToken: { secret: prom.bearer-token }');
    expect(t.config()).not.toContain(TOKEN);
    expect(await t.store.get('prom.bearer-token')).toBe(TOKEN);
    const [record] = t.log.records();
    expect(record).toMatchObject({
      actor: 'dana',
      kind: 'connection.saved',
      target: 'prom',
      details: { kind: 'prometheus', created: true, secretsStored: ['bearerToken'], settings: PROM },
    });
    expect(readFileSync(join(t.dir, 'audit.jsonl'), 'utf8')).not.toContain(TOKEN);
    expect(t.events).toEqual([{ type: 'audit', seq: 1 }]);
    expect(t.reloads.at(-1)?.connections?.map((c) => c.name)).toEqual(['simulator', 'prom']);

    const prom = result.list.connections.find((c) => c.name === 'prom');
    expect(prom?.secrets).toEqual([
      {
        field: 'bearerToken',
        from: 'secret',
        ref: 'prom.bearer-token',
        state: 'set',
        where: `the secrets file ${join(t.dir, 'secrets.json')}`,
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result.list.pending).toEqual({
      names: ['prom'],
      message: 'The fleet takes it up at the next start.',
    });
  });

  it('shows an environment variable as set or not set, never its value, and will not store a secret for it', async () => {
    const t = setup({ env: { PROM_TOKEN: TOKEN } });
    const connection = { ...PROM, bearerToken: { env: 'PROM_TOKEN' } };
    await t.service.save({ connection, replace: false, secrets: {} }, 'dana');
    const list = await t.service.list();
    expect(list.connections.find((c) => c.name === 'prom')?.secrets).toEqual([
      {
        field: 'bearerToken',
        from: 'env',
        ref: 'PROM_TOKEN',
        state: 'set',
        where: 'environment variable PROM_TOKEN',
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    const refused = await rejection(
      t.service.save({ connection, replace: true, secrets: { bearerToken: 'x' } }, 'dana'),
    );
    expect(refused).toMatchObject({ code: 'invalid-input', field: 'secrets.bearerToken' });
    expect(refused.message).toContain('comes from the environment variable PROM_TOKEN');
    expect((await rejection(t.service.setSecret('prom', 'bearerToken', 'x', 'dana'))).code).toBe(
      'precondition-failed',
    );
  });

  it('refuses an invalid connection with its field, storing no secret and writing nothing', async () => {
    const t = setup();
    const refused = await rejection(
      t.service.save(
        { connection: { ...PROM, url: 'not a url' }, replace: false, secrets: { bearerToken: TOKEN } },
        'dana',
      ),
    );
    expect(refused).toMatchObject({ code: 'invalid-input', field: 'connection.url' });
    expect(t.config()).toBe(CONFIG);
    expect(readdirSync(t.dir)).not.toContain('secrets.json');
    expect(await t.store.get('prom.bearer-token')).toBeUndefined();
    expect(t.log.records()).toEqual([]);
  });

  it('puts config.yaml and the secrets back when the audit record cannot be written: nothing was done', async () => {
    const t = setup();
    await t.service.save({ connection: PROM, replace: false, secrets: { bearerToken: TOKEN } }, 'dana');
    const before = t.config();
    vi.spyOn(t.log, 'appendBatch').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const refused = await rejection(
      t.service.save(
        {
          connection: { ...PROM, url: 'http://127.0.0.1:9999' },
          replace: true,
          secrets: { bearerToken: 'new' },
        },
        'dana',
      ),
    );
    expect(refused.code).toBe('unavailable');
    expect(refused.message).toMatch(/nothing was done/);
    expect(t.config()).toBe(before);
    expect(await t.store.get('prom.bearer-token')).toBe(TOKEN);
    const removal = await rejection(t.service.remove('prom', 'dana'));
    expect(removal.code).toBe('unavailable');
    expect(t.config()).toBe(before);
    expect(await t.store.get('prom.bearer-token')).toBe(TOKEN);
  });

  it('removes a connection and the stored secrets only it used; refuses while something judges with it', async () => {
    const t = setup();
    await t.service.save({ connection: PROM, replace: false, secrets: { bearerToken: TOKEN } }, 'dana');
    await t.service.save(
      { connection: { name: 'simulator', kind: 'simulator', metrics: 'prom' }, replace: true, secrets: {} },
      'dana',
    );
    const list = await t.service.list();
    expect(list.connections.find((c) => c.name === 'prom')?.usedBy).toEqual([
      "the canary judge of simulator's rollouts",
    ]);
    const refused = await rejection(t.service.remove('prom', 'dana'));
    expect(refused.code).toBe('precondition-failed');
    expect(refused.message).toMatch(
      /^prom cannot be removed: connections\.0\.metrics: no connection named "prom"/,
    );
    await t.service.save(
      { connection: { name: 'simulator', kind: 'simulator' }, replace: true, secrets: {} },
      'dana',
    );
    const removed = await t.service.remove('prom', 'dana');
    expect(removed.message).toMatch(
      /^Removed prom from config\.yaml; its secrets were deleted from the secrets file/,
    );
    expect(await t.store.get('prom.bearer-token')).toBeUndefined();
    expect(t.config()).not.toContain('prom');
    expect(t.log.records().map((r) => [r.kind, r.target, r.details.secretsDeleted])).toEqual([
      ['connection.saved', 'prom', undefined],
      ['connection.saved', 'simulator', undefined],
      ['connection.saved', 'simulator', undefined],
      ['connection.removed', 'prom', ['prom.bearer-token']],
    ]);
  });

  it('rotates a stored secret without touching config.yaml', async () => {
    const t = setup({ live: true });
    const saved = await t.service.save({ connection: PROM, replace: false, secrets: {} }, 'dana');
    expect(saved.list.connections.find((c) => c.name === 'prom')?.secrets[0]?.state).toBe('not set');
    const before = t.config();
    const result = await t.service.setSecret('prom', 'bearerToken', TOKEN, 'dana');
    expect(result).toMatchObject({
      live: true,
      message: expect.stringMatching(/^Stored the new bearerToken of prom/),
    });
    expect(t.config()).toBe(before);
    expect(await t.store.get('prom.bearer-token')).toBe(TOKEN);
    expect(t.log.records().at(-1)).toMatchObject({
      kind: 'connection.secret-set',
      details: { field: 'bearerToken', secret: 'prom.bearer-token' },
    });
    expect(result.list.pending).toBeUndefined();
    expect((await rejection(t.service.setSecret('nope', 'bearerToken', 'x', 'dana'))).code).toBe('not-found');
    expect((await rejection(t.service.setSecret('simulator', 'bearerToken', 'x', 'dana'))).code).toBe(
      'precondition-failed',
    );
  });

  it('shows no settings of a config.yaml that someone broke by hand, only why', async () => {
    const t = setup();
    writeFileSync(
      join(t.dir, 'config.yaml'),
      `connections:\n  - { name: prom, kind: prometheus, url: 'http://x', token: ${TOKEN} }\n`,
    );
    const list = await t.service.list();
    expect(list.problem).toMatch(/connections\.0\.token: a Prometheus token never goes in config\.yaml/);
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    expect(list.connections.map((c) => [c.name, c.settings])).toEqual([['simulator', {}]]);
  });
});
