import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestMigrations } from '../../../../test/support/test-migrations';
import { makeTestRoom } from '../../../../test/support/test-room';
import { dispatchApiCall } from '../api/dispatch-api-call';
import { migrationHandlers } from '../api/migration-handlers';
import type { ApiHandlers } from '../api/api-handlers';

const rooms: ReturnType<typeof makeTestRoom>[] = [];
afterEach(() => rooms.splice(0).forEach((t) => t.cleanup()));

function setup(plans?: Record<string, string>) {
  const t = makeTestRoom();
  rooms.push(t);
  if (plans) {
    mkdirSync(join(t.dir, 'migrations'));
    for (const [name, text] of Object.entries(plans)) writeFileSync(join(t.dir, 'migrations', name), text);
  }
  return { t, service: makeTestMigrations(t) };
}

// P6 -> P7 with a gate on payments, whose stable 5.12.0 runs everywhere in the demo fleet.
const contractPlan = `id: drop-legacy
title: Drop orders.legacy_total
database: orders
change: { table: orders, from: legacy_total }
current: P6
phases:
  P6:
    items: [{ id: ok, kind: manual, title: Nothing writes legacy_total }]
    rollback: Redeploy the previous release.
  P7:
    gates:
      - noReleaseBefore: { service: payments, version: 5.12.0, uses: reads orders.legacy_total }
    items: [{ id: dropped, kind: manual, title: Column dropped }]
`;

describe('migrations on the demo plans', () => {
  it('shows the demo migration in P3 backfill with a failing rows-left item and P7 blocked by checkout 2.3.1', async () => {
    const { service } = setup();
    const list = service.list();
    expect(list.plans.map((p) => [p.id, p.current])).toContainEqual(['orders-customer-id', 'P3']);
    const run = await service.check('orders-customer-id', undefined, 'dana');
    const p3 = run.migration.phases.find((p) => p.id === 'P3');
    const rowsLeft = p3?.items.find((i) => i.id === 'rows-left');
    expect(p3?.state).toBe('active');
    expect(rowsLeft?.state).toBe('failed');
    expect(rowsLeft?.result?.value).toBe('628,000 rows left');
    expect(run.failed).toBeGreaterThan(0);
    const p7 = run.migration.phases.find((p) => p.id === 'P7');
    expect(p7?.gatesMet).toBe(false);
    expect(p7?.gates.map((g) => g.reason)).toContain(
      'staging, prod-us and prod-eu still run checkout 2.3.1, which reads orders.customer_ref.',
    );
  });

  it('lets the simulated backfill finish with the simulated clock', async () => {
    const { t, service } = setup();
    t.clock.advance((628_000 / 40) * 1000);
    const run = await service.check('orders-customer-id', 'P3', 'dana');
    const rowsLeft = run.migration.phases.find((p) => p.id === 'P3')?.items.find((i) => i.id === 'rows-left');
    expect(rowsLeft?.state).toBe('passed');
    expect(rowsLeft?.result?.value).toBe('0 rows left');
  });

  it('records who ticked a manual item, when and why, and rebuilds it after a restart', () => {
    const { t, service } = setup();
    const result = service.tick(
      { id: 'orders-customer-id', phase: 'P3', item: 'backfill-started', done: true, note: 'job #4411' },
      'dana',
    );
    const item = result.migration.phases
      .find((p) => p.id === 'P3')
      ?.items.find((i) => i.id === 'backfill-started');
    expect(item?.state).toBe('passed');
    expect(item?.ticked).toMatchObject({ by: 'dana', note: 'job #4411' });
    const record = t.audit.records().at(-1);
    expect(record).toMatchObject({
      actor: 'dana',
      kind: 'migration.item-ticked',
      target: 'orders-customer-id',
    });
    const again = makeTestMigrations(t).get('orders-customer-id');
    expect(
      again.phases.find((p) => p.id === 'P3')?.items.find((i) => i.id === 'backfill-started')?.ticked?.by,
    ).toBe('dana');
  });

  it('refuses to advance with open items, says which, and audits the refusal', () => {
    const { t, service } = setup();
    expect(() =>
      service.advance({ id: 'orders-customer-id', from: 'P3', idempotencyKey: 'key-00000001' }, 'dana'),
    ).toThrow(/P3 backfill is not finished: .*Backfill job started/);
    expect(t.audit.records().at(-1)?.kind).toBe('migration.refused');
  });

  it('rolls back the active phase to the one before, with the rollback path', () => {
    const { service } = setup();
    const r = service.rollback(
      {
        id: 'orders-customer-id',
        from: 'P3',
        reason: 'backfill overloads the primary',
        idempotencyKey: 'key-00000002',
      },
      'dana',
    );
    expect(r.message).toContain('P2 dual-write is active again');
    expect(r.message).toContain('Stop the backfill job');
    expect(r.migration.current).toBe('P2');
    expect(r.migration.phases.find((p) => p.id === 'P3')?.state).toBe('rolled-back');
  });
});

describe('the irreversible contract step', () => {
  it('needs the table name typed, applies once per key, and cannot be rolled back', () => {
    const { service } = setup({ 'drop.yaml': contractPlan });
    service.tick({ id: 'drop-legacy', phase: 'P6', item: 'ok', done: true, note: '' }, 'dana');
    expect(() =>
      service.advance({ id: 'drop-legacy', from: 'P6', idempotencyKey: 'key-00000003' }, 'dana'),
    ).toThrow('P7 contract is irreversible: type the table name “orders” to confirm.');
    const input = {
      id: 'drop-legacy',
      from: 'P6' as const,
      confirmTable: 'orders',
      idempotencyKey: 'key-00000004',
    };
    const first = service.advance(input, 'dana');
    expect(first.applied).toBe(true);
    expect(first.migration.current).toBe('P7');
    const second = service.advance(input, 'dana');
    expect(second.applied).toBe(false);
    expect(second.auditSeq).toBe(first.auditSeq);
    expect(() =>
      service.rollback(
        { id: 'drop-legacy', from: 'P7', reason: 'oops', idempotencyKey: 'key-00000005' },
        'dana',
      ),
    ).toThrow(/irreversible/);
  });
});

describe('bad input through the API', () => {
  async function call(handlers: Partial<ApiHandlers>, method: string, input: unknown) {
    return dispatchApiCall(handlers as ApiHandlers, method, input, { role: 'operator', actor: 'dana' });
  }

  it('names an unknown phase, a phase the plan lacks and a missing plan', async () => {
    const { service } = setup();
    const handlers = migrationHandlers(service);
    const unknown = await call(handlers, 'migrations.check', { id: 'orders-customer-id', phase: 'P9' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'phase' } });
    const lacking = await call(handlers, 'migrations.check', { id: 'users-email-lower', phase: 'P3' });
    expect(lacking).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(lacking.ok ? '' : lacking.error.message).toContain('has no phase P3 (it has P0, P1, P4');
    const missing = await call(handlers, 'migrations.get', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('lists a malformed plan file as a problem with file:line and keeps the good ones', () => {
    const { service } = setup({ 'good.yaml': contractPlan, 'bad.yaml': 'id: bad\ntitle: [unclosed\n' });
    const list = service.list();
    expect(list.plans.map((p) => p.id)).toEqual(['drop-legacy']);
    expect(list.problems[0]).toMatch(/bad\.yaml:\d+: /);
  });

  it('fails a check that references a missing table with the database message', async () => {
    const plan = contractPlan.replace(
      'items: [{ id: dropped, kind: manual, title: Column dropped }]',
      'items: [{ id: gone, kind: sql, title: Gone, template: { name: rows-left, table: orderz, column: a, from: b } }]',
    );
    const { service } = setup({ 'p.yaml': plan });
    const run = await service.check('drop-legacy', 'P7', 'dana');
    const item = run.migration.phases.find((p) => p.id === 'P7')?.items[0];
    expect(item?.state).toBe('failed');
    expect(item?.result?.error).toBe('relation "orderz" does not exist');
  });

  it('an observer may look but not tick', async () => {
    const { service } = setup();
    const handlers = migrationHandlers(service) as unknown as ApiHandlers;
    const r = await dispatchApiCall(
      handlers,
      'migrations.tick',
      { id: 'orders-customer-id', phase: 'P3', item: 'backfill-started' },
      { role: 'observer', actor: 'screen' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
