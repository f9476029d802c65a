// The simulator's databases: answers the built-in check templates from a model that moves with the
// simulated clock (backfills progress, connected versions follow the rollouts), and behaves like a
// read-only transaction for hand-written queries: writes fail with PostgreSQL's wording.
import type { Clock } from '../../core/clock';
import type { CheckFact, CheckOutcome, CheckSpec } from '../../core/migrations/check-spec';
import type { DatabaseChecker } from '../../core/migrations/database-checker';
import type { DeploymentBackend } from '../../core/rollouts/deployment-backend';
import type { DatabaseFile, SimulatedDatabaseSpec } from './database-file';

class SimulatedError extends Error {}

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim().replace(/;$/, '').toLowerCase();
const bare = (name: string) => name.split('.').at(-1) ?? name;

/** PostgreSQL's refusal of a write inside BEGIN READ ONLY, for the statements people try. */
function readOnlyRefusal(sql: string): string | undefined {
  const text = sql.replace(/--.*$/gm, '').trim();
  if (/;\s*\S/.test(text)) return 'cannot insert multiple commands into a prepared statement';
  if (/\bfor\s+(no\s+key\s+)?(update|share)\b/i.test(text))
    return 'cannot execute SELECT FOR UPDATE in a read-only transaction';
  const m =
    /^(insert|update|delete|merge|truncate|copy|grant|revoke|vacuum|reindex|cluster|lock|(drop|create|alter)\s+\w+)\b/i.exec(
      text,
    );
  return m
    ? `cannot execute ${m[0].toUpperCase().replace(/\s+/g, ' ')} in a read-only transaction`
    : undefined;
}

export class SimulatedDatabases implements DatabaseChecker {
  private readonly startedAt: number;

  constructor(
    private readonly file: DatabaseFile,
    private readonly clock: Clock,
    private readonly deployment: Pick<DeploymentBackend, 'list'>,
  ) {
    this.startedAt = clock.now();
  }

  has(database: string): boolean {
    return Object.hasOwn(this.file.databases, database);
  }

  describe(database: string): string | undefined {
    return this.has(database) ? `simulated database ${database}` : undefined;
  }

  async run(database: string, checks: readonly CheckSpec[], _timeoutMs: number): Promise<CheckOutcome[]> {
    const db = this.file.databases[database];
    return checks.map((spec) => {
      if (!db) return { ok: false, error: `database "${database}" does not exist`, ms: 0 };
      try {
        return { ok: true, fact: this.answer(db, spec), ms: 1 };
      } catch (error) {
        if (error instanceof SimulatedError) return { ok: false, error: error.message, ms: 1 };
        throw error;
      }
    });
  }

  async close(): Promise<void> {}

  private table(db: SimulatedDatabaseSpec, name: string) {
    const t = db.tables[bare(name)];
    if (!t) throw new SimulatedError(`relation "${name}" does not exist`);
    return t;
  }

  private column(db: SimulatedDatabaseSpec, table: string, column: string) {
    const c = this.table(db, table).columns[column];
    if (!c) throw new SimulatedError(`column "${column}" does not exist`);
    return c;
  }

  /** Rows in which `column` is set now, counting backfill progress since the simulator started. */
  private filled(db: SimulatedDatabaseSpec, table: string, column: string): number {
    const rows = this.table(db, table).rows;
    const c = this.column(db, table, column);
    const job = db.backfills.find((b) => bare(b.table) === bare(table) && b.column === column);
    const progressed = job ? (job.rowsPerSecond * Math.max(0, this.clock.now() - this.startedAt)) / 1000 : 0;
    return Math.min(rows, Math.floor((c.filled ?? rows) + progressed));
  }

  private answer(db: SimulatedDatabaseSpec, spec: CheckSpec): CheckFact {
    switch (spec.name) {
      case 'column-exists': {
        const c = this.table(db, spec.table).columns[spec.column];
        return { name: 'column-exists', exists: c !== undefined, nullable: c ? c.nullable : null };
      }
      case 'rows-left': {
        this.column(db, spec.table, spec.from);
        const rows = this.table(db, spec.table).rows;
        return { name: 'rows-left', count: rows - this.filled(db, spec.table, spec.column) };
      }
      case 'drift':
        this.column(db, spec.table, spec.from);
        return { name: 'drift', count: this.column(db, spec.table, spec.column).drift };
      case 'index-valid': {
        const index = db.indexes[bare(spec.index)];
        return { name: 'index-valid', exists: index !== undefined, valid: index?.valid ?? false };
      }
      case 'constraint-validated': {
        this.table(db, spec.table);
        const c = db.constraints[spec.constraint];
        const exists = c !== undefined && bare(c.table) === bare(spec.table);
        return { name: 'constraint-validated', exists, validated: exists && (c?.validated ?? false) };
      }
      case 'long-transactions': {
        const old = db.longTransactions.filter((t) => t.ageSec * 1000 > spec.olderThan);
        return {
          name: 'long-transactions',
          count: old.length,
          oldestSec: Math.max(0, ...old.map((t) => t.ageSec)),
        };
      }
      case 'blocking-sessions':
        return { name: 'blocking-sessions', count: db.blockedSessions };
      case 'app-versions':
        return { name: 'app-versions', clients: this.clients(db) };
      case 'query': {
        const refused = readOnlyRefusal(spec.sql);
        if (refused) throw new SimulatedError(refused);
        const key = normalise(spec.sql);
        const canned = Object.entries(db.queries).find(([q]) => normalise(q) === key);
        if (!canned)
          throw new SimulatedError(
            'the simulated database answers only the built-in check templates and the queries listed in its file',
          );
        return { name: 'query', rowCount: 1, moreRows: false, firstRow: canned[1], types: [] };
      }
    }
  }

  /** Connections by application_name, following what the simulated fleet runs right now. */
  private clients(db: SimulatedDatabaseSpec): { applicationName: string; connections: number }[] {
    const counts = new Map<string, number>();
    for (const r of this.deployment.list()) {
      if (!db.clients.includes(r.service)) continue;
      const shares =
        r.stableVersion === r.canaryVersion
          ? [{ version: r.stableVersion, share: 100 }]
          : [
              { version: r.stableVersion, share: 100 - r.weight },
              { version: r.canaryVersion, share: r.weight },
            ];
      for (const { version, share } of shares) {
        if (share <= 0) continue;
        const name = `${r.service}/${version}`;
        const n = Math.max(1, Math.round((db.connectionsPerEnvironment * share) / 100));
        counts.set(name, (counts.get(name) ?? 0) + n);
      }
    }
    return [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([applicationName, connections]) => ({ applicationName, connections }));
  }
}
