// Wires the migrations feature: plans from the workspace (or the demo plans), checks against the
// configured PostgreSQL profiles or else the simulator's databases, progress in the audit log.
import { join } from 'node:path';
import { PostgresChecker, keychainKey } from '../backends/postgres/postgres-checker';
import { databaseFileSchema } from '../backends/simulator/database-file';
import { SimulatedDatabases } from '../backends/simulator/simulated-database';
import type { AuditWriter } from '../core/audit/audit-writer';
import type { Clock } from '../core/clock';
import type { Config } from '../core/config/config-schema';
import { resolveConfiguredFile } from '../core/config/configured-files';
import { parseYamlFile } from '../core/config/parse-yaml-file';
import type { CheckSpec } from '../core/migrations/check-spec';
import type { DatabaseChecker } from '../core/migrations/database-checker';
import { MigrationService } from '../core/migrations/migration-service';
import { PlanLibrary } from '../core/migrations/plan-library';
import type { SecretStore } from '../core/migrations/secret-store';
import { ApiError } from '../core/api/api-error';
import type { PasswordStore } from '../core/api/migration-handlers';
import type { DeploymentBackend } from '../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../core/rollouts/metrics-backend';
import type { ChangeEvent } from '../../shared/domain';

/** A configured PostgreSQL profile wins; otherwise the simulator's database of that name. */
export function routingChecker(postgres: PostgresChecker, simulated: SimulatedDatabases): DatabaseChecker {
  const pick = (database: string): DatabaseChecker => (postgres.has(database) ? postgres : simulated);
  return {
    describe: (database) => pick(database).describe(database),
    roleWarning: (database) => pick(database).roleWarning?.(database),
    run: (database: string, checks: readonly CheckSpec[], timeoutMs: number, tables?: readonly string[]) =>
      postgres.has(database) || simulated.has(database)
        ? pick(database).run(database, checks, timeoutMs, tables)
        : Promise.resolve(
            checks.map(() => ({
              ok: false as const,
              error: `no database "${database}": add a profile under databases: in config.yaml`,
              ms: 0,
            })),
          ),
    close: async () => {
      await Promise.all([postgres.close(), simulated.close()]);
    },
  };
}

export interface MigrationsOptions {
  config: Config;
  workspaceDir: string;
  resourcesDir: string;
  /** The room's audit writer. */
  writer: AuditWriter;
  clock: Clock;
  deployment: DeploymentBackend;
  metrics: MetricsBackend;
  publish(event: ChangeEvent): void;
  /** The OS keychain (desktop app only). */
  secrets?: SecretStore;
}

export function createMigrations(options: MigrationsOptions): {
  service: MigrationService;
  passwords?: PasswordStore;
} {
  const dbFile = options.config.simulator.databases
    ? resolveConfiguredFile(options.workspaceDir, options.config.simulator.databases)
    : join(options.resourcesDir, 'demo-databases.yaml');
  const simulated = new SimulatedDatabases(
    parseYamlFile(dbFile, databaseFileSchema),
    options.clock,
    options.deployment,
  );
  const postgres = new PostgresChecker(options.config.databases, options.secrets);
  const service = new MigrationService({
    library: new PlanLibrary(
      join(options.workspaceDir, 'migrations'),
      join(options.resourcesDir, 'migrations'),
    ),
    checker: routingChecker(postgres, simulated),
    deployment: options.deployment,
    metrics: options.metrics,
    writer: options.writer,
    clock: options.clock,
    publish: options.publish,
  });
  const { secrets } = options;
  if (!secrets) return { service };
  return {
    service,
    passwords: {
      store: async (database, password) => {
        if (!options.config.databases[database]?.passwordKeychain)
          throw new ApiError(
            'precondition-failed',
            `database ${database} has no profile with passwordKeychain: true in config.yaml`,
            'database',
          );
        await secrets.set(keychainKey(database), password);
      },
    },
  };
}
