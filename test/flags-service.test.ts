// The flags service over real flagd files and a real test room: what a person asking for a flag
// change is told, what the file becomes and what the audit log keeps.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlagsFile } from '../src/main/backends/flagd-file/flags-file';
import { ApiError } from '../src/main/core/api/api-error';
import { FlagsService } from '../src/main/core/flags/flags-service';
import { IncidentService } from '../src/main/core/incidents/incident-service';
import { FLAG_AUDIT_KINDS, type FlagAuditDetails } from '../src/shared/flags';
import type { ChangeEvent } from '../src/shared/domain';
import { makeTestRoom, type TestRoom } from './support/test-room';

const example = fs.readFileSync(path.join(__dirname, 'fixtures/flagd/checkout.flagd.json'), 'utf8');
const rooms: TestRoom[] = [];
afterEach(() => rooms.splice(0).forEach((t) => t.cleanup()));

function setUp(files: Record<string, string> = { 'checkout-flags': 'checkout.flagd.json' }) {
  const t = makeTestRoom();
  rooms.push(t);
  const backends = Object.entries(files).map(([name, file]) => {
    const at = path.join(t.dir, file);
    fs.writeFileSync(at, example);
    return new FlagsFile({ name, path: at, environment: 'production' });
  });
  const incidents = new IncidentService({
    writer: t.room.writer,
    clock: t.clock,
    publish: (e) => t.room.publish(e),
  });
  const events: ChangeEvent[] = [];
  const service = new FlagsService({
    backends,
    writer: t.room.writer,
    history: () => t.audit.history(),
    freezes: incidents,
    clock: t.clock,
    wallNow: () => t.clock.now(),
    publish: (e) => events.push(e),
  });
  const file = path.join(t.dir, Object.values(files)[0]!);
  const records = (kind: string) => t.audit.history().filter((r) => r.kind === kind);
  return { t, service, incidents, events, file, records };
}

const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const stateOf = (file: string, key: string) =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as { flags: Record<string, { state: string }> }).flags[key]!
    .state;

let keys = 0;
const key = () => `test-key-${++keys}`;

describe('a flag change', () => {
  it('is recorded (fsynced) with the fields readers rely on before it is answered', async () => {
    const { service, file, records, events } = setUp();
    const answer = await service.change(
      {
        flag: 'new-checkout',
        environment: 'production',
        change: { kind: 'enable' },
        reason: 'ship it dark to everyone',
        idempotencyKey: 'enable-new-checkout',
      },
      'alice',
    );
    expect(answer.outcome).toBe('applied');
    expect(stateOf(file, 'new-checkout')).toBe('ENABLED');
    const [record] = records(FLAG_AUDIT_KINDS.changed);
    expect(record).toMatchObject({
      seq: answer.auditSeq,
      actor: 'alice',
      target: 'new-checkout',
      reason: 'ship it dark to everyone',
    });
    const details = record!.details as unknown as FlagAuditDetails;
    expect(details).toEqual({
      connection: 'checkout-flags',
      environment: 'production',
      change: 'enable',
      before: { enabled: false },
      after: { enabled: true },
      services: ['checkout', 'payments'],
      message: answer.message,
      idempotencyKey: 'enable-new-checkout',
    });
    expect(events).toContainEqual({ type: 'flags' });
    // The list shows who changed it last, and the last-hour filter keeps only that flag.
    const recent = await service.list({ changedWithinSec: 3600 });
    expect(recent.flags.map((f) => [f.key, f.lastRecorded?.by])).toEqual([['new-checkout', 'alice']]);
    expect((await service.list({})).flags).toHaveLength(4);
  });

  it('is refused by a release freeze, except the kill switch', async () => {
    const { service, incidents, file, records } = setUp();
    incidents.declare({ title: 'checkout errors', severity: 'SEV2' }, 'ic');
    const enable = await failure(
      service.change(
        {
          flag: 'new-checkout',
          environment: 'production',
          change: { kind: 'enable' },
          idempotencyKey: key(),
        },
        'alice',
      ),
    );
    expect(enable.code).toBe('precondition-failed');
    expect(enable.message).toContain('release freeze (incident INC-1)');
    const ramp = await failure(
      service.change(
        {
          flag: 'fast-search',
          environment: 'production',
          change: { kind: 'set-rollout', percent: 50 },
          idempotencyKey: key(),
        },
        'alice',
      ),
    );
    expect(ramp.code).toBe('precondition-failed');
    expect(stateOf(file, 'new-checkout')).toBe('DISABLED');
    expect(fs.readFileSync(file, 'utf8')).toBe(example);
    expect(records(FLAG_AUDIT_KINDS.refused).map((r) => [r.target, r.details.change])).toEqual([
      ['new-checkout', 'enable'],
      ['fast-search', 'set-rollout'],
    ]);
    expect(String(records(FLAG_AUDIT_KINDS.refused)[0]!.details.error)).toContain('INC-1');

    const kill = await service.change(
      { flag: 'fast-search', environment: 'production', change: { kind: 'disable' }, idempotencyKey: key() },
      'alice',
    );
    expect(kill.outcome).toBe('applied');
    expect(stateOf(file, 'fast-search')).toBe('DISABLED');
  });

  it('applies a key once: the same key gets the same answer and one record; another change needs a new key', async () => {
    const { service, records } = setUp();
    const request = {
      flag: 'fast-search',
      environment: 'production',
      change: { kind: 'set-rollout' as const, percent: 25 },
      idempotencyKey: 'ramp-25',
    };
    const [first, concurrent] = await Promise.all([
      service.change(request, 'alice'),
      service.change(request, 'alice'),
    ]);
    const again = await service.change(request, 'alice');
    expect(concurrent).toEqual(first);
    expect(again).toEqual(first);
    expect(first.after.strategies[0]?.rolloutPercent).toBe(25);
    expect(records(FLAG_AUDIT_KINDS.changed)).toHaveLength(1);
    const reuse = await failure(
      service.change({ ...request, change: { kind: 'set-rollout', percent: 50 } }, 'alice'),
    );
    expect(reuse).toMatchObject({ code: 'invalid-input', field: 'idempotencyKey' });
  });

  it('answers `already` for a flag already so, writing nothing', async () => {
    const { service, file, records } = setUp();
    const answer = await service.change(
      { flag: 'new-checkout', environment: 'production', change: { kind: 'disable' }, idempotencyKey: key() },
      'alice',
    );
    expect(answer.outcome).toBe('already');
    expect(fs.readFileSync(file, 'utf8')).toBe(example);
    expect(records(FLAG_AUDIT_KINDS.changed)).toHaveLength(0);
  });

  it('is refused with what changed when the flag moved since the person looked', async () => {
    const { service, file, records } = setUp();
    const seen = (await service.show({ flag: 'fast-search', environment: 'production' })).flag;
    fs.writeFileSync(file, example.replace('["yes", 10]', '["yes", 40]').replace('["no", 90]', '["no", 60]'));
    const refused = await failure(
      service.change(
        {
          flag: 'fast-search',
          environment: 'production',
          change: { kind: 'set-rollout', percent: 25 },
          expected: seen.version,
          idempotencyKey: key(),
        },
        'alice',
      ),
    );
    expect(refused.code).toBe('precondition-failed');
    expect(refused.message).toContain(
      'it changed underneath you: strategies: fractional 10% group email → fractional 40% group email',
    );
    const [record] = records(FLAG_AUDIT_KINDS.refused);
    expect(record?.details.changed).toEqual(expect.arrayContaining([expect.stringContaining('40%')]));
    expect(fs.readFileSync(file, 'utf8')).toContain('["yes", 40]');
  });

  it('says plainly that a kill switch could not be applied when the backend fails, and records it', async () => {
    const { service, file, records } = setUp();
    await service.list({});
    fs.writeFileSync(file, '{ "flags": ');
    const failed = await failure(
      service.change(
        {
          flag: 'fast-search',
          environment: 'production',
          change: { kind: 'disable' },
          idempotencyKey: key(),
        },
        'alice',
      ),
    );
    expect(failed.code).toBe('backend-error');
    expect(failed.message).toMatch(
      /^fast-search in production: the kill switch could not be applied: [^]+\.flagd\.json:1:12: not valid JSON[^]*; nothing changed; retry when ready\.$/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "flags": ');
    expect(records(FLAG_AUDIT_KINDS.failed).map((r) => r.details.change)).toEqual(['disable']);
    expect(records(FLAG_AUDIT_KINDS.changed)).toHaveLength(0);
    // The list still shows the last good read, stale with why.
    const list = await service.list({});
    expect(list.flags).toHaveLength(4);
    expect(list.flags.every((f) => f.stale)).toBe(true);
    expect(list.sources[0]).toMatchObject({ connection: 'checkout-flags', staleMs: expect.any(Number) });
    expect(list.sources[0]?.problem).toContain(path.basename(file));
  });

  it('names the connections when a flag key is in more than one, and not-found for an unknown one', async () => {
    const { service } = setUp({ blue: 'blue.flagd.json', green: 'green.flagd.json' });
    const ambiguous = await failure(service.show({ flag: 'new-checkout', environment: 'production' }));
    expect(ambiguous).toMatchObject({ code: 'invalid-input', field: 'connection' });
    expect(ambiguous.message).toContain('blue, green');
    expect(
      (await service.show({ flag: 'new-checkout', environment: 'production', connection: 'green' })).flag
        .connection,
    ).toBe('green');
    expect(await failure(service.show({ flag: 'no-such-flag', environment: 'production' }))).toMatchObject({
      code: 'not-found',
      field: 'flag',
    });
    expect(
      (await failure(service.show({ flag: 'new-checkout', environment: 'staging', connection: 'blue' })))
        .message,
    ).toContain('it is in production');
  });
});
