// Every API handler over a test room, as the shells compose them.
import {
  connectionSecrets,
  createConnectionSettings,
} from '../../src/main/compose/create-connection-settings';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { canaryHandlers } from '../../src/main/core/api/canary-handlers';
import { connectionHandlers } from '../../src/main/core/api/connection-handlers';
import { migrationHandlers } from '../../src/main/core/api/migration-handlers';
import { incidentHandlers } from '../../src/main/core/api/incident-handlers';
import { IncidentService } from '../../src/main/core/incidents/incident-service';
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
  const incidents = new IncidentService({
    writer: t.room.writer,
    clock: t.clock,
    publish: (event) => t.room.publish(event),
  });
  t.room.useFreezes(incidents);
  return {
    ...rolloutHandlers(t.room),
    ...canaryHandlers(t.room),
    ...migrationHandlers(makeTestMigrations(t)),
    ...connectionHandlers(t.room, settings),
    ...incidentHandlers(incidents),
  };
}
