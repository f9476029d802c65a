// Migration checks against real PostgreSQL servers, one connection profile per database name in
// config.yaml. Each run opens one connection (marked read-only by default as well), runs every check
// in its own read-only transaction, and closes it: nothing stays connected to a production database.
import pg from 'pg';
import type { DatabaseProfile } from '../../core/config/database-profile';
import type { CheckOutcome, CheckSpec } from '../../core/migrations/check-spec';
import type { DatabaseChecker } from '../../core/migrations/database-checker';
import type { SecretStore } from '../../core/migrations/secret-store';
import { BrokenConnection, runReadOnly } from './read-only-check';
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

  async run(database: string, checks: readonly CheckSpec[], timeoutMs: number): Promise<CheckOutcome[]> {
    const p = this.profiles[database];
    const started = performance.now();
    const failAll = (error: string): CheckOutcome[] =>
      checks.map(() => ({ ok: false, error, ms: Math.round(performance.now() - started) }));
    if (!p) return failAll(`no database profile "${database}" in config.yaml (databases:)`);

    let client: pg.Client;
    try {
      const password = await this.password(database, p);
      client = new pg.Client({
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
    } catch (error) {
      return failAll(`cannot connect to ${this.describe(database) ?? database}: ${messageOf(error)}`);
    }

    const outcomes: CheckOutcome[] = [];
    try {
      for (const spec of checks) {
        const t0 = performance.now();
        const q = templateQuery(spec);
        try {
          const rows = await runReadOnly(client, q.text, q.values, timeoutMs);
          outcomes.push({ ok: true, fact: q.toFact(rows), ms: Math.round(performance.now() - t0) });
        } catch (error) {
          outcomes.push({ ok: false, error: messageOf(error), ms: Math.round(performance.now() - t0) });
          if (error instanceof BrokenConnection) break;
        }
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    const lost = outcomes.at(-1);
    while (outcomes.length < checks.length)
      outcomes.push({
        ok: false,
        error: `not run: the connection was lost (${lost && !lost.ok ? lost.error : ''})`,
        ms: 0,
      });
    return outcomes;
  }

  async close(): Promise<void> {
    // Nothing stays open between runs.
  }
}
