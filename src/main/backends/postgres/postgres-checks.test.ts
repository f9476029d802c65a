// Integration: a full migration plan against a throwaway PostgreSQL from Debian's postgresql
// package, through the same API the UI and the CLI use. Nothing here is mocked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api';
import type { ItemView } from '../../../shared/migrations';
import { createControlRoom, type RunningControlRoom } from '../../compose/create-control-room';
import { dispatchApiCall } from '../../core/api/dispatch-api-call';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

let server: ThrowawayPostgres;
let admin: pg.Client;
let running: RunningControlRoom;
let workspace: string;

const plan = `id: orders-customer-id
title: Rename orders.customer_ref to customer_id
database: shop
change: { table: orders, from: customer_ref, to: customer_id }
current: P1
checkTimeout: 1s
phases:
  P1:
    items:
      - { id: column, kind: sql, title: customer_id exists and is nullable, template: { name: column-exists, table: orders, column: customer_id, nullable: true } }
      - { id: index, kind: sql, title: Index valid, template: { name: index-valid, index: orders_customer_id_idx } }
  P3:
    items:
      - { id: rows-left, kind: sql, title: No rows left to backfill, template: { name: rows-left, table: orders, column: customer_id, from: customer_ref } }
      - { id: drift, kind: sql, title: No drift, template: { name: drift, table: orders, column: customer_id, from: customer_ref } }
  P4:
    items:
      - { id: drop, kind: sql, title: Hostile DROP, query: DROP TABLE orders, expect: zero-rows }
      - { id: update, kind: sql, title: Hostile UPDATE, query: "UPDATE orders SET customer_id = NULL", expect: zero-rows }
      - { id: for-update, kind: sql, title: Hostile FOR UPDATE, query: SELECT id FROM orders FOR UPDATE, expect: zero-rows }
      - { id: function, kind: sql, title: Hostile function, query: SELECT wipe_orders(), expect: { atMost: 0 } }
      - { id: smuggled, kind: sql, title: Smuggled COMMIT, query: "SELECT 1; COMMIT; DROP TABLE orders", expect: zero-rows }
      - { id: missing, kind: sql, title: Missing table, query: SELECT count(*) FROM no_such_table, expect: { atMost: 0 } }
      - { id: slow, kind: sql, title: Slow query, query: SELECT pg_sleep(10), expect: zero-rows }
  P7:
    gates:
      - noReleaseBefore: { service: checkout, version: 2.4.0, uses: reads orders.customer_ref }
    items:
      - { id: clients, kind: sql, title: No old checkout connected, template: { name: app-versions, application: checkout, minVersion: 2.4.0 } }
      - { id: gone, kind: sql, title: customer_ref dropped, template: { name: column-exists, table: orders, column: customer_ref, exists: false } }
`;

function smallPlan(id: string, database: string): string {
  return `id: ${id}\ntitle: ${id}\ndatabase: ${database}\nchange: { table: orders }\nphases:\n  P1:\n    items:\n      - { id: c, kind: sql, title: C, template: { name: column-exists, table: orders, column: id } }\n`;
}

async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const envelope = await dispatchApiCall(running.handlers, method, input, {
    role: 'operator',
    actor: 'dana',
  });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as ApiOutput<M>;
}

async function items(
  phase: 'P1' | 'P3' | 'P4' | 'P7',
  id = 'orders-customer-id',
): Promise<Record<string, ItemView>> {
  const run = await call('migrations.check', { id, phase });
  const found = run.migration.phases.find((p) => p.id === phase)?.items ?? [];
  return Object.fromEntries(found.map((i) => [i.id, i]));
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  admin = await server.connect();
  await admin.query('CREATE DATABASE shop');
  await admin.end();
  admin = await server.connect('shop');
  await admin.query(`CREATE TABLE orders (id bigserial PRIMARY KEY, customer_ref bigint)`);
  await admin.query(`INSERT INTO orders (customer_ref) SELECT g FROM generate_series(1, 1000) g`);
  await admin.query(`CREATE FUNCTION wipe_orders() RETURNS int LANGUAGE plpgsql VOLATILE AS
    $$ BEGIN DELETE FROM orders; RETURN 0; END $$`);
  // The role the README asks for: read access and pg_monitor, nothing a read-only transaction lets through.
  await admin.query(`CREATE ROLE checker LOGIN PASSWORD '${server.password}' IN ROLE pg_monitor`);
  await admin.query('GRANT SELECT ON orders TO checker');

  workspace = mkdtempSync(join(tmpdir(), 'pg-migrations-'));
  process.env.TEST_SHOP_PASSWORD = server.password;
  process.env.TEST_WRONG_PASSWORD = 'not-the-password';
  const profile = (extra: string, user = 'postgres') =>
    `{ host: 127.0.0.1, port: ${server.port}, database: shop, user: ${user}, ${extra} }`;
  writeFileSync(
    join(workspace, 'config.yaml'),
    `databases:
  shop: ${profile('passwordEnv: TEST_SHOP_PASSWORD', 'checker')}
  wrongpw: ${profile('passwordEnv: TEST_WRONG_PASSWORD')}
  unset: ${profile('passwordEnv: TEST_UNSET_PASSWORD_VARIABLE')}
  closed: { host: 127.0.0.1, port: 1, database: shop, user: postgres }
`,
  );
  mkdirSync(join(workspace, 'migrations'));
  writeFileSync(join(workspace, 'migrations', 'orders.yaml'), plan);
  for (const db of ['wrongpw', 'unset', 'closed'])
    writeFileSync(join(workspace, 'migrations', `${db}.yaml`), smallPlan(`via-${db}`, db));
  running = await createControlRoom({ workspaceDir: workspace, mode: 'cli', actor: 'dana' });
}, 60_000);

afterAll(async () => {
  await admin?.end().catch(() => undefined);
  await server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('a migration plan against a real PostgreSQL', () => {
  it('expand items fail before the DDL and pass after it', async () => {
    const before = await items('P1');
    expect(before.column?.state).toBe('failed');
    expect(before.column?.result?.value).toBe('missing');
    expect(before.index?.result?.value).toBe('missing');

    await admin.query('ALTER TABLE orders ADD COLUMN customer_id bigint');
    await admin.query('CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id)');
    const after = await items('P1');
    expect(after.column).toMatchObject({ state: 'passed', result: { value: 'exists, nullable' } });
    expect(after.index).toMatchObject({ state: 'passed', result: { value: 'valid' } });

    const advanced = await call('migrations.advance', {
      id: 'orders-customer-id',
      from: 'P1',
      idempotencyKey: 'pg-test-advance-1',
    });
    expect(advanced.migration.current).toBe('P3');
  });

  it('the rows-left item moves from failed to passed as the backfill runs', async () => {
    expect((await items('P3'))['rows-left']).toMatchObject({
      state: 'failed',
      result: { value: '1,000 rows left' },
    });
    await admin.query('UPDATE orders SET customer_id = customer_ref WHERE id <= 500');
    expect((await items('P3'))['rows-left']).toMatchObject({
      state: 'failed',
      result: { value: '500 rows left' },
    });
    await admin.query('UPDATE orders SET customer_id = customer_ref WHERE customer_id IS NULL');
    const done = await items('P3');
    expect(done['rows-left']).toMatchObject({ state: 'passed', result: { value: '0 rows left' } });
    expect(done.drift).toMatchObject({ state: 'passed', result: { value: '0 rows differ' } });
  });

  it('queries that try to write fail with the read-only error and change nothing', async () => {
    const hostile = await items('P4');
    expect(hostile.drop?.state).toBe('failed');
    expect(hostile.drop?.result?.error).toContain('cannot execute DROP TABLE in a read-only transaction');
    expect(hostile.update?.result?.error).toContain('cannot execute UPDATE in a read-only transaction');
    expect(hostile['for-update']?.result?.error).toContain(
      'cannot execute SELECT FOR UPDATE in a read-only transaction',
    );
    expect(hostile.function?.result?.error).toContain('cannot execute DELETE in a read-only transaction');
    expect(hostile.smuggled?.result?.error).toContain(
      'cannot insert multiple commands into a prepared statement',
    );
    expect(hostile.missing?.result?.error).toContain('relation "no_such_table" does not exist');
    expect(hostile.slow?.result?.error).toContain('canceling statement due to statement timeout');

    const left = await admin.query<{ n: string; filled: string }>(
      'SELECT count(*) AS n, count(customer_id) AS filled FROM orders',
    );
    expect(left.rows[0]).toEqual({ n: '1000', filled: '1000' });
  });

  it('a gate blocks P7 while the simulator still runs the old release, and connected clients are named', async () => {
    const app = await server.connect('shop');
    await app.query(`SET application_name = 'checkout/2.3.1'`);
    try {
      const p7 = (await call('migrations.get', { id: 'orders-customer-id' })).phases.find(
        (p) => p.id === 'P7',
      );
      expect(p7?.gatesMet).toBe(false);
      expect(p7?.gates.map((g) => g.reason)).toContain(
        'staging, prod-us and prod-eu still run checkout 2.3.1, which reads orders.customer_ref.',
      );
      const checked = await items('P7');
      expect(checked.clients).toMatchObject({
        state: 'failed',
        result: { value: 'still connected: checkout/2.3.1 ×1' },
      });
      expect(checked.gone).toMatchObject({ state: 'failed', result: { value: 'still exists' } });

      await call('migrations.advance', {
        id: 'orders-customer-id',
        from: 'P3',
        idempotencyKey: 'pg-test-advance-2',
      });
      for (const item of ['drop', 'update', 'for-update', 'function', 'smuggled', 'missing', 'slow'])
        await call('migrations.waive', {
          id: 'orders-customer-id',
          phase: 'P4',
          item,
          reason: 'hostile probes',
        });
      await expect(
        call('migrations.advance', {
          id: 'orders-customer-id',
          from: 'P4',
          confirmTable: 'orders',
          idempotencyKey: 'pg-test-advance-3',
        }),
      ).rejects.toThrow(
        'P7 contract blocked: staging, prod-us and prod-eu still run checkout 2.3.1, which reads orders.customer_ref.',
      );
    } finally {
      await app.end();
    }
  });

  it('a wrong password, an unset variable and an unreachable server fail the items with a clear message', async () => {
    const wrong = await items('P1', 'via-wrongpw');
    expect(wrong.c?.result?.error).toContain('password authentication failed for user "postgres"');
    const unset = await items('P1', 'via-unset');
    expect(unset.c?.result?.error).toContain('$TEST_UNSET_PASSWORD_VARIABLE, which is not set');
    const closed = await items('P1', 'via-closed');
    expect(closed.c?.result?.error).toMatch(
      /cannot connect to PostgreSQL postgres@127\.0\.0\.1:1\/shop: .*ECONNREFUSED/,
    );
  });

  it('stays responsive while a slow check runs', async () => {
    const slow = call('migrations.check', { id: 'orders-customer-id', phase: 'P4' });
    const started = performance.now();
    const list = await call('migrations.list', {});
    expect(performance.now() - started).toBeLessThan(500);
    expect(list.plans.length).toBe(4);
    await slow;
  });
});
