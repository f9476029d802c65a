import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestRoom, type TestRoom } from '../../../../test/support/test-room';
import { makeTestMigrations } from '../../../../test/support/test-migrations';
import { createReleaseSets } from '../../compose/create-release-sets';
import { findResourcesDir } from '../../resources-dir';
import { configSchema } from '../config/config-schema';
import { ApiError } from '../api/api-error';
import { IncidentService } from '../incidents/incident-service';
import { RELEASE_SET_AUDIT_KINDS as KINDS, type ReleaseSetRun } from '../../../shared/release-sets';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(setFiles: Record<string, string> = {}) {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  if (Object.keys(setFiles).length > 0) {
    mkdirSync(join(t.dir, 'sets'));
    for (const [name, text] of Object.entries(setFiles)) writeFileSync(join(t.dir, 'sets', name), text);
  }
  const incidents = new IncidentService({ writer: t.room.writer, clock: t.clock, publish: () => {} });
  t.room.useFreezes(incidents);
  const make = () =>
    createReleaseSets({
      config: configSchema.parse({}),
      configPath: join(t.dir, 'config.yaml'),
      workspaceDir: t.dir,
      resourcesDir: findResourcesDir(),
      room: t.room,
      fleet: t.fleet,
      migrations: makeTestMigrations(t),
      freezes: incidents,
    });
  return { ...t, incidents, sets: make(), make };
}

let keys = 0;
const key = () => `test-key-${++keys}`;
const act = (set: string, environment = 'staging') => ({ set, environment, idempotencyKey: key() });

async function rejectionOf(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

/** Lets simulated time pass in 30 s steps, the room and the set runner moving at each. */
async function pass(t: TestRoom & { sets: ReturnType<typeof setup>['sets'] }, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 30_000) {
    t.clock.advance(30_000);
    await t.room.tick();
    await t.sets.tick();
  }
}

function member(run: ReleaseSetRun | undefined, service: string) {
  const found = run?.members.find((m) => m.member.kind === 'service' && m.member.service === service);
  if (!found) throw new Error(`no member ${service}`);
  return found;
}

const kindsOf = (t: TestRoom) => t.audit.history().map((r) => `${r.kind} ${r.target}`);

describe('release sets', () => {
  it('lists the demo set and starts only its first member; the second waits for it at 100% and healthy', async () => {
    const t = setup();
    expect(t.sets.list().map((s) => [s.definition.name, s.definition.problems])).toEqual([
      ['checkout-2-4', undefined],
    ]);
    const started = await t.sets.start(act('checkout-2-4'), 'alice');
    expect(member(started, 'payments')).toMatchObject({ state: 'rolling-out', weight: 10 });
    expect(member(started, 'checkout')).toMatchObject({
      state: 'waiting',
      gate: { holds: false, reason: 'waiting: payments at 10%' },
    });
    // The roll forward is the starter's, through the room: checked and audited like a person's.
    const rolled = t.audit.history().find((r) => r.kind === 'action.succeeded');
    expect(rolled).toMatchObject({
      actor: 'alice',
      target: 'simulator/payments-staging',
      details: { action: 'roll-forward', toVersion: '5.13.0' },
    });

    // At the canary's indefinite pause a person judges: promote of the started member is its release.
    await pass(t, 12 * 60_000);
    expect(member(t.sets.show('checkout-2-4', 'staging').runs[0], 'checkout').state).toBe('waiting');
    await t.room.act({ id: 'payments-staging', action: 'promote', idempotencyKey: key() }, 'bob');
    await pass(t, 6 * 60_000);
    const midway = t.sets.show('checkout-2-4', 'staging').runs[0];
    expect(member(midway, 'payments').weight).toBeLessThan(100);
    expect(member(midway, 'checkout').state).toBe('waiting');
    await pass(t, 10 * 60_000);
    const after = t.sets.show('checkout-2-4', 'staging').runs[0];
    expect(member(after, 'payments')).toMatchObject({ state: 'done', weight: 100, health: 'healthy' });
    expect(member(after, 'checkout')).toMatchObject({
      state: 'rolling-out',
      gate: { holds: true, reason: 'payments at 100% and healthy' },
    });
    expect(t.fleet.get('simulator/checkout-staging')?.canaryVersion).toBe('2.4.1');
    expect(kindsOf(t).filter((k) => k.startsWith('set.'))).toEqual([
      `${KINDS.started} checkout-2-4@staging`,
      `${KINDS.memberStarted} checkout-2-4@staging`,
      `${KINDS.memberStarted} checkout-2-4@staging`,
    ]);
  });

  it('refuses a member rolled forward alone while its set is in flight, but lets it be paused', async () => {
    const t = setup();
    await t.sets.start(act('checkout-2-4'), 'alice');
    const refused = await rejectionOf(() =>
      t.room.act(
        { id: 'checkout-staging', action: 'roll-forward', toVersion: '2.4.0', idempotencyKey: key() },
        'bob',
      ),
    );
    expect(refused.code).toBe('precondition-failed');
    expect(refused.message).toContain(
      'simulator/checkout-staging is in release set checkout-2-4 (running): act on the set',
    );
    expect(t.audit.history().at(-2)).toMatchObject({
      kind: KINDS.refusedAlone,
      actor: 'bob',
      target: 'simulator/checkout-staging',
      details: { set: 'checkout-2-4', action: 'roll-forward' },
    });
    const paused = await t.room.act(
      { id: 'payments-staging', action: 'pause', idempotencyKey: key() },
      'bob',
    );
    expect(paused.rollout.phase).toBe('paused');
    // Another environment's checkout is no member of this run.
    await expect(
      t.room.act(
        { id: 'checkout-prod-us', action: 'roll-forward', toVersion: '2.4.1', idempotencyKey: key() },
        'bob',
      ),
    ).resolves.toMatchObject({ applied: true });
  });

  it('pauses every member first to last, starts none until resumed, and aborts last to first', async () => {
    const t = setup({
      'both.yaml': [
        'name: both',
        'members:',
        '  - { service: payments, version: 5.13.0 }',
        '  - { service: checkout, version: 2.4.1, after: [] }',
        '  - { service: search, version: 1.41.1, after: checkout }',
      ].join('\n'),
    });
    const started = await t.sets.start(act('both'), 'alice');
    expect(started.members.map((m) => m.state)).toEqual(['rolling-out', 'rolling-out', 'waiting']);
    const mark = t.audit.lastSeq;
    const paused = await t.sets.pause(act('both'), 'carol');
    expect(paused.state).toBe('paused');
    expect(paused.members.map((m) => m.state)).toEqual(['paused', 'paused', 'waiting']);
    const pauses = t.audit.history().filter((r) => r.seq > mark && r.kind === 'action.succeeded');
    expect(pauses.map((r) => [r.actor, r.details['action'], r.target])).toEqual([
      ['carol', 'pause', 'simulator/payments-staging'],
      ['carol', 'pause', 'simulator/checkout-staging'],
    ]);
    // Time passes; nothing resumes or starts by itself while the set is paused.
    await pass(t, 20 * 60_000);
    expect(t.sets.show('both', 'staging').runs[0]?.members.map((m) => m.state)).toEqual([
      'paused',
      'paused',
      'waiting',
    ]);
    // Resuming one member alone is around the set: refused.
    await expect(
      t.room.act({ id: 'payments-staging', action: 'resume', idempotencyKey: key() }, 'bob'),
    ).rejects.toThrow(/in release set both \(paused\): act on the set/);
    const resumed = await t.sets.resume(act('both'), 'carol');
    expect(resumed.members.map((m) => m.state)).toEqual(['rolling-out', 'rolling-out', 'waiting']);

    const beforeAbort = t.audit.lastSeq;
    const aborted = await t.sets.abort({ ...act('both'), reason: 'wrong payments build' }, 'dave');
    expect(aborted.state).toBe('aborted');
    expect(aborted.verdict).toBe('aborted by dave: wrong payments build');
    const aborts = t.audit.history().filter((r) => r.seq > beforeAbort && r.details['action'] === 'abort');
    expect(aborts.filter((r) => r.kind === 'action.succeeded').map((r) => r.target)).toEqual([
      'simulator/checkout-staging',
      'simulator/payments-staging',
    ]);
    // The set's own record comes first: no member can start between the aborts.
    expect(t.audit.history().find((r) => r.seq > beforeAbort)?.kind).toBe(KINDS.aborted);
    await pass(t, 60_000);
    expect(t.fleet.get('simulator/search-staging')?.canaryVersion).toBe('1.40.2');
  });

  it('fails the set when a member is aborted outside it, and starts no later member', async () => {
    const t = setup();
    await t.sets.start(act('checkout-2-4'), 'alice');
    await t.room.act({ id: 'payments-staging', action: 'abort', idempotencyKey: key() }, 'bob');
    await pass(t, 60_000);
    const run = t.sets.show('checkout-2-4', 'staging').runs[0];
    expect(run?.state).toBe('failed');
    expect(run?.verdict).toMatch(/^failed: checkout-2-4 failed: payments 5.13.0 was aborted/);
    expect(member(run, 'checkout').state).toBe('waiting');
    expect(t.fleet.get('simulator/checkout-staging')?.canaryVersion).toBe('2.3.1');
    // A failed set holds nothing back: the member may be acted on again.
    await expect(
      t.room.act(
        { id: 'checkout-staging', action: 'roll-forward', toVersion: '2.4.1', idempotencyKey: key() },
        'bob',
      ),
    ).resolves.toMatchObject({ applied: true });
  });

  it('refuses start and resume under a release freeze; pause and abort go ahead', async () => {
    const t = setup();
    await t.sets.start(act('checkout-2-4'), 'alice');
    t.incidents.declare({ title: 'Checkout 5xx', severity: 'SEV2' }, 'erin');
    const startElsewhere = await rejectionOf(() => t.sets.start(act('checkout-2-4', 'prod-eu'), 'alice'));
    expect(startElsewhere.message).toMatch(
      /^Cannot start checkout-2-4 in prod-eu: Releases are frozen: INC-1 “Checkout 5xx”/,
    );
    expect(startElsewhere.message).toContain('Pause and abort of the set stay allowed');
    await expect(t.sets.pause(act('checkout-2-4'), 'erin')).resolves.toMatchObject({ state: 'paused' });
    await expect(t.sets.resume(act('checkout-2-4'), 'erin')).rejects.toThrow(
      /^Cannot resume checkout-2-4 in staging: Releases are frozen: INC-1/,
    );
    await expect(t.sets.abort(act('checkout-2-4'), 'erin')).resolves.toMatchObject({ state: 'aborted' });
  });

  it('refuses a set with a version the backend does not know, naming the member and the known versions', async () => {
    const t = setup({ 'typo.yaml': 'members: payments 5.13.0 + checkout 2.4.9\n' });
    const listed = t.sets.list()[0];
    expect(listed?.definition.name).toBe('typo');
    expect(listed?.definition.problems?.[0]).toBe(
      'staging: checkout 2.4.9: simulator/checkout-staging has no version "2.4.9" that its deployment backend knows (known: 2.4.1, 2.4.0, 2.3.1, 2.3.0)',
    );
    const refused = await rejectionOf(() => t.sets.start(act('typo'), 'alice'));
    expect(refused.code).toBe('precondition-failed');
    expect(refused.message).toContain('checkout 2.4.9: simulator/checkout-staging has no version "2.4.9"');
    // Nothing was started: the first member's rollout is untouched and nothing is on record.
    expect(t.fleet.get('simulator/payments-staging')?.canaryVersion).toBe('5.12.0');
    expect(t.audit.history().filter((r) => r.kind.startsWith('set.'))).toEqual([]);
  });

  it('lists a set file with a cycle or an unknown migration phase with its problem, and says not-found for no set', async () => {
    const t = setup({
      'loop.yaml': [
        'members:',
        '  - { service: checkout, version: 2.4.1, after: payments }',
        '  - { service: payments, version: 5.13.0 }',
      ].join('\n'),
      'schema.yaml': 'members: orders-customer-id schema P6 + users-email-lower schema P5\n',
    });
    const [loop, schema] = t.sets.list();
    expect(loop?.definition.problems).toEqual([
      'sets/loop.yaml:2: members.0.after: the members form a cycle, so none of them could start: checkout → payments → checkout',
    ]);
    expect(schema?.definition.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^staging: users-email-lower schema P5: users-email-lower has no phase P5 \(it has /,
        ),
      ]),
    );
    expect((await rejectionOf(() => t.sets.start(act('loop'), 'alice'))).message).toContain('form a cycle');
    expect(() => t.sets.show('no-such-set')).toThrow(
      expect.objectContaining({ code: 'not-found' }) as unknown as Error,
    );
  });

  it('rebuilds its runs from the audit log: a restarted runner knows who started what and that it is paused', async () => {
    const t = setup();
    await t.sets.start(act('checkout-2-4'), 'alice');
    const pauseKey = act('checkout-2-4');
    await t.sets.pause(pauseKey, 'carol');
    const before = t.sets.show('checkout-2-4', 'staging').runs[0];
    const restarted = t.make();
    const after = restarted.show('checkout-2-4', 'staging').runs[0];
    expect(after).toEqual(before);
    expect(after).toMatchObject({
      state: 'paused',
      startedBy: 'alice',
      verdict: 'paused by carol; no member starts until resumed',
    });
    // The same request again is answered, not applied twice.
    const seq = t.audit.lastSeq;
    await restarted.pause(pauseKey, 'carol');
    expect(t.audit.lastSeq).toBe(seq);
  });
});
