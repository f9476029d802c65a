// Every API handler over a test room, as the shells compose them.
import {
  connectionSecrets,
  createConnectionSettings,
} from '../../src/main/compose/create-connection-settings';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { canaryHandlers } from '../../src/main/core/api/canary-handlers';
import { changesHandlers } from '../../src/main/core/api/changes-handlers';
import { ChangesService } from '../../src/main/core/changes/changes-service';
import { connectionHandlers } from '../../src/main/core/api/connection-handlers';
import { migrationHandlers } from '../../src/main/core/api/migration-handlers';
import { rolloutHandlers } from '../../src/main/core/api/rollout-handlers';
import { configSchema } from '../../src/main/core/config/config-schema';
import { workspacePaths } from '../../src/main/core/workspace';
import { makeTestMigrations } from './test-migrations';
import type { makeTestRoom } from './test-room';

export function makeTestHandlers(t: ReturnType<typeof makeTestRoom>): ApiHandlers {
  const workspace = workspacePaths(t.dir);
  const settings = createConnectionSettings({
    config: configSchema.parse({}),
    workspace,
    secrets: connectionSecrets(workspace),
    writer: t.room.writer,
    publish: (event) => t.room.publish(event),
  });
  const changes = new ChangesService({
    audit: t.audit,
    rollouts: () => t.room.fleet(),
    rollout: (id) => t.room.rollout(id),
    metrics: t.sim.metrics,
    clock: t.clock,
  });
  return {
    ...rolloutHandlers(t.room),
    ...changesHandlers(changes, t.clock, () => t.room.fleet()),
    ...canaryHandlers(t.room),
    ...migrationHandlers(makeTestMigrations(t)),
    ...connectionHandlers(t.room, settings),
  };
}
