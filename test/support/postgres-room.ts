// A control room over a throwaway PostgreSQL (Debian's postgresql package): a `shop` database with
// an `orders` table, roles made by the test, profiles and plans written to a temp workspace, and
// the same API the UI and the CLI use. Nothing is mocked; everything is stopped and deleted after.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src/shared/api';
import type { ItemView, PhaseId } from '../../src/shared/migrations';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../src/main/backends/postgres/throwaway-postgres';
import { createControlRoom, type RunningControlRoom } from '../../src/main/compose/create-control-room';
import { dispatchApiCall } from '../../src/main/core/api/dispatch-api-call';

export interface PostgresRoom {
  server: ThrowawayPostgres;
  /** The superuser, connected to shop. */
  admin: pg.Client;
  running: RunningControlRoom;
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /** Runs a phase's checks (default P1) and returns its items by id. */
  check(id: string, phase?: PhaseId): Promise<Record<string, ItemView>>;
  /** The audit log as written on disk, one string per record. */
  auditLines(): string[];
  stop(): Promise<void>;
}

export interface PostgresRoomOptions {
  /** Roles, grants, tables: run as the superuser in shop, after orders (id, customer_ref) exists. */
  setup?(admin: pg.Client, server: ThrowawayPostgres): Promise<void>;
  /** Profiles by name: the login role and extra YAML keys (e.g. "allowPrivilegedRole: true"). */
  profiles: Record<string, { user: string; extra?: string }>;
  /** Plan files by name, as YAML (or JSON, which YAML reads too). */
  plans: Record<string, string> | ((server: ThrowawayPostgres) => Record<string, string>);
}

/** A plan whose P1 holds the given SQL items: `{ id, query, expect }` or `{ id, template }`. */
export function onePhasePlan(
  id: string,
  database: string,
  items: Record<string, unknown>[],
  { checkTimeout = '2s', table = 'orders' } = {},
): string {
  return JSON.stringify({
    id,
    title: id,
    database,
    change: { table },
    checkTimeout,
    phases: { P1: { items: items.map((i) => ({ kind: 'sql', title: String(i.id), ...i })) } },
  });
}

export async function startPostgresRoom(options: PostgresRoomOptions): Promise<PostgresRoom> {
  const server = await startThrowawayPostgres();
  const workspace = mkdtempSync(join(tmpdir(), 'pg-room-'));
  let admin: pg.Client | undefined;
  try {
    const root = await server.connect();
    await root.query('CREATE DATABASE shop');
    await root.end();
    admin = await server.connect('shop');
    await admin.query('CREATE TABLE orders (id bigserial PRIMARY KEY, customer_ref bigint)');
    await admin.query('INSERT INTO orders (customer_ref) SELECT g FROM generate_series(1, 100) g');
    await options.setup?.(admin, server);

    // Every test role logs in with the server's password, read from this variable.
    const variable = `PG_ROOM_PASSWORD_${process.pid}`;
    process.env[variable] = server.password;
    const profiles = Object.entries(options.profiles).map(
      ([name, p]) =>
        `  ${name}: { host: 127.0.0.1, port: ${server.port}, database: shop, user: ${p.user}, passwordEnv: ${variable}${p.extra ? `, ${p.extra}` : ''} }`,
    );
    writeFileSync(join(workspace, 'config.yaml'), `databases:\n${profiles.join('\n')}\n`);
    mkdirSync(join(workspace, 'migrations'));
    const plans = typeof options.plans === 'function' ? options.plans(server) : options.plans;
    for (const [name, text] of Object.entries(plans))
      writeFileSync(join(workspace, 'migrations', name), text);
    const running = await createControlRoom({ workspaceDir: workspace, mode: 'cli', actor: 'dana' });

    const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> => {
      const envelope = await dispatchApiCall(running.handlers, method, input, {
        role: 'operator',
        actor: 'dana',
      });
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value as ApiOutput<M>;
    };
    const connected = admin;
    return {
      server,
      admin: connected,
      running,
      call,
      check: async (id, phase = 'P1') => {
        const run = await call('migrations.check', { id, phase });
        const found = run.migration.phases.find((p) => p.id === phase)?.items ?? [];
        return Object.fromEntries(found.map((i) => [i.id, i]));
      },
      auditLines: () => readFileSync(running.workspace.auditPath, 'utf8').split('\n').filter(Boolean),
      stop: async () => {
        await connected.end().catch(() => undefined);
        await server.stop();
        rmSync(workspace, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await admin?.end().catch(() => undefined);
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
    throw error;
  }
}
