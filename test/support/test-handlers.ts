// Every API handler over a test room, as the shells compose them.
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { canaryHandlers } from '../../src/main/core/api/canary-handlers';
import { connectionHandlers } from '../../src/main/core/api/connection-handlers';
import { migrationHandlers } from '../../src/main/core/api/migration-handlers';
import { rolloutHandlers } from '../../src/main/core/api/rollout-handlers';
import { makeTestMigrations } from './test-migrations';
import type { makeTestRoom } from './test-room';

export function makeTestHandlers(t: ReturnType<typeof makeTestRoom>): ApiHandlers {
  return {
    ...rolloutHandlers(t.room),
    ...canaryHandlers(t.room),
    ...connectionHandlers(t.room),
    ...migrationHandlers(makeTestMigrations(t)),
  };
}
