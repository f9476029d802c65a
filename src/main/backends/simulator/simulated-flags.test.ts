import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricName } from '../../../shared/domain';
import { ManualClock } from '../../core/clock';
import { parseYamlText } from '../../core/config/parse-yaml-file';
import { FlagChangedUnderneath, FlagNotFound } from '../../core/flags/flags-backend';
import { findResourcesDir } from '../../resources-dir';
import { fleetFileSchema } from './fleet-file';
import { FlagsStore } from './flags-store';
import { createSimulator, loadFleetFile, type Simulator } from './simulator';

const START = Date.parse('2026-11-27T12:00:00Z');
const MIN = 60_000;
const demoFleet = () => loadFleetFile(join(findResourcesDir(), 'demo-fleet.yaml'));

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function world(options: Parameters<typeof createSimulator>[2] = {}) {
  const clock = new ManualClock(START);
  return { clock, sim: createSimulator(demoFleet(), clock, { seed: 3, ...options }) };
}

function mean(
  sim: Simulator,
  q: { service: string; environment: string; version: string; metric: MetricName },
  from: number,
  to: number,
): number {
  const samples = sim.metrics.querySync({ ...q, from, to, stepMs: 10_000 });
  expect(samples.length).toBeGreaterThan(0);
  return samples.reduce((a, s) => a + s.value, 0) / samples.length;
}

const checkoutErrors = (environment = 'prod-us') =>
  ({ service: 'checkout', environment, version: '2.3.1', metric: 'errorRate' }) as const;

async function version(sim: Simulator, key: string, environment: string): Promise<string> {
  const flag = await sim.flags.get(key, environment);
  if (!flag) throw new Error(`no flag ${key} in ${environment}`);
  return flag.version;
}

describe('simulated flags', () => {
  it('lists the demo fleet flags per environment: dark, on, and on for 10%', async () => {
    const { sim } = world();
    const prodUs = await sim.flags.list('prod-us');
    const byKey = new Map(prodUs.map((f) => [f.key, f]));
    expect(byKey.get('new-pricing-engine')).toMatchObject({ enabled: false, services: ['checkout'] });
    expect(byKey.get('checkout-express-pay')?.enabled).toBe(true);
    expect(byKey.get('semantic-search-ranking')).toMatchObject({
      enabled: true,
      strategies: [{ name: 'flexibleRollout', rolloutPercent: 10, groupId: 'userId' }],
    });
    expect((await sim.flags.list()).length).toBe(prodUs.length * 3);
  });

  it('raises checkout error rate by the factor where the flag is turned on, and a kill cures it', async () => {
    const { clock, sim } = world();
    const control = world().sim;
    clock.advance(10 * MIN);
    const flip = clock.now();
    const result = await sim.flags.enable('new-pricing-engine', 'prod-us', {
      expected: await version(sim, 'new-pricing-engine', 'prod-us'),
      actor: 'ana',
    });
    expect(result).toMatchObject({ outcome: 'applied', after: { enabled: true } });
    expect(result.after.lastChange).toEqual({ at: new Date(flip).toISOString(), by: 'ana' });
    expect(result.after.version).not.toBe(result.before.version);

    // What the person sees: the ten minutes after the flip against the ten before.
    const before = mean(sim, checkoutErrors(), flip - 10 * MIN, flip);
    const after = mean(sim, checkoutErrors(), flip, flip + 10 * MIN);
    expect(after / before).toBeGreaterThan(6);
    expect(after / before).toBeLessThan(10);
    // Against the same world without the flip, it is the factor exactly; other environments are untouched.
    expect(after / mean(control, checkoutErrors(), flip, flip + 10 * MIN)).toBeCloseTo(8, 6);
    expect(mean(sim, checkoutErrors('prod-eu'), flip, flip + 10 * MIN)).toBeCloseTo(
      mean(control, checkoutErrors('prod-eu'), flip, flip + 10 * MIN),
      10,
    );

    clock.advance(10 * MIN);
    const kill = clock.now();
    await sim.flags.disable('new-pricing-engine', 'prod-us', {
      expected: result.after.version,
      actor: 'ana',
    });
    // Within a minute of the kill the rate is back where it was; the bad minutes stay in history.
    expect(mean(sim, checkoutErrors(), kill + MIN, kill + 5 * MIN) / before).toBeLessThan(1.5);
    expect(mean(sim, checkoutErrors(), flip, kill) / before).toBeGreaterThan(6);
  });

  it('scales the effect by the rollout share: 25% has a quarter of it', async () => {
    const { clock, sim } = world();
    const control = world().sim;
    const key = 'new-pricing-engine';
    const ramp = await sim.flags.setRollout(key, 'prod-us', {
      expected: await version(sim, key, 'prod-us'),
      actor: 'ana',
      percent: 25,
    });
    await sim.flags.enable(key, 'prod-us', { expected: ramp.after.version, actor: 'ana' });
    const window = [clock.now(), clock.now() + 10 * MIN] as const;
    const ratio = mean(sim, checkoutErrors(), ...window) / mean(control, checkoutErrors(), ...window);
    expect(ratio).toBeCloseTo(1 + 7 * 0.25, 6);
    // The cohorts of the flag: its users see the whole effect, the others none.
    const q = { ...checkoutErrors(), from: window[0], to: window[1], stepMs: 10_000 };
    const avg = (xs: { value: number }[]) => xs.reduce((a, s) => a + s.value, 0) / xs.length;
    const on = sim.metrics.queryCohort(q, { flag: key, on: true });
    const off = sim.metrics.queryCohort(q, { flag: key, on: false });
    expect(avg(on) / avg(off)).toBeCloseTo(8, 6);
    // Before the flip nobody was in the on cohort.
    expect(
      sim.metrics.queryCohort({ ...q, from: START - 10 * MIN, to: START }, { flag: key, on: true }),
    ).toEqual([]);
  });

  it('adds latency in milliseconds for a latency effect', async () => {
    const { sim } = world();
    const control = world().sim;
    const key = 'recommendations-v2-model';
    await sim.flags.enable(key, 'prod-us', { expected: await version(sim, key, 'prod-us'), actor: 'ana' });
    const q = {
      service: 'recommendations',
      environment: 'prod-us',
      version: '4.0.7',
      metric: 'latencyP99',
    } as const;
    const window = [START, START + 5 * MIN] as const;
    expect(mean(sim, q, ...window) - mean(control, q, ...window)).toBeCloseTo(250, 6);
  });

  it('is idempotent, refuses a change on a stale version, a share outside 0-100 and an unknown flag', async () => {
    const { clock, sim } = world();
    const key = 'checkout-express-pay';
    const seen = await version(sim, key, 'prod-eu');
    const again = await sim.flags.enable(key, 'prod-eu', { expected: seen, actor: 'ana' });
    expect(again.outcome).toBe('already');
    expect(await version(sim, key, 'prod-eu')).toBe(seen);

    clock.advance(MIN);
    await sim.flags.disable(key, 'prod-eu', { expected: seen, actor: 'bo' });
    const stale = sim.flags.setRollout(key, 'prod-eu', { expected: seen, actor: 'ana', percent: 50 });
    await expect(stale).rejects.toBeInstanceOf(FlagChangedUnderneath);
    await expect(stale).rejects.toMatchObject({
      changed: ['enabled: true → false'],
      current: { enabled: false, lastChange: { by: 'bo' } },
    });
    const now = await version(sim, key, 'prod-eu');
    for (const percent of [101, -1, 12.5])
      await expect(
        sim.flags.setRollout(key, 'prod-eu', { expected: now, actor: 'ana', percent }),
      ).rejects.toThrow(RangeError);
    await expect(
      sim.flags.enable('no-such-flag', 'prod-eu', { expected: now, actor: 'ana' }),
    ).rejects.toThrow(FlagNotFound);
    expect(await version(sim, key, 'prod-eu')).toBe(now);
  });
});

describe('saved simulated flags', () => {
  const DIGEST = 'fleet-digest';
  function open(dir: string, digest = DIGEST) {
    const fleet = demoFleet();
    return FlagsStore.open(
      { snapshot: join(dir, 'flags-state.json'), journal: join(dir, 'flags-journal.jsonl') },
      digest,
      (key, environment) =>
        fleet.environments.includes(environment) && fleet.flags.some((f) => f.key === key),
      Date.now(),
    );
  }
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'sim-flags-'));
    dirs.push(dir);
    return dir;
  }

  it('keeps a change across reopening, with its version, last change and metric history', async () => {
    const dir = tempDir();
    const first = open(dir);
    expect(first.read.kind).toBe('none');
    first.store.startFresh(START);
    const { clock, sim } = world({ flagPersistence: first.store });
    clock.advance(5 * MIN);
    const key = 'new-pricing-engine';
    const on = await sim.flags.enable(key, 'prod-us', {
      expected: await version(sim, key, 'prod-us'),
      actor: 'ana',
    });
    first.store.close();

    const second = open(dir);
    expect(second.read).toMatchObject({ kind: 'restored', savedAt: START + 5 * MIN });
    if (second.read.kind !== 'restored') return;
    const reopened = world({ restoredFlags: second.read.changes, flagPersistence: second.store }).sim;
    expect(await reopened.flags.get(key, 'prod-us')).toEqual(on.after);
    const window = [START, START + 10 * MIN] as const;
    expect(mean(reopened, checkoutErrors(), ...window)).toBeCloseTo(
      mean(sim, checkoutErrors(), ...window),
      12,
    );
    second.store.close();

    // A save of another fleet file (or seed) is not this world's: the fleet file's flags count.
    expect(open(dir, 'another-digest').read.kind).toBe('other-fleet');
  });

  it('sets a damaged save aside and says which line is wrong', () => {
    const dir = tempDir();
    const first = open(dir);
    first.store.startFresh(START);
    first.store.persistFlag({
      at: START,
      key: 'new-pricing-engine',
      environment: 'prod-us',
      enabled: true,
      rolloutPercent: 100,
      groupId: 'new-pricing-engine',
      by: 'ana',
    });
    first.store.close();
    const journal = join(dir, 'flags-journal.jsonl');
    writeFileSync(
      journal,
      readFileSync(journal, 'utf8').replace('"rolloutPercent":100', '"rolloutPercent":900'),
    );
    const second = open(dir);
    expect(second.read).toMatchObject({
      kind: 'damaged',
      problem: expect.stringContaining('flags-journal.jsonl: line seq 1: change.rolloutPercent'),
    });
    second.store.close();
    expect(open(dir).read.kind).toBe('none');
  });
});

describe('fleet file flags', () => {
  const FLEET = `environments: [staging, prod]
strategies:
  quick: { kind: canary, steps: [{ setWeight: 50 }] }
services:
  checkout: { stable: 1.0.0, requestRate: 10, errorRate: 0.01, latencyP50: 20, cpu: 0.2 }
flags:
  - key: good-flag
    description: fine
    owner: team
    services: [checkout]
    effect: { metric: errorRate, factor: 3 }
    environments: { prod: { enabled: true, rolloutPercent: 10 } }
`;
  const parse = (text: string) => parseYamlText(text, 'fleet.yaml', fleetFileSchema);

  it('reads a good flags list', () => {
    expect(parse(FLEET).flags[0]).toMatchObject({
      key: 'good-flag',
      effects: [{ metric: 'errorRate', factor: 3 }],
    });
  });

  it.each([
    [
      'an unknown service',
      FLEET.replace('services: [checkout]', 'services: [checkuot]'),
      /fleet\.yaml:10: flags\.0\.services\.0: unknown service "checkuot"/,
    ],
    [
      'an unknown environment',
      FLEET.replace('{ prod:', '{ production:'),
      /fleet\.yaml:12: flags\.0\.environments\.production: unknown environment/,
    ],
    [
      'a share outside 0-100',
      FLEET.replace('rolloutPercent: 10', 'rolloutPercent: 110'),
      /fleet\.yaml:12: flags\.0\.environments\.prod\.rolloutPercent/,
    ],
    [
      'addMs on error rate',
      FLEET.replace('factor: 3', 'addMs: 3'),
      /fleet\.yaml:11: flags\.0\.effect\.addMs: addMs applies to latency/,
    ],
    [
      'an unknown key',
      FLEET.replace('owner: team', 'owner: team\n    ownr: x'),
      /fleet\.yaml:10: flags\.0: Unrecognized key: "ownr"/,
    ],
    [
      'a flag declared twice',
      `${FLEET}  - { key: good-flag, description: again, owner: team }\n`,
      /fleet\.yaml:13: flags\.1\.key: flag good-flag is declared twice/,
    ],
  ])('names file:line and the field for %s', (_what, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
