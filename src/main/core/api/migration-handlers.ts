import type { MigrationsApiOutputs } from '../../../shared/api';
import type { MigrationService } from '../migrations/migration-service';
import { ApiError } from './api-error';
import type { HandlersFor } from './api-handlers';

export interface PasswordStore {
  store(database: string, password: string): Promise<void>;
}

export function migrationHandlers(
  migrations: MigrationService,
  /** Only the desktop app can write the OS keychain. */
  passwords?: PasswordStore,
): HandlersFor<keyof MigrationsApiOutputs> {
  return {
    'migrations.list': () => migrations.list(),
    'migrations.get': ({ id }) => migrations.get(id),
    'migrations.check': ({ id, phase }, ctx) => migrations.check(id, phase, ctx.actor),
    'migrations.tick': (input, ctx) => migrations.tick(input, ctx.actor),
    'migrations.waive': (input, ctx) => migrations.waive(input, ctx.actor),
    'migrations.advance': (input, ctx) => migrations.advance(input, ctx.actor),
    'migrations.rollback': (input, ctx) => migrations.rollback(input, ctx.actor),
    'databases.storePassword': async ({ database, password }) => {
      if (!passwords)
        throw new ApiError(
          'precondition-failed',
          'Only the desktop app can store a password in the OS keychain. Elsewhere, name an environment variable with passwordEnv in config.yaml.',
        );
      await passwords.store(database, password);
      return { database, stored: true };
    },
  };
}
