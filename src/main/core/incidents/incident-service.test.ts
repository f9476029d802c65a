import { afterEach, describe, expect, it } from 'vitest';
import { makeTestRoom, type TestRoom } from '../../../../test/support/test-room';
import { AuditLog } from '../audit/audit-log';
import { AuditWriter } from '../audit/audit-writer';
import { ApiError } from '../api/api-error';
import { actionRequestSchema } from '../../../shared/api';
import { IncidentService } from './incident-service';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup() {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  const incidents = new IncidentService({ writer: t.room.writer, clock: t.clock, publish: () => {} });
  t.room.useFreezes(incidents);
  return { ...t, incidents };
}

function refusalOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

async function rejectionOf(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

/** A fresh service over the same log file, as after a restart. */
function reopened(t: TestRoom): IncidentService {
  const log = AuditLog.open(t.auditPath, t.clock);
  return new IncidentService({ writer: new AuditWriter(log, t.clock), clock: t.clock, publish: () => {} });
}

describe('incidents', () => {
  it('are numbered, led by the caller unless named, and rebuilt from the audit log after a restart', () => {
    const t = setup();
    const first = t.incidents.declare({ title: 'Checkout 5xx', severity: 'SEV1' }, 'dana');
    const second = t.incidents.declare({ title: 'Slow search', severity: 'SEV3', commander: 'erin' }, 'dana');
    expect([first.id, first.commander, second.id, second.commander]).toEqual([
      'INC-1',
      'dana',
      'INC-2',
      'erin',
    ]);
    t.incidents.resolve('INC-2', 'index rebuild starved the disk: https://wiki/rca/42', 'erin');
    const after = reopened(t);
    expect(after.get('INC-1')).toMatchObject({ title: 'Checkout 5xx', severity: 'SEV1', declaredBy: 'dana' });
    expect(after.get('INC-1').resolvedAt).toBeUndefined();
    expect(after.get('INC-2')).toMatchObject({
      resolvedBy: 'erin',
      rca: expect.stringContaining('wiki/rca/42'),
    });
    expect(after.active().map((f) => f.source)).toEqual([{ kind: 'incident', id: 'INC-1' }]);
    expect(after.declare({ title: 'Third', severity: 'SEV2' }, 'dana').id).toBe('INC-3');
  });

  it('refuses a resolve without a root cause, records the refusal, and keeps the freeze', () => {
    const t = setup();
    t.incidents.declare({ title: 'Checkout 5xx', severity: 'SEV1' }, 'dana');
    const refused = refusalOf(() => t.incidents.resolve('INC-1', '   ', 'dana'));
    expect(refused.code).toBe('precondition-failed');
    expect(refused.field).toBe('rca');
    expect(refused.message).toMatch(/INC-1 cannot be resolved without a root cause/);
    expect(t.audit.records().at(-1)).toMatchObject({ kind: 'incident.resolve-refused', target: 'INC-1' });
    expect(t.incidents.active()).toHaveLength(1);
  });

  it('refuses resolving twice, naming when and by whom it was resolved', () => {
    const t = setup();
    t.incidents.declare({ title: 'a', severity: 'SEV2' }, 'dana');
    t.incidents.declare({ title: 'b', severity: 'SEV2' }, 'dana');
    const resolved = t.incidents.resolve('INC-2', 'bad config push', 'erin');
    const again = refusalOf(() => t.incidents.resolve('INC-2', 'something else', 'dana'));
    expect(again.message).toBe(
      `INC-2 was already resolved at ${resolved.resolvedAt} by erin (root cause: bad config push).`,
    );
    expect(reopened(t).get('INC-2').rca).toBe('bad config push');
  });

  it('names an unknown incident as not found', () => {
    const t = setup();
    expect(refusalOf(() => t.incidents.get('INC-7')).code).toBe('not-found');
  });
});

describe('the release freeze on actions', () => {
  it('refuses promote while an incident is open, naming it, and lets pause and abort through', async () => {
    const t = setup();
    t.incidents.declare({ title: 'Checkout 5xx', severity: 'SEV1' }, 'dana');
    const refused = await rejectionOf(() =>
      t.room.act({ id: 'payments-prod-us', action: 'promote', idempotencyKey: 'frozen-promote' }, 'bob'),
    );
    expect(refused.message).toMatch(
      /^Cannot promote simulator\/payments-prod-us: Releases are frozen: INC-1 “Checkout 5xx” \(SEV1, commander dana\) is open since 12:00 UTC\./,
    );
    const promote = t.room.rollout('payments-prod-us').actions.find((a) => a.action === 'promote');
    expect(promote).toMatchObject({ enabled: false, freeze: { source: { kind: 'incident', id: 'INC-1' } } });
    const paused = await t.room.act(
      { id: 'payments-prod-us', action: 'pause', idempotencyKey: 'frozen-pause' },
      'bob',
    );
    expect(paused.applied).toBe(true);
  });

  it('lets an action through with an override reason, recorded before it and listed on the incident', async () => {
    const t = setup();
    t.incidents.declare({ title: 'Checkout 5xx', severity: 'SEV1' }, 'dana');
    const before = t.room.rollout('payments-prod-us').currentStepIndex;
    const done = await t.room.act(
      {
        id: 'payments-prod-us',
        action: 'promote',
        idempotencyKey: 'override-promote',
        overrideFreeze: 'the fix for INC-1 itself',
      },
      'bob',
    );
    expect(done.rollout.currentStepIndex).toBe(before + 1);
    const kinds = t.audit.records().map((r) => r.kind);
    expect(kinds.indexOf('freeze.overridden')).toBeLessThan(kinds.indexOf('action.requested'));
    expect(t.incidents.get('INC-1').overrides).toEqual([
      expect.objectContaining({
        actor: 'bob',
        reason: 'the fix for INC-1 itself',
        action: 'promote',
        rollout: 'simulator/payments-prod-us',
      }),
    ]);
    expect(reopened(t).get('INC-1').overrides).toHaveLength(1);
  });

  it('refuses an override without a reason at the boundary, naming the field', () => {
    const parsed = actionRequestSchema.safeParse({
      id: 'payments-prod-us',
      action: 'promote',
      idempotencyKey: 'override-blank',
      overrideFreeze: '   ',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['overrideFreeze']);
  });

  it('lifts the freeze once the incident is resolved with a root cause', async () => {
    const t = setup();
    t.incidents.declare({ title: 'Checkout 5xx', severity: 'SEV1' }, 'dana');
    t.incidents.resolve('INC-1', 'https://wiki/rca/1', 'dana');
    const done = await t.room.act(
      { id: 'payments-prod-us', action: 'promote', idempotencyKey: 'after-rca' },
      'bob',
    );
    expect(done.applied).toBe(true);
    expect(
      t.room.rollout('payments-prod-us').actions.find((a) => a.action === 'promote')?.freeze,
    ).toBeUndefined();
  });
});
