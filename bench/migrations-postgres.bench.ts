// 50 built-in checks against a throwaway PostgreSQL (Debian's postgresql package), each in its own
// read-only transaction with a statement timeout and a bounded read, over one connection as a real
// check run does, after the one look at what the role may do.
// Without PostgreSQL this suite fails with that message; the other suites still run.
import { performance } from 'node:perf_hooks';
import { PostgresChecker } from '../src/main/backends/postgres/postgres-checker';
import { startThrowawayPostgres } from '../src/main/backends/postgres/throwaway-postgres';
import { databaseProfileSchema } from '../src/main/core/config/database-profile';
import type { CheckSpec } from '../src/main/core/migrations/check-spec';
import type { BenchResult } from './bench-result';

const CHECKS = 50;
const ROWS = 200_000;
const RUNS = 5;

const TEMPLATES: CheckSpec[] = [
  { name: 'column-exists', table: 'orders', column: 'customer_id', exists: true, nullable: true },
  { name: 'rows-left', table: 'orders', column: 'customer_id', from: 'customer_ref', atMost: 0 },
  { name: 'drift', table: 'orders', column: 'customer_id', from: 'customer_ref', atMost: 0 },
  { name: 'index-valid', index: 'orders_customer_id_idx' },
  { name: 'constraint-validated', table: 'orders', constraint: 'orders_customer_id_not_null' },
  { name: 'long-transactions', olderThan: 300_000, atMost: 0 },
  { name: 'blocking-sessions', atMost: 0 },
  { name: 'app-versions', application: 'checkout', minVersion: '2.4.0' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function run(): Promise<BenchResult[]> {
  const server = await startThrowawayPostgres();
  try {
    const admin = await server.connect();
    await admin.query('CREATE DATABASE shop');
    await admin.end();
    const shop = await server.connect('shop');
    await shop.query(
      'CREATE TABLE orders (id bigserial PRIMARY KEY, customer_ref bigint, customer_id bigint)',
    );
    await shop.query(`INSERT INTO orders (customer_ref, customer_id)
      SELECT g, CASE WHEN g % 2 = 0 THEN g END FROM generate_series(1, ${ROWS}) g`);
    await shop.query('CREATE INDEX orders_customer_id_idx ON orders (customer_id)');
    await shop.query(
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID',
    );
    await shop.query('ANALYZE orders');
    // Checks refuse a superuser: run them as the read-only role the README asks for.
    await shop.query(`CREATE ROLE bench_ro LOGIN PASSWORD '${server.password}' IN ROLE pg_monitor`);
    await shop.query('GRANT SELECT ON orders TO bench_ro');
    await shop.end();

    process.env.BENCH_PG_PASSWORD = server.password;
    const checker = new PostgresChecker({
      shop: databaseProfileSchema.parse({
        host: server.host,
        port: server.port,
        database: 'shop',
        user: 'bench_ro',
        passwordEnv: 'BENCH_PG_PASSWORD',
      }),
    });
    const specs = Array.from({ length: CHECKS }, (_, i) => TEMPLATES[i % TEMPLATES.length] as CheckSpec);
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const outcomes = await checker.run('shop', specs, 5000);
      times.push(performance.now() - t0);
      const failed = outcomes.find((o) => !o.ok);
      if (failed && !failed.ok) throw new Error(`a benchmark check could not run: ${failed.error}`);
    }
    const ms = median(times);
    return [
      {
        name: 'migrations.checks.postgres.50',
        description: `${CHECKS} built-in checks (8 templates, ${ROWS.toLocaleString('en')}-row table, half backfilled) on a throwaway PostgreSQL, connect and role inspection included, median of ${RUNS}`,
        value: Math.round(ms),
        unit: 'ms',
      },
      {
        name: 'migrations.checks.postgres.per-check',
        description:
          'The same, per check (BEGIN READ ONLY, SET LOCAL statement_timeout, query, ROLLBACK, unlock, leftovers probe)',
        value: Math.round((ms / CHECKS) * 100) / 100,
        unit: 'ms',
      },
    ];
  } finally {
    await server.stop();
  }
}
