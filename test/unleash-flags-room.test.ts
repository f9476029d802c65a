// Flags from a workspace's config.yaml, driven by the real CLI in a child process: an `unleash`
// connection (token from an environment variable) against a throwaway unleash-server, and a
// flagd file edited in place. Enable, ramp to 25%, the kill switch through an incident freeze, an
// enable the freeze refuses, a change refused because the flag moved in Unleash, and a dead Unleash
// shown stale with its age while the kill switch says plainly that it could not be applied.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditRecord } from '../src/shared/domain';
import type { FlagList } from '../src/shared/flags';
import { createControlRoom } from '../src/main/compose/create-control-room';
import { ApiError } from '../src/main/core/api/api-error';
import { ensureBuild } from './support/ensure-build';
import { findUnleash, startThrowawayUnleash, type ThrowawayUnleash } from './support/throwaway-unleash';
import { workspaceCli, type CliResult } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
const found = findUnleash();
const why = 'missing' in found ? ` (skipped: ${found.missing})` : '';
const features = '/api/admin/projects/default/features';
const TOKEN_VAR = 'CONTROL_ROOM_TEST_UNLEASH_TOKEN';

/** The ApiError a call ends with (undefined when it succeeded). */
const rejection = async (call: () => unknown): Promise<ApiError | undefined> => {
  try {
    await call();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
};

const flagdFile = JSON.stringify(
  {
    flags: {
      'read-only-mode': {
        state: 'DISABLED',
        variants: { on: true, off: false },
        defaultVariant: 'off',
        metadata: { owner: 'team-web', services: 'storefront' },
      },
    },
  },
  null,
  2,
);

describe.skipIf(why !== '')(`flags in a workspace, through the CLI${why}`, () => {
  let unleash: ThrowawayUnleash;
  let workspace: string;
  let cli: (...args: string[]) => CliResult;
  const audit = (): AuditRecord[] =>
    readFileSync(join(workspace, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as AuditRecord)
      .filter((r) => r.kind.startsWith('flag.'));
  const everything: string[] = [];
  const run = (...args: string[]): CliResult => {
    const result = cli(...args);
    everything.push(result.out, result.err);
    return result;
  };
  const rollout = async () => {
    const f = (await unleash.admin('GET', `${features}/checkout-v2`)) as {
      environments: { name: string; enabled: boolean; strategies: { parameters?: { rollout?: string } }[] }[];
    };
    const env = f.environments.find((e) => e.name === 'production')!;
    return { enabled: env.enabled, rollout: env.strategies[0]?.parameters?.rollout };
  };

  beforeAll(async () => {
    ensureBuild(root);
    unleash = await startThrowawayUnleash();
    await unleash.admin('POST', '/api/admin/tag-types', {
      name: 'service',
      description: 'services it touches',
    });
    await unleash.admin('POST', features, { name: 'checkout-v2', type: 'release' });
    await unleash.admin('POST', '/api/admin/features/checkout-v2/tags', {
      type: 'service',
      value: 'checkout',
    });
    await unleash.admin('POST', `${features}/checkout-v2/environments/production/strategies`, {
      name: 'flexibleRollout',
      constraints: [],
      parameters: { rollout: '10', stickiness: 'default', groupId: 'checkout-v2' },
    });
    process.env[TOKEN_VAR] = unleash.adminToken;
    workspace = mkdtempSync(join(tmpdir(), 'unleash-flags-room-'));
    writeFileSync(join(workspace, 'web.flagd.json'), flagdFile);
    writeFileSync(
      join(workspace, 'config.yaml'),
      [
        'actor: dana',
        'connections:',
        '  - name: unleash',
        '    kind: unleash',
        `    url: ${unleash.url}`,
        `    token: { env: ${TOKEN_VAR} }`,
        '    environments: [production]',
        '    timeout: 2s',
        '  - name: web-flags',
        '    kind: flagd-file',
        '    path: web.flagd.json',
        '    environment: production',
        '',
      ].join('\n'),
    );
    cli = workspaceCli(workspace);
  }, 120_000);
  afterAll(async () => {
    delete process.env[TOKEN_VAR];
    await unleash?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test('enable, ramp to 25%, kill through a freeze, refuse an enable while frozen, refuse a change made underneath', async () => {
    const list = run('flags', 'list', '--json');
    expect(list.code).toBe(0);
    const flags = JSON.parse(list.out) as FlagList;
    expect(flags.flags.map((f) => [f.connection, f.key, f.environment, f.enabled])).toEqual([
      ['unleash', 'checkout-v2', 'production', false],
      ['web-flags', 'read-only-mode', 'production', false],
    ]);
    expect(flags.sources.every((s) => s.problem === undefined)).toBe(true);

    const enabled = run(
      'flags',
      'enable',
      'checkout-v2',
      '--environment',
      'production',
      '--reason',
      'dark launch',
    );
    expect(enabled.code).toBe(0);
    expect(enabled.out).toMatch(/✔ checkout-v2 in production: off → on \(10%/);
    expect(await rollout()).toEqual({ enabled: true, rollout: '10' });

    expect(run('flags', 'set-rollout', 'checkout-v2', '--environment', 'production').err).toContain(
      '--percent',
    );
    const tooMuch = run(
      'flags',
      'set-rollout',
      'checkout-v2',
      '--environment',
      'production',
      '--percent',
      '140',
    );
    expect(tooMuch.code).toBe(2);
    expect(tooMuch.err).toContain('--percent must be a whole number from 0 to 100, not "140"');
    const ramp = run('flags', 'set-rollout', 'checkout-v2', '--environment', 'production', '--percent', '25');
    expect(ramp.code).toBe(0);
    expect(await rollout()).toEqual({ enabled: true, rollout: '25' });

    expect(run('incident', 'declare', '--title', 'checkout errors', '--severity', 'SEV2').code).toBe(0);
    const kill = run(
      'flags',
      'disable',
      'checkout-v2',
      '--environment',
      'production',
      '--reason',
      'errors up',
    );
    expect(kill.code).toBe(0);
    expect(await rollout()).toEqual({ enabled: false, rollout: '25' });
    const frozen = run('flags', 'enable', 'checkout-v2', '--environment', 'production');
    expect(frozen.code).toBe(1);
    expect(frozen.err).toContain('the release freeze (incident INC-1) covers production');
    expect(await rollout()).toEqual({ enabled: false, rollout: '25' });
    expect(run('incident', 'resolve', 'INC-1', '--rca', 'bad config push').code).toBe(0);

    // Someone ramps it in Unleash between the CLI's read and its write: a read-then-act script.
    const seen = JSON.parse(
      run('flags', 'show', 'checkout-v2', '--environment', 'production', '--json').out,
    ) as {
      flag: { version: string };
    };
    const strategies = (await unleash.admin(
      'GET',
      `${features}/checkout-v2/environments/production/strategies`,
    )) as {
      id: string;
    }[];
    await unleash.admin(
      'PUT',
      `${features}/checkout-v2/environments/production/strategies/${strategies[0]!.id}`,
      {
        name: 'flexibleRollout',
        constraints: [],
        parameters: { rollout: '60', stickiness: 'default', groupId: 'checkout-v2' },
      },
    );
    // The change decided on the version seen is refused, with what moved, and Unleash keeps 60%.
    const room = await createControlRoom({ workspaceDir: workspace, mode: 'cli', actor: 'dana' });
    try {
      const refused = await rejection(() =>
        room.handlers['flags.change'](
          {
            flag: 'checkout-v2',
            environment: 'production',
            change: { kind: 'set-rollout', percent: 30 },
            expected: seen.flag.version,
            idempotencyKey: 'underneath-1',
          },
          { role: 'operator', actor: 'dana' },
        ),
      );
      expect(refused?.code).toBe('precondition-failed');
      expect(refused?.message).toContain('changed underneath you');
    } finally {
      room.close();
    }
    expect(await rollout()).toEqual({ enabled: false, rollout: '60' });

    expect(audit().map((r) => [r.kind, r.target, r.details.change, r.actor])).toEqual([
      ['flag.changed', 'checkout-v2', 'enable', 'dana'],
      ['flag.changed', 'checkout-v2', 'set-rollout', 'dana'],
      ['flag.changed', 'checkout-v2', 'disable', 'dana'],
      ['flag.change-refused', 'checkout-v2', 'enable', 'dana'],
      ['flag.change-refused', 'checkout-v2', 'set-rollout', 'dana'],
    ]);
    expect(audit()[1]?.details).toMatchObject({
      connection: 'unleash',
      environment: 'production',
      percent: 25,
      before: { enabled: true, rolloutPercent: 10 },
      after: { enabled: true, rolloutPercent: 25 },
      services: ['checkout'],
    });
    expect(audit()[0]?.reason).toBe('dark launch');

    const recent = JSON.parse(run('flags', 'list', '--changed-within', '1h', '--json').out) as FlagList;
    expect(recent.flags.map((f) => f.key)).toEqual(['checkout-v2']);
    expect(recent.flags[0]?.lastRecorded?.by).toBe('dana');
  });

  test('a flagd file is edited in place with the same audit trail', () => {
    const on = run(
      'flags',
      'enable',
      'read-only-mode',
      '--environment',
      'production',
      '--reason',
      'overload',
    );
    expect(on.code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(workspace, 'web.flagd.json'), 'utf8')).flags['read-only-mode'].state,
    ).toBe('ENABLED');
    expect(audit().at(-1)).toMatchObject({
      kind: 'flag.changed',
      target: 'read-only-mode',
      reason: 'overload',
      details: { connection: 'web-flags', change: 'enable', services: ['storefront'] },
    });
    const table = run('flags', 'list');
    expect(table.out).toMatch(/read-only-mode\s+production\s+● on/);
  });

  test('Unleash down: stale with its age beside the live file, the kill switch fails plainly and is recorded', async () => {
    const room = await createControlRoom({ workspaceDir: workspace, mode: 'cli', actor: 'dana' });
    const ctx = { role: 'operator' as const, actor: 'dana' };
    try {
      const live = await room.handlers['flags.list']({}, ctx);
      expect(live.sources.every((s) => s.problem === undefined)).toBe(true);
      await unleash.kill();
      // The next read is due at once after a failed call; a list waits for it.
      const failed = await rejection(() =>
        room.handlers['flags.change'](
          {
            flag: 'checkout-v2',
            environment: 'production',
            change: { kind: 'disable' },
            idempotencyKey: 'kill-dead-1',
          },
          ctx,
        ),
      );
      expect(failed?.code).toBe('backend-error');
      // Already off, but Unleash cannot say so: the kill switch says it could not be applied.
      expect(failed?.message).toMatch(
        /^checkout-v2 in production: the kill switch could not be applied: .*did not answer.*; nothing changed; retry when ready\.$/,
      );
      const stale = await room.handlers['flags.list']({}, ctx);
      const source = stale.sources.find((s) => s.connection === 'unleash');
      expect(source?.staleMs).toEqual(expect.any(Number));
      expect(source?.problem).toContain('did not answer');
      expect(stale.flags.find((f) => f.key === 'checkout-v2')).toMatchObject({
        stale: true,
        asOf: expect.any(String),
      });
      expect(stale.flags.find((f) => f.key === 'read-only-mode')?.stale).toBeUndefined();
      const status = room.room.connections().find((c) => c.name === 'unleash');
      expect(status).toMatchObject({ reachable: false, roles: ['flags'] });
      everything.push(JSON.stringify(stale), failed?.message ?? '', JSON.stringify(room.room.connections()));
    } finally {
      room.close();
    }
    expect(audit().at(-1)).toMatchObject({
      kind: 'flag.change-failed',
      target: 'checkout-v2',
      details: { change: 'disable' },
    });

    // A fresh CLI has never read Unleash: it says it cannot look the flag up, and the file still works.
    const kill = run('flags', 'disable', 'checkout-v2', '--environment', 'production');
    expect(kill.code).toBe(1);
    expect(kill.err).toContain('could not be looked up');
    expect(run('flags', 'disable', 'read-only-mode', '--environment', 'production').code).toBe(0);
    // The token is never printed, logged or recorded.
    const log = readFileSync(join(workspace, 'audit.jsonl'), 'utf8');
    for (const text of [...everything, log]) expect(text).not.toContain(unleash.adminToken);
  });
});
