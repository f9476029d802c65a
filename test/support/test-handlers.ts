// Every API handler over a test room, as the shells compose them.
import { createFlagComparison } from '../../src/main/core/flags/flag-comparison';
import { flagHandlers } from '../../src/main/core/api/flag-handlers';
import { releaseSetHandlers } from '../../src/main/core/api/release-set-handlers';
import type { FlagsBackend } from '../../src/main/core/flags/flags-backend';
import { FlagsService } from '../../src/main/core/flags/flags-service';
import {
  connectionSecrets,
  createConnectionSettings,
} from '../../src/main/compose/create-connection-settings';
import { createAlerts } from '../../src/main/compose/create-alerts';
import { alertHandlers } from '../../src/main/core/api/alert-handlers';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { findResourcesDir } from '../../src/main/resources-dir';
import { canaryHandlers } from '../../src/main/core/api/canary-handlers';
import { changesHandlers } from '../../src/main/core/api/changes-handlers';
import { ChangesService } from '../../src/main/core/changes/changes-service';
import { connectionHandlers } from '../../src/main/core/api/connection-handlers';
import { migrationHandlers } from '../../src/main/core/api/migration-handlers';
import { pauseAllHandlers } from '../../src/main/core/api/pause-all-handlers';
import { notificationHandlers } from '../../src/main/core/api/notification-handlers';
import { NotificationService } from '../../src/main/core/notifications/notification-service';
import { readMarksFile } from '../../src/main/core/notifications/read-marks-file';
import { join } from 'node:path';
import { incidentHandlers } from '../../src/main/core/api/incident-handlers';
import { IncidentService } from '../../src/main/core/incidents/incident-service';
import { combinedFreezes } from '../../src/main/core/incidents/combined-freezes';
import { FreezeWindowService } from '../../src/main/core/freeze-windows/freeze-window-service';
import { freezeWindowHandlers } from '../../src/main/core/api/freeze-window-handlers';
import { drillHandlers } from '../../src/main/core/api/drill-handlers';
import { createDrillArchive } from '../../src/main/compose/create-drill-archive';
import { rolloutHandlers } from '../../src/main/core/api/rollout-handlers';
import { PauseAll } from '../../src/main/core/rollouts/pause-all';
import { configSchema } from '../../src/main/core/config/config-schema';
import { workspaceConfigSchema, workspacePaths } from '../../src/main/core/workspace';
import { createIncidentReports } from '../../src/main/compose/create-incident-reports';
import { createReleaseSets } from '../../src/main/compose/create-release-sets';
import { makeTestMigrations } from './test-migrations';
import type { makeTestRoom } from './test-room';

export function makeTestHandlers(
  t: ReturnType<typeof makeTestRoom>,
  options: { flags?: FlagsBackend[] } = {},
): ApiHandlers {
  const workspace = workspacePaths(t.dir);
  const settings = createConnectionSettings({
    config: configSchema.parse({}),
    workspace,
    secrets: connectionSecrets(workspace),
    writer: t.room.writer,
    publish: (event) => t.room.publish(event),
  });
  const alerts = createAlerts({
    config: configSchema.parse({}),
    workspaceDir: t.dir,
    resourcesDir: findResourcesDir(),
    secrets: connectionSecrets(workspace),
    clock: t.clock,
    simulated: [{ name: 'simulator', deployments: t.fleet, metrics: t.sim.metrics }],
    fleet: t.fleet,
    record: (entry) => t.room.writer.write([entry])[0]?.seq ?? 0,
    publish: (event) => t.room.publish(event),
  });
  const incidents = new IncidentService({
    writer: t.room.writer,
    clock: t.clock,
    publish: (event) => t.room.publish(event),
  });
  const windows = new FreezeWindowService({
    windows: [],
    configPath: workspace.configPath,
    schema: workspaceConfigSchema(t.dir),
    writer: t.room.writer,
    clock: t.clock,
    publish: (event) => t.room.publish(event),
  });
  const freezes = combinedFreezes({ incident: incidents, window: windows });
  t.room.useFreezes(freezes);
  const migrations = makeTestMigrations(t);
  const releaseSets = createReleaseSets({
    config: configSchema.parse({}),
    configPath: workspace.configPath,
    workspaceDir: t.dir,
    resourcesDir: findResourcesDir(),
    room: t.room,
    fleet: t.fleet,
    migrations,
    freezes,
  });
  const changes = new ChangesService({
    audit: t.audit,
    rollouts: () => t.room.fleet(),
    rollout: (id) => t.room.rollout(id),
    metrics: t.sim.metrics,
    clock: t.clock,
    alertSpans: (from, to) => alerts.service.spans(from, to),
  });
  const flags = new FlagsService({
    backends: options.flags ?? [],
    writer: t.room.writer,
    history: () => t.audit.history(),
    freezes,
    clock: t.clock,
    publish: (event) => t.room.publish(event),
  });
  return {
    ...alertHandlers(alerts.service, alerts.playbooks),
    ...rolloutHandlers(t.room),
    ...changesHandlers(changes, t.clock, () => t.room.fleet()),
    ...canaryHandlers(t.room),
    ...migrationHandlers(migrations),
    ...connectionHandlers(t.room, settings),
    ...createIncidentReports({
      audit: t.audit,
      fleet: t.fleet,
      metrics: t.sim.metrics,
      clock: t.clock,
      workspaceDir: t.dir,
    }),
    ...pauseAllHandlers(new PauseAll({ room: t.room, history: () => t.audit.history() })),
    ...notificationHandlers(
      new NotificationService({
        history: () => t.audit.history(),
        marks: readMarksFile(join(t.dir, 'notifications-read.json')),
        now: () => new Date(t.clock.now()),
        changed: () => t.room.publish({ type: 'notification' }),
      }),
    ),
    ...incidentHandlers(incidents, freezes),
    ...freezeWindowHandlers(windows),
    ...drillHandlers(undefined, createDrillArchive(t.dir)),
    ...flagHandlers(
      flags,
      createFlagComparison({
        find: async (key, environment, connection) => (await flags.find(key, environment, connection)).flag,
        history: () => t.audit.history(),
        fleet: () => t.room.fleet(),
        canaryConfig: (id) => t.room.canaryConfigOf(id),
        metrics: t.sim.metrics,
        clock: t.clock,
      }),
    ),
    ...releaseSetHandlers(releaseSets),
  };
}
