// The migrations feature over a test room: the demo plans (or a folder of plans), the simulator's
// demo databases, progress in the room's audit log.
import { join } from 'node:path';
import { createMigrations } from '../../src/main/compose/create-migrations';
import { configSchema } from '../../src/main/core/config/config-schema';
import type { MigrationService } from '../../src/main/core/migrations/migration-service';
import { findResourcesDir } from '../../src/main/resources-dir';
import type { makeTestRoom } from './test-room';

export function makeTestMigrations(
  t: ReturnType<typeof makeTestRoom>,
  config: Partial<Parameters<typeof configSchema.parse>[0]> = {},
): MigrationService {
  return createMigrations({
    config: configSchema.parse(config),
    workspaceDir: t.dir,
    resourcesDir: findResourcesDir(),
    writer: t.room.writer,
    clock: t.clock,
    deployment: t.sim.deployments,
    metrics: t.sim.metrics,
    publish: (event) => t.room.publish(event),
  }).service;
}

export const demoPlansDir = (): string => join(findResourcesDir(), 'migrations');
