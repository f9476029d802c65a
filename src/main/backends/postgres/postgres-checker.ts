// Migration checks against real PostgreSQL servers, one connection profile per database name in
// config.yaml. A run first asks what the profile's role may do, and refuses to run as a role that a
// read-only transaction does not hold back (unless the profile allows it). Then every check runs in
// its own read-only transaction with a bounded read. A check that breaks its session or leaves state
// in it hands the next check a fresh session, as does every check of an allowed privileged role.
// Nothing stays connected to a production database after a run.
import pg from 'pg';
import type { DatabaseProfile } from '../../core/config/database-profile';
import { checkedRelations, type CheckOutcome, type CheckSpec } from '../../core/migrations/check-spec';
import type { DatabaseChecker } from '../../core/migrations/database-checker';
import type { SecretStore } from '../../core/migrations/secret-store';
import { ReadBudget } from './read-budget';
import { runReadOnly, type CheckSession } from './read-only-check';
import { inspectRole, privilegeList, type RoleInspection } from './role-privileges';
import { templateQuery } from './template-sql';

const CONNECT_TIMEOUT_MS = 5000;

export const keychainKey = (database: string): string => `database-password:${database}`;

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // SQLSTATEs are five characters; socket errors (ECONNREFUSED) are already in the message.
    return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
      ? `${error.message} (SQLSTATE ${code})`
      : error.message;
  }
  return String(error);
}

export class PostgresChecker implements DatabaseChecker {
  /** What each database's role was last seen to be allowed, for the warning of allowPrivilegedRole. */
  private readonly seen = new Map<string, RoleInspection>();

  constructor(
    private readonly profiles: Record<string, DatabaseProfile>,
    private readonly secrets?: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  has(database: string): boolean {
    return Object.hasOwn(this.profiles, database);
  }

  describe(database: string): string | undefined {
    const p = this.profiles[database];
    return p ? `PostgreSQL ${p.user}@${p.host}:${p.port}/${p.database}` : undefined;
  }

  roleWarning(database: string): string | undefined {
    if (!this.profiles[database]?.allowPrivilegedRole) return undefined;
    const allowed = `allowPrivilegedRole: true on databases.${database} in config.yaml`;
    const seen = this.seen.get(database);
    if (!seen)
      return `${allowed} lets checks run as a role that may do more than read: they are not guaranteed read-only.`;
    if (seen.privileges.length === 0)
      return `${allowed}, though its role "${seen.role}" was last seen with nothing beyond reading.`;
    return `Checks on ${database} run as "${seen.role}", which may do what a read-only transaction does not stop: ${privilegeList(seen.privileges)}. ${allowed} allows it.`;
  }

  private async password(name: string, p: DatabaseProfile): Promise<string | undefined> {
    if (p.passwordEnv) {
      const value = this.env[p.passwordEnv];
      if (value === undefined)
        throw new Error(`the password of database ${name} is read from $${p.passwordEnv}, which is not set`);
      return value;
    }
    if (!p.passwordKeychain) return undefined;
    if (!this.secrets)
      throw new Error(
        `the password of database ${name} is in the OS keychain, which only the desktop app can read; set passwordEnv for browser mode and the CLI`,
      );
    const value = await this.secrets.get(keychainKey(name));
    if (value === undefined)
      throw new Error(
        `no password for database ${name} in ${this.secrets.name} yet: store it from the migration view`,
      );
    return value;
  }

  private async connect(p: DatabaseProfile, password: string | undefined, timeoutMs: number) {
    const client = new pg.Client({
      host: p.host,
      port: p.port,
      database: p.database,
      user: p.user,
      ...(password !== undefined ? { password } : {}),
      ssl: p.ssl === 'disable' ? false : { rejectUnauthorized: p.ssl === 'verify-full' },
      application_name: 'release-control-room',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // Belt and braces: even a statement outside our BEGIN READ ONLY could not write.
      options: '-c default_transaction_read_only=on',
      // A server that stops answering altogether must not hang the run past the statement timeout.
      query_timeout: timeoutMs + 2000,
    });
    client.on('error', () => undefined); // a dropped connection surfaces as the next query's error
    await client.connect();
    // After connect: with ssl the stream is the TLS socket, whose bytes are what the parser buffers.
    return { client, budget: new ReadBudget(client.connection.stream) } satisfies CheckSession;
  }

  async run(
    database: string,
    checks: readonly CheckSpec[],
    timeoutMs: number,
    tables: readonly string[] = [],
  ): Promise<CheckOutcome[]> {
    const p = this.profiles[database];
    const started = performance.now();
    const failAll = (error: string, refused = false): CheckOutcome[] =>
      checks.map(() => ({
        ok: false,
        error,
        ms: Math.round(performance.now() - started),
        ...(refused ? { refused } : {}),
      }));
    if (!p) return failAll(`no database profile "${database}" in config.yaml (databases:)`);
    const where = this.describe(database) ?? database;

    let password: string | undefined;
    let session: CheckSession | undefined;
    try {
      password = await this.password(database, p);
      session = await this.connect(p, password, timeoutMs);
    } catch (error) {
      return failAll(`cannot connect to ${where}: ${messageOf(error)}`);
    }

    const outcomes: CheckOutcome[] = [];
    try {
      let role: RoleInspection;
      try {
        role = await inspectRole(session.client, [...tables, ...checks.flatMap(checkedRelations)]);
      } catch (error) {
        return failAll(`cannot read what the role of ${where} may do: ${messageOf(error)}`);
      }
      this.seen.set(database, role);
      const privileged = role.privileges.length > 0;
      if (privileged && !p.allowPrivilegedRole)
        return failAll(
          `Refused: checks on ${database} would run as "${role.role}", which may do what a read-only transaction does not stop: ${privilegeList(role.privileges)}. Use a role with only SELECT and pg_monitor, or set allowPrivilegedRole: true on databases.${database} in config.yaml to run them anyway.`,
          true,
        );

      for (const spec of checks) {
        const t0 = performance.now();
        if (!session) {
          try {
            session = await this.connect(p, password, timeoutMs);
          } catch (error) {
            const why = `not run: cannot open a fresh session on ${where}: ${messageOf(error)}`;
            while (outcomes.length < checks.length) outcomes.push({ ok: false, error: why, ms: 0 });
            break;
          }
        }
        const q = templateQuery(spec);
        const run = await runReadOnly(session, q.text, q.values, timeoutMs);
        const ms = Math.round(performance.now() - t0);
        outcomes.push(
          run.result.ok
            ? { ok: true, fact: q.toFact(run.result.read), ms }
            : { ok: false, error: messageOf(run.result.error), ms },
        );
        // A privileged role can leave behind what no probe sees (dblink connections, loaded libraries).
        if (!run.reusable || privileged) {
          await session.client.end().catch(() => undefined);
          session = undefined;
        }
      }
    } finally {
      await session?.client.end().catch(() => undefined);
    }
    return outcomes;
  }

  async close(): Promise<void> {
    // Nothing stays open between runs.
  }
}
