// Wires release sets: definitions from config.yaml and the workspace's sets/ (the demo set on the
// built-in demo fleet), runs moved on the room's tick, and the room's guard against acting on one
// member of a set in flight.
import { join } from 'node:path';
import type { Config } from '../core/config/config-schema';
import type { ControlRoom } from '../core/control-room';
import type { FreezeSource } from '../core/incidents/freeze-source';
import type { MigrationService } from '../core/migrations/migration-service';
import { ReleaseSetService } from '../core/release-sets/release-set-service';
import { SetLibrary } from '../core/release-sets/set-library';
import type { DeploymentBackend } from '../core/rollouts/deployment-backend';

export interface ReleaseSetsOptions {
  config: Config;
  configPath: string;
  workspaceDir: string;
  resourcesDir: string;
  room: ControlRoom;
  fleet: Pick<DeploymentBackend, 'list' | 'knownVersions'>;
  migrations?: Pick<MigrationService, 'list' | 'get'>;
  freezes?: FreezeSource;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createReleaseSets(options: ReleaseSetsOptions): ReleaseSetService {
  const { config, room, fleet, migrations } = options;
  // The demo set names the demo fleet's services: shown only where that fleet is what runs.
  const demoFleet = config.connections === undefined && config.simulator.fleet === undefined;
  const sets = new ReleaseSetService({
    library: new SetLibrary({
      configSets: config.releaseSets,
      configPath: options.configPath,
      dir: join(options.workspaceDir, 'sets'),
      ...(demoFleet ? { demoDir: join(options.resourcesDir, 'sets') } : {}),
    }),
    room,
    rollouts: () => fleet.list(),
    knownVersions: (id) => fleet.knownVersions(id),
    ...(migrations
      ? {
          migrations: {
            plans: () =>
              migrations.list().plans.map((p) => ({
                id: p.id,
                current: p.current,
                phases: migrations.get(p.id).phases.map((phase) => phase.id),
              })),
          },
        }
      : {}),
    ...(options.freezes ? { freezes: options.freezes } : {}),
  });
  room.useActGuard((request, actor) => sets.guard(request, actor));
  let busy = false;
  room.onChange((event) => {
    if (event.type !== 'tick' || busy) return;
    busy = true;
    sets
      .tick()
      .catch((error: unknown) => console.error(`release sets could not move on: ${errorText(error)}`))
      .finally(() => {
        busy = false;
      });
  });
  return sets;
}
