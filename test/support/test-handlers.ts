// Every API handler over a test room, as the shells compose them.
import {
  connectionSecrets,
  createConnectionSettings,
} from '../../src/main/compose/create-connection-settings';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { canaryHandlers } from '../../src/main/core/api/canary-handlers';
import { connectionHandlers } from '../../src/main/core/api/connection-handlers';
import { migrationHandlers } from '../../src/main/core/api/migration-handlers';
import { notificationHandlers } from '../../src/main/core/api/notification-handlers';
import { NotificationService } from '../../src/main/core/notifications/notification-service';
import { readMarksFile } from '../../src/main/core/notifications/read-marks-file';
import { join } from 'node:path';
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
  return {
    ...rolloutHandlers(t.room),
    ...canaryHandlers(t.room),
    ...migrationHandlers(makeTestMigrations(t)),
    ...connectionHandlers(t.room, settings),
    ...notificationHandlers(
      new NotificationService({
        history: () => t.audit.history(),
        marks: readMarksFile(join(t.dir, 'notifications-read.json')),
        now: () => new Date(t.clock.now()),
        changed: () => t.room.publish({ type: 'notification' }),
      }),
    ),
  };
}
