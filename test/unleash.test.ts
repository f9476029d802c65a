// The Unleash backend against a real unleash-server 6.x on a throwaway PostgreSQL: flags made
// through Unleash's own Admin API (as a team does in its UI), then read and changed through the
// backend the control room uses: list, enable, ramp to 25%, kill switch, a change refused because
// someone changed the flag underneath, and a dead or hung Unleash that fails fast with its reason.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UnleashFlags } from '../src/main/backends/unleash/unleash-flags';
import { FlagChangedUnderneath, FlagsUnavailable } from '../src/main/core/flags/flags-backend';
import { freeLoopbackPort } from '../src/main/free-loopback-port';
import { startHangingListener } from './support/hanging-listener';
import { startThrowawayUnleash, unleashSkipReason, type ThrowawayUnleash } from './support/throwaway-unleash';

const why = unleashSkipReason();
const features = '/api/admin/projects/default/features';

describe.skipIf(why !== '')(`Unleash flags against a real unleash-server${why}`, () => {
  let unleash: ThrowawayUnleash;
  let flags: UnleashFlags;

  beforeAll(async () => {
    unleash = await startThrowawayUnleash();
    await unleash.admin('POST', '/api/admin/tag-types', {
      name: 'service',
      description: 'services it touches',
    });
    await unleash.admin('POST', features, {
      name: 'checkout-v2',
      description: 'The new checkout',
      type: 'release',
    });
    await unleash.admin('POST', '/api/admin/features/checkout-v2/tags', {
      type: 'service',
      value: 'checkout',
    });
    await unleash.admin('POST', `${features}/checkout-v2/environments/production/strategies`, {
      name: 'flexibleRollout',
      constraints: [{ contextName: 'userId', operator: 'IN', values: ['7', '8'] }],
      parameters: { rollout: '10', stickiness: 'default', groupId: 'checkout-v2' },
    });
    await unleash.admin('POST', features, { name: 'read-only-mode', type: 'kill-switch' });
    const token = unleash.adminToken;
    flags = new UnleashFlags({
      name: 'unleash',
      url: unleash.url,
      token: async () => token,
      timeoutMs: 2000,
    });
  }, 60_000);
  afterAll(async () => unleash?.stop());

  test('lists every flag per environment with its strategy, share, constraints, services and last change', async () => {
    const production = await flags.list('production');
    expect(production.map((f) => f.key).sort()).toEqual(['checkout-v2', 'read-only-mode']);
    const checkout = production.find((f) => f.key === 'checkout-v2')!;
    expect(checkout).toMatchObject({
      project: 'default',
      environment: 'production',
      enabled: false,
      description: 'The new checkout',
      services: ['checkout'],
      strategies: [
        {
          name: 'flexibleRollout',
          rolloutPercent: 10,
          groupId: 'checkout-v2',
          constraints: [{ contextName: 'userId', operator: 'IN', values: ['7', '8'] }],
        },
      ],
    });
    expect(checkout.lastChange?.by).toBe('admin');
    expect(
      (await flags.list())
        .filter((f) => f.key === 'checkout-v2')
        .map((f) => f.environment)
        .sort(),
    ).toEqual(['development', 'production']);
  });

  test('enable, ramp to 25%, then the kill switch: each lands in Unleash and a repeat changes nothing', async () => {
    let flag = (await flags.get('checkout-v2', 'production'))!;
    const on = await flags.enable('checkout-v2', 'production', { expected: flag.version, actor: 'dana' });
    expect(on.outcome).toBe('applied');
    expect(on.after.enabled).toBe(true);
    const again = await flags.enable('checkout-v2', 'production', { expected: flag.version, actor: 'dana' });
    expect(again.outcome).toBe('already');

    flag = on.after;
    const ramp = await flags.setRollout('checkout-v2', 'production', {
      expected: flag.version,
      actor: 'dana',
      percent: 25,
    });
    expect(ramp.message).toBe(
      'checkout-v2 in production: rollout 10% (group checkout-v2) → 25% (group checkout-v2)',
    );
    const seen = (await unleash.admin('GET', `${features}/checkout-v2`)) as {
      environments: {
        name: string;
        enabled: boolean;
        strategies: { parameters: Record<string, string>; constraints: unknown[] }[];
      }[];
    };
    const production = seen.environments.find((e) => e.name === 'production')!;
    expect(production.enabled).toBe(true);
    expect(production.strategies).toHaveLength(1);
    expect(production.strategies[0]!.parameters.rollout).toBe('25');
    expect(production.strategies[0]!.constraints).toHaveLength(1); // the ramp kept who it applies to

    const kill = await flags.disable('checkout-v2', 'production', {
      expected: ramp.after.version,
      actor: 'dana',
    });
    expect(kill.outcome).toBe('applied');
    expect((await flags.get('checkout-v2', 'production'))!.enabled).toBe(false);
    // The other environment was never touched.
    expect((await flags.get('checkout-v2', 'development'))!.enabled).toBe(false);
  });

  test('a rollout outside 0–100 is refused before Unleash is asked', async () => {
    const flag = (await flags.get('checkout-v2', 'production'))!;
    await expect(
      flags.setRollout('checkout-v2', 'production', { expected: flag.version, actor: 'dana', percent: 140 }),
    ).rejects.toThrow(/rollout 140% is not a whole number from 0 to 100/);
  });

  test('a change decided on a flag that someone changed since is refused with what changed', async () => {
    const decidedOn = (await flags.get('read-only-mode', 'production'))!;
    expect(decidedOn.enabled).toBe(false);
    // Someone else ramps it in the Unleash UI after the person looked.
    await unleash.admin('POST', `${features}/read-only-mode/environments/production/strategies`, {
      name: 'flexibleRollout',
      constraints: [],
      parameters: { rollout: '50', stickiness: 'default', groupId: 'read-only-mode' },
    });
    const refused = flags.setRollout('read-only-mode', 'production', {
      expected: decidedOn.version,
      actor: 'dana',
      percent: 5,
    });
    await expect(refused).rejects.toBeInstanceOf(FlagChangedUnderneath);
    await expect(refused).rejects.toThrow(
      /changed underneath you: strategies: no strategy → flexibleRollout 50% group read-only-mode/,
    );
    const strategies = (
      (await unleash.admin('GET', `${features}/read-only-mode`)) as {
        environments: { name: string; strategies: { parameters: Record<string, string> }[] }[];
      }
    ).environments.find((e) => e.name === 'production')!.strategies;
    expect(strategies.map((s) => s.parameters.rollout)).toEqual(['50']);
  });

  test('a wrong token is refused with the endpoint and status, and the token is never in the message', async () => {
    const secret = '*:*.not-the-token-0123456789';
    const wrong = new UnleashFlags({ name: 'unleash', url: unleash.url, token: async () => secret });
    const error: unknown = await wrong.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof FlagsUnavailable))
      throw new Error(`expected FlagsUnavailable, got ${String(error)}`);
    expect(error.message).toMatch(/GET \/api\/admin\/projects: HTTP 401/);
    expect(error.message).not.toContain('not-the-token');
  });

  test('Unleash down: a fast clear error, and flags read before come back stale with their age', async () => {
    const port = await freeLoopbackPort();
    const down = new UnleashFlags({
      name: 'unleash',
      url: `http://127.0.0.1:${port}`,
      token: async () => 't',
    });
    await expect(down.list()).rejects.toThrow(
      /did not answer GET \/api\/admin\/projects: connect ECONNREFUSED/,
    );

    const hanging = await startHangingListener();
    try {
      const hung = new UnleashFlags({
        name: 'unleash',
        url: `http://127.0.0.1:${hanging.port}`,
        token: async () => 't',
        timeoutMs: 500,
      });
      const began = Date.now();
      await expect(
        hung.disable('checkout-v2', 'production', { expected: 'x', actor: 'dana' }),
      ).rejects.toThrow(/timed out after 500 ms/);
      expect(Date.now() - began).toBeLessThan(3000);
    } finally {
      await hanging.close();
    }

    const token = unleash.adminToken;
    const room = new UnleashFlags({
      name: 'unleash',
      url: unleash.url,
      token: async () => token,
      timeoutMs: 1000,
    });
    const live = await room.list('production');
    expect(live.every((f) => f.stale === undefined)).toBe(true);
    await unleash.kill();
    const stale = await room.list('production');
    expect(stale.map((f) => f.key).sort()).toEqual(['checkout-v2', 'read-only-mode']);
    expect(stale.every((f) => f.stale === true && typeof f.asOf === 'string')).toBe(true);
    // The kill switch is a write: it says plainly it could not be applied, never answers from memory.
    const flag = stale.find((f) => f.key === 'checkout-v2')!;
    await expect(
      room.disable('checkout-v2', 'production', { expected: flag.version, actor: 'dana' }),
    ).rejects.toThrow(/did not answer GET/);
  });
});
