// The flagd file backend on real files: what a person sees of each flag, the errors that name
// where a file goes wrong, and changes that touch only the value they change.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlagsFile } from '../src/main/backends/flagd-file/flags-file';
import { FlagChangedUnderneath, FlagsUnavailable } from '../src/main/core/flags/flags-backend';
import { tempDirs } from './support/temp-dirs';

const tempDir = tempDirs('flagd-file-');
const example = fs.readFileSync(path.join(__dirname, 'fixtures/flagd/checkout.flagd.json'), 'utf8');

function flagFile(text = example, mode = 0o640) {
  const file = path.join(tempDir(), 'flags.json');
  fs.writeFileSync(file, text);
  fs.chmodSync(file, mode);
  return { file, flags: new FlagsFile({ name: 'checkout-flags', path: file, environment: 'production' }) };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

describe('a flagd file read', () => {
  it('shows each flag on or off, its share from a fractional rule, variants and owner', async () => {
    const { file, flags } = flagFile();
    const list = await flags.list('production');
    expect(list.map((f) => [f.key, f.enabled])).toEqual([
      ['new-checkout', false],
      ['fast-search', true],
      ['banner-colour', true],
      ['read-only-mode', false],
    ]);
    const search = list[1]!;
    expect(search.project).toBe(file);
    expect(search.strategies).toEqual([
      { name: 'fractional', rolloutPercent: 10, groupId: 'email', constraints: [] },
    ]);
    expect(search.variants.map((v) => [v.name, v.weightPercent])).toEqual([
      ['yes', 10],
      ['no', 90],
    ]);
    expect(list[0]).toMatchObject({
      owner: 'team-checkout',
      services: ['checkout', 'payments'],
      strategies: [],
    });
    // A string flag has no single on-share, only its variants' shares.
    expect(list[2]!.strategies).toEqual([{ name: 'fractional', constraints: [] }]);
    expect(list[2]!.variants.map((v) => v.weightPercent)).toEqual([50, 50]);
    expect(list[3]!.strategies).toEqual([{ name: 'targeting', constraints: [] }]);
    expect(await flags.list('staging')).toEqual([]);
  });

  it('names file:line:column for a syntax error', async () => {
    const broken = example.replace('"defaultVariant": "no",', '"defaultVariant": "no",,');
    const { file, flags } = flagFile(broken);
    const error = await failure(flags.list());
    expect(error).toBeInstanceOf(FlagsUnavailable);
    expect(error.message).toContain(`${file}:17:30: not valid JSON`);
  });

  it('names file:line and the JSON path for a schema error, an unknown operator and a bad reference', async () => {
    const bad = example.replace(
      '"state": "ENABLED",\n      "variants": { "yes"',
      '"state": "ON",\n      "variants": { "yes"',
    );
    const { file, flags } = flagFile(bad);
    const { message } = await failure(flags.list());
    expect(message).toContain(`${file}:15: flags.fast-search.state: state must be "ENABLED" or "DISABLED"`);
    const bad2 = example
      .replace('"ends_with"', '"ends_wiht"')
      .replace('"$ref": "staff" }, "on"', '"$ref": "stafff" }, "on"');
    const second = flagFile(bad2);
    const { message: message2 } = await failure(second.flags.list());
    expect(message2).toContain(
      `${second.file}:42: flags.read-only-mode.targeting.if[0].$ref: names no evaluator`,
    );
    expect(message2).toContain(
      `${second.file}:48: $evaluators.staff.ends_wiht: unknown operator "ends_wiht"`,
    );
  });

  it('refuses variants of mixed types and a default variant that is not one of them', async () => {
    const mixed = flagFile(example.replace('"blue": "#0000cc"', '"blue": 3'));
    expect((await failure(mixed.flags.list())).message).toContain(
      `${mixed.file}:27: flags.banner-colour.variants: variants must all be booleans, all strings`,
    );
    const typo = flagFile(
      example.replace(
        '"defaultVariant": "off",\n      "metadata"',
        '"defaultVariant": "of",\n      "metadata"',
      ),
    );
    expect((await failure(typo.flags.list())).message).toContain(
      `${typo.file}:11: flags.new-checkout.defaultVariant: "of" is not one of the variants (on, off)`,
    );
  });

  it('shows the last good read stale, with why, when the file goes missing', async () => {
    const { file, flags } = flagFile();
    await flags.list();
    fs.rmSync(file);
    const list = await flags.list();
    expect(list).toHaveLength(4);
    expect(list.every((f) => f.stale === true && typeof f.asOf === 'string')).toBe(true);
    expect(flags.problem).toBe(`${file} does not exist`);
    const never = new FlagsFile({ name: 'x', path: file, environment: 'production' });
    expect((await failure(never.list())).message).toBe(`${file} does not exist`);
  });
});

describe('a flagd file changed in place', () => {
  const actor = 'alice';

  it('enables, ramps to 25% and 50%, and kills a flag, touching only its own values', async () => {
    const { file, flags } = flagFile();
    let flag = (await flags.get('new-checkout', 'production'))!;
    const enabled = await flags.enable('new-checkout', 'production', { expected: flag.version, actor });
    expect(enabled).toMatchObject({ outcome: 'applied', message: 'new-checkout in production: off → on' });
    expect(fs.readFileSync(file, 'utf8')).toBe(example.replace('"state": "DISABLED"', '"state": "ENABLED"'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);

    flag = enabled.after;
    const again = await flags.enable('new-checkout', 'production', { expected: flag.version, actor });
    expect(again.outcome).toBe('already');

    const ramp = await flags.setRollout('new-checkout', 'production', {
      expected: flag.version,
      actor,
      percent: 25,
    });
    expect(ramp.after.strategies[0]).toMatchObject({ name: 'fractional', rolloutPercent: 25 });
    const withRule = example
      .replace('"state": "DISABLED"', '"state": "ENABLED"')
      .replace(
        '"services": "checkout, payments" }\n',
        '"services": "checkout, payments" },\n      "targeting": { "fractional": [["on", 25], ["off", 75]] }\n',
      );
    expect(fs.readFileSync(file, 'utf8')).toBe(withRule);

    const half = await flags.setRollout('new-checkout', 'production', {
      expected: ramp.after.version,
      actor,
      percent: 50,
    });
    expect(half.message).toBe('new-checkout in production: on, rollout 25% → on, rollout 50%');
    expect(fs.readFileSync(file, 'utf8')).toBe(
      withRule.replace('["on", 25], ["off", 75]', '["on", 50], ["off", 50]'),
    );

    const killed = await flags.disable('new-checkout', 'production', { expected: half.after.version, actor });
    expect(killed.after.enabled).toBe(false);
    expect((await flags.get('new-checkout', 'production'))!.enabled).toBe(false);
  });

  it('changes the weights of an existing fractional rule where they stand, keeping its layout', async () => {
    const { file, flags } = flagFile();
    const flag = (await flags.get('fast-search', 'production'))!;
    await flags.setRollout('fast-search', 'production', { expected: flag.version, actor, percent: 25 });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      example.replace('["yes", 10],\n          ["no", 90]', '["yes", 25],\n          ["no", 75]'),
    );
  });

  it('refuses a share outside 0–100 and a rule it cannot change in place, writing nothing', async () => {
    const { file, flags } = flagFile();
    const search = (await flags.get('fast-search', 'production'))!;
    await expect(
      flags.setRollout('fast-search', 'production', { expected: search.version, actor, percent: 101 }),
    ).rejects.toThrow(RangeError);
    const readOnly = (await flags.get('read-only-mode', 'production'))!;
    const refused = await failure(
      flags.setRollout('read-only-mode', 'production', { expected: readOnly.version, actor, percent: 5 }),
    );
    expect(refused.message).toContain('targeting rules that are not a percentage rollout');
    expect(fs.readFileSync(file, 'utf8')).toBe(example);
  });

  it('refuses a change when another writer changed the flag since it was read, and loses nothing', async () => {
    const { file, flags } = flagFile();
    const seen = (await flags.get('fast-search', 'production'))!;
    const theirs = example.replace('["yes", 10],', '["yes", 40],').replace('["no", 90]', '["no", 60]');
    fs.writeFileSync(file, theirs);
    const error = await failure(
      flags.disable('fast-search', 'production', { expected: seen.version, actor }),
    );
    expect(error).toBeInstanceOf(FlagChangedUnderneath);
    expect((error as FlagChangedUnderneath).changed).toContain(
      'strategies: fractional 10% group email → fractional 40% group email',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(theirs);
  });

  it('applies a change on top of another writer’s edit of a different flag, keeping both', async () => {
    const { file, flags } = flagFile();
    const seen = (await flags.get('new-checkout', 'production'))!;
    const theirs = example.replace('["yes", 10],', '["yes", 40],').replace('["no", 90]', '["no", 60]');
    fs.writeFileSync(file, theirs);
    await flags.enable('new-checkout', 'production', { expected: seen.version, actor });
    expect(fs.readFileSync(file, 'utf8')).toBe(theirs.replace('"state": "DISABLED"', '"state": "ENABLED"'));
  });

  it('refuses, writing nothing, when another writer replaces the file between its read and the write', async () => {
    const { file } = flagFile();
    const theirs = example.replace('"defaultVariant": "red"', '"defaultVariant": "blue"');
    let armed = false;
    // The clock is read after the file is read and before it is replaced: the other writer's moment.
    const now = () => {
      if (armed) {
        armed = false;
        fs.writeFileSync(file, theirs);
      }
      return new Date();
    };
    const flags = new FlagsFile({ name: 'checkout-flags', path: file, environment: 'production', now });
    const seen = (await flags.get('new-checkout', 'production'))!;
    armed = true;
    const error = await failure(
      flags.enable('new-checkout', 'production', { expected: seen.version, actor }),
    );
    expect(error).toBeInstanceOf(FlagChangedUnderneath);
    expect(error.message).toBe(
      `${file} changed while new-checkout in production was being changed; nothing was written`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(theirs);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['flags.json']);
  });
});
