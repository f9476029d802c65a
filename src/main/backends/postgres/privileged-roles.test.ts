// Item 11 of issue 7, against a real PostgreSQL: "read-only" holds. Checks refuse to run as a role
// that a read-only transaction does not hold back, naming the privilege, unless the profile allows
// it (then with a warning); a session-level advisory lock does not outlive its check, and state a
// check leaves in its session does not reach the next check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePhasePlan, startPostgresRoom, type PostgresRoom } from '../../../../test/support/postgres-room';

let room: PostgresRoom;

const columnCheck = (table = 'orders') => ({
  id: 'c',
  template: { name: 'column-exists', table, column: 'id' },
});

// One login role per privilege, each also able to read orders.
const ROLES: Record<string, string> = {
  checker: 'IN ROLE pg_monitor',
  signaller: 'IN ROLE pg_signal_backend',
  writer: 'IN ROLE pg_write_server_files',
  runner: 'IN ROLE pg_execute_server_program',
  creator: '',
  owner: '',
  sneaky: 'NOINHERIT',
};

beforeAll(async () => {
  room = await startPostgresRoom({
    setup: async (admin, server) => {
      for (const [role, options] of Object.entries(ROLES)) {
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${server.password}' ${options}`);
        await admin.query(`GRANT SELECT ON orders TO ${role}`);
      }
      await admin.query('GRANT CREATE ON SCHEMA public TO creator');
      await admin.query('CREATE TABLE owned (id bigint)');
      await admin.query('ALTER TABLE owned OWNER TO owner');
      // Not a superuser itself, but it may SET ROLE postgres, which a read-only transaction allows.
      await admin.query('GRANT postgres TO sneaky');
    },
    profiles: {
      ...Object.fromEntries(Object.keys(ROLES).map((role) => [role, { user: role }])),
      superuser: { user: 'postgres' },
      allowed: { user: 'postgres', extra: 'allowPrivilegedRole: true' },
    },
    plans: {
      ...Object.fromEntries(
        Object.keys(ROLES).map((role) => [`${role}.yaml`, onePhasePlan(`as-${role}`, role, [columnCheck()])]),
      ),
      'superuser.yaml': onePhasePlan('as-superuser', 'superuser', [columnCheck()]),
      // The plan's own table, named only in change.table: its owner may alter or drop it.
      'owned.yaml': onePhasePlan(
        'owned-table',
        'owner',
        [{ id: 'q', query: 'SELECT 1', expect: { equals: 1 } }],
        { table: 'owned' },
      ),
      'allowed.yaml': onePhasePlan('as-allowed', 'allowed', [
        { id: 'first', query: 'SELECT pg_backend_pid()', expect: { atMost: 0 } },
        { id: 'second', query: 'SELECT pg_backend_pid()', expect: { atMost: 0 } },
      ]),
      'locks.yaml': onePhasePlan('locks', 'checker', [
        { id: 'lock', query: 'SELECT pg_advisory_lock(42)', expect: 'zero-rows' },
        {
          id: 'held',
          query: "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
          expect: { atMost: 0 },
        },
      ]),
      'leftovers.yaml': onePhasePlan('leftovers', 'checker', [
        { id: 'prepare', query: 'PREPARE leak AS SELECT 1', expect: 'zero-rows' },
        { id: 'clean', query: 'SELECT count(*) FROM pg_prepared_statements', expect: { atMost: 0 } },
      ]),
    },
  });
}, 60_000);

afterAll(async () => {
  await room?.stop();
});

describe('checks run only as a role a read-only transaction holds', () => {
  it('a read-only role with pg_monitor runs its checks, without a warning', async () => {
    const items = await room.check('as-checker');
    expect(items.c).toMatchObject({ state: 'passed', result: { value: 'exists, NOT NULL' } });
    expect((await room.call('migrations.get', { id: 'as-checker' })).roleWarning).toBeUndefined();
  });

  it.each([
    ['superuser', 'superuser — runs shell commands (COPY … TO PROGRAM)'],
    ['sneaky', 'superuser (through role postgres)'],
    ['signaller', 'pg_signal_backend — cancels and ends other sessions (pg_terminate_backend)'],
    ['writer', 'pg_write_server_files — writes files on the database server'],
    ['runner', 'pg_execute_server_program — runs shell commands on the database server'],
    ['creator', 'CREATE on schema public — creates tables and functions in it'],
  ])('a %s profile is refused, naming the privilege', async (role, privilege) => {
    const items = await room.check(`as-${role}`);
    expect(items.c).toMatchObject({
      state: 'failed',
      result: { value: 'refused: the role may do more than read', refused: true },
    });
    const error = items.c?.result?.error ?? '';
    expect(error).toContain(
      `Refused: checks on ${role} would run as "${role === 'superuser' ? 'postgres' : role}"`,
    );
    expect(error).toContain(privilege);
    expect(error).toContain(`set allowPrivilegedRole: true on databases.${role} in config.yaml`);
  });

  it('the owner of the plan’s table is refused, naming the table', async () => {
    const items = await room.check('owned-table');
    expect(items.q?.result?.refused).toBe(true);
    expect(items.q?.result?.error).toContain('owner of owned — alters, drops and grants on a checked table');
  });

  it('with allowPrivilegedRole the checks run, each on a fresh session, and the warning names the privilege', async () => {
    const before = await room.call('migrations.get', { id: 'as-allowed' });
    expect(before.roleWarning).toContain('allowPrivilegedRole: true on databases.allowed in config.yaml');

    const run = await room.call('migrations.check', { id: 'as-allowed', phase: 'P1' });
    const items = run.migration.phases.find((p) => p.id === 'P1')?.items ?? [];
    expect(items.map((i) => i.result?.refused)).toEqual([undefined, undefined]);
    const pids = items.map((i) => Number(i.result?.value.replaceAll(',', '')));
    expect(pids.every((pid) => pid > 0)).toBe(true);
    expect(pids[0]).not.toBe(pids[1]);

    const warning =
      'Checks on allowed run as "postgres", which may do what a read-only transaction does not stop: superuser';
    expect(run.warning).toContain(warning);
    expect(run.migration.roleWarning).toContain(warning);
    const record = JSON.parse(room.auditLines().at(-1) ?? '{}') as {
      kind: string;
      details: { warning?: string };
    };
    expect(record.kind).toBe('migration.checks-run');
    expect(record.details.warning).toContain(warning);
  });
});

describe('a check leaves nothing behind in its session', () => {
  it('a session-level advisory lock is released after its check, seen from the check after it and from another session', async () => {
    const items = await room.check('locks');
    expect(items.held).toMatchObject({ state: 'passed', result: { value: '0' } });
    const seen = await room.admin.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 42",
    );
    expect(seen.rows[0]?.n).toBe('0');
    const taken = await room.admin.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(42) AS ok');
    expect(taken.rows[0]?.ok).toBe(true);
    await room.admin.query('SELECT pg_advisory_unlock(42)');
  });

  it('a prepared statement left by one check is not there for the next: it gets a fresh session', async () => {
    const items = await room.check('leftovers');
    expect(items.prepare?.state).toBe('passed');
    expect(items.clean).toMatchObject({ state: 'passed', result: { value: '0' } });
  });
});

describe('dblink writes through another connection', () => {
  it('once installed (EXECUTE for PUBLIC), every profile is refused until EXECUTE is revoked', async () => {
    await room.admin.query('CREATE EXTENSION dblink');
    try {
      const refused = await room.check('as-checker');
      expect(refused.c?.result?.error).toContain(
        'EXECUTE on dblink_exec(text,text) — runs SQL through another connection, outside the read-only transaction',
      );
      await room.admin.query(
        'REVOKE EXECUTE ON FUNCTION dblink(text, text), dblink(text), dblink(text, text, boolean), dblink(text, boolean), dblink_exec(text, text), dblink_exec(text), dblink_exec(text, text, boolean), dblink_exec(text, boolean), dblink_send_query(text, text) FROM PUBLIC',
      );
      expect((await room.check('as-checker')).c?.state).toBe('passed');
    } finally {
      await room.admin.query('DROP EXTENSION dblink');
    }
  });
});
