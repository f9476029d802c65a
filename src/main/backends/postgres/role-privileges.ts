// What the profile's role may do that a read-only transaction does not stop. BEGIN READ ONLY refuses
// writes to tables, but not a superuser's COPY … TO PROGRAM, lo_export, pg_terminate_backend or
// pg_reload_conf, nor dblink writing through another connection. Checks run only as a role without
// such privileges, unless the profile says allowPrivilegedRole: true.
import type { ClientBase } from 'pg';

export interface RolePrivilege {
  /** As PostgreSQL names it: "superuser", "pg_signal_backend", "CREATE on schema public", "owner of orders". */
  privilege: string;
  /** What it lets a check do despite the read-only transaction. */
  risk: string;
}

export interface RoleInspection {
  role: string;
  privileges: RolePrivilege[];
}

const ROLE_RISKS: Record<string, string> = {
  pg_execute_server_program: 'runs shell commands on the database server (COPY … TO PROGRAM)',
  pg_write_server_files: 'writes files on the database server (COPY … TO a file)',
  pg_read_server_files: 'reads any file on the database server (pg_read_file)',
  pg_signal_backend: 'cancels and ends other sessions (pg_terminate_backend)',
  pg_checkpoint: 'forces checkpoints (CHECKPOINT)',
};

const SERVER_FILES = 'reads or writes files on the database server';
const OTHER_CONNECTION = 'runs SQL through another connection, outside the read-only transaction';
// Functions PostgreSQL (or its extensions) keeps from PUBLIC because they act outside the database's
// tables; EXECUTE on them is a grant someone made. dblink's are PUBLIC once the extension is installed.
const FUNCTION_RISKS: Record<string, string> = {
  pg_read_file: SERVER_FILES,
  pg_read_binary_file: SERVER_FILES,
  lo_import: SERVER_FILES,
  lo_export: SERVER_FILES,
  pg_file_write: SERVER_FILES,
  pg_file_rename: SERVER_FILES,
  pg_file_unlink: SERVER_FILES,
  pg_reload_conf: 'reloads the server configuration',
  pg_rotate_logfile: 'rotates the server log',
  pg_promote: 'promotes a standby server',
  pg_switch_wal: 'forces a WAL switch',
  pg_create_restore_point: 'writes a restore point',
  pg_stat_reset: 'resets statistics',
  pg_stat_reset_shared: 'resets statistics',
  pg_stat_reset_single_table_counters: 'resets statistics',
  dblink: OTHER_CONNECTION,
  dblink_exec: OTHER_CONNECTION,
  dblink_send_query: OTHER_CONNECTION,
  dblink_connect_u: 'connects to other databases without a password check (dblink)',
};

// One round trip. pg_has_role(…, 'MEMBER') also counts roles reachable only by SET ROLE, which a
// check may run (SET ROLE is allowed in a read-only transaction).
const INSPECT = `WITH me AS (SELECT oid, rolname FROM pg_roles WHERE rolname = current_user)
SELECT 'me' AS kind, current_user::text AS name
UNION ALL
SELECT 'superuser', s.rolname FROM pg_roles s, me
  WHERE s.rolsuper AND pg_has_role(me.oid, s.oid, 'MEMBER')
UNION ALL
SELECT 'role', p.rolname FROM pg_roles p, me
  WHERE p.rolname = ANY ($1::text[]) AND pg_has_role(me.oid, p.oid, 'MEMBER')
UNION ALL
SELECT 'create-database', current_database() WHERE has_database_privilege(current_database(), 'CREATE')
UNION ALL
(SELECT 'create-schema', n.nspname::text FROM pg_namespace n
  WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND has_schema_privilege(n.oid, 'CREATE')
  ORDER BY 2)
UNION ALL
(SELECT 'owner', c.oid::regclass::text FROM pg_class c, me
  WHERE c.oid IN (SELECT to_regclass(t) FROM unnest($2::text[]) AS t) AND pg_has_role(me.oid, c.relowner, 'MEMBER')
  ORDER BY 2)
UNION ALL
(SELECT 'execute', p.oid::regprocedure::text FROM pg_proc p
  WHERE p.proname = ANY ($3::text[]) AND has_function_privilege(p.oid, 'EXECUTE')
  ORDER BY 2)`;

/** The role's privileges beyond reading; for a superuser only that (it has every other one too). */
export async function inspectRole(client: ClientBase, relations: readonly string[]): Promise<RoleInspection> {
  const { rows: all } = await client.query<{ kind: string; name: string }>(INSPECT, [
    Object.keys(ROLE_RISKS),
    [...new Set(relations)],
    Object.keys(FUNCTION_RISKS),
  ]);
  const role = all.find((r) => r.kind === 'me')?.name ?? '';
  const rows = all.filter((r) => r.kind !== 'me');
  const superuser = rows.find((r) => r.kind === 'superuser');
  if (superuser)
    return {
      role,
      privileges: [
        {
          privilege: superuser.name === role ? 'superuser' : `superuser (through role ${superuser.name})`,
          risk: 'runs shell commands (COPY … TO PROGRAM), writes files (lo_export), ends sessions, reloads the configuration',
        },
      ],
    };
  const privileges = rows.map((r): RolePrivilege => {
    switch (r.kind) {
      case 'role':
        return { privilege: r.name, risk: ROLE_RISKS[r.name] ?? 'a predefined role beyond reading' };
      case 'create-database':
        return { privilege: `CREATE on database ${r.name}`, risk: 'creates schemas in it' };
      case 'create-schema':
        return { privilege: `CREATE on schema ${r.name}`, risk: 'creates tables and functions in it' };
      case 'owner':
        return { privilege: `owner of ${r.name}`, risk: 'alters, drops and grants on a checked table' };
      default: {
        const name = r.name.slice(0, r.name.indexOf('('));
        return { privilege: `EXECUTE on ${r.name}`, risk: FUNCTION_RISKS[name] ?? 'a server function' };
      }
    }
  });
  return { role, privileges };
}

export const privilegeList = (privileges: readonly RolePrivilege[]): string =>
  privileges.map((p) => `${p.privilege} — ${p.risk}`).join('; ');
