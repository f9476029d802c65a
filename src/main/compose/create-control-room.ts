// Builds a ControlRoom from a workspace folder: config, backends, audit log. Shared by the Electron
// shell, browser-mode server and CLI so all three run the same engine the same way.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fleetCanaryConfig } from '../backends/simulator/fleet-canary-config';
import { readSavedWorld, worldDigest, writeSavedWorld } from '../backends/simulator/saved-world';
import { createSimulator, loadFleetFile } from '../backends/simulator/simulator';
import { AuditLog } from '../core/audit/audit-log';
import { ScaledClock } from '../core/clock';
import type { Config } from '../core/config/config-schema';
import type { ApiHandlers } from '../core/api/api-handlers';
import { canaryHandlers } from '../core/api/canary-handlers';
import { loadShippedCanaryConfig } from '../core/canary/canary-config';
import { rolloutHandlers } from '../core/api/rollout-handlers';
import { migrationHandlers } from '../core/api/migration-handlers';
import type { SecretStore } from '../core/migrations/secret-store';
import { createMigrations } from './create-migrations';
import { ControlRoom } from '../core/control-room';
import { loadConfig, openWorkspace, type Workspace } from '../core/workspace';
import { findResourcesDir } from '../resources-dir';

export interface ComposeOptions {
  workspaceDir: string;
  mode: 'electron' | 'browser' | 'cli';
  /** Overrides config.yaml's simulator speed. */
  speed?: number;
  seed?: number;
  actor?: string;
  tickMs?: number;
  /** The OS keychain, for database passwords (desktop app only). */
  secrets?: SecretStore;
}

export interface RunningControlRoom {
  room: ControlRoom;
  /** Every API method, for whichever transport serves them. */
  handlers: ApiHandlers;
  config: Config;
  workspace: Workspace;
  /** For shells that record events of their own (browser mode's invitations). */
  audit: AuditLog;
  actor: string;
  tornTail?: string;
  /** Something the person starting it should know (a damaged saved world was set aside). */
  worldNotice?: string;
  /** Starts the controller loop; returns the function that stops it. */
  start(): () => void;
  /** Writes what is pending (the simulated world) now: before the process ends. */
  flush(): void;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

export async function createControlRoom(options: ComposeOptions): Promise<RunningControlRoom> {
  const workspace = openWorkspace(options.workspaceDir);
  const config = loadConfig(workspace);
  const actor = options.actor ?? config.actor ?? osUser();
  const speed = options.speed ?? config.simulator.speed;
  const fleetPath = config.simulator.fleet
    ? isAbsolute(config.simulator.fleet)
      ? config.simulator.fleet
      : resolve(workspace.dir, config.simulator.fleet)
    : join(findResourcesDir(), 'demo-fleet.yaml');
  const fleet = loadFleetFile(fleetPath);
  const seed = options.seed ?? config.simulator.seed;
  const digest = worldDigest(readFileSync(fleetPath, 'utf8'), seed);
  const saved = readSavedWorld(workspace.simulatorStatePath, digest);
  // Simulated time may have run ahead (at 60x); it never runs backwards across a restart.
  const clock = new ScaledClock(Math.max(Date.now(), saved.kind === 'restored' ? saved.savedAt : 0), speed);
  const simulator = createSimulator(
    fleet,
    clock,
    seed,
    saved.kind === 'restored' ? saved.rollouts : undefined,
  );
  const worldNotice =
    saved.kind === 'damaged'
      ? `The saved simulator world was damaged (${saved.problem}); it was moved to ${saved.movedTo} and a fresh world started.`
      : undefined;
  const saveWorld = () => {
    try {
      writeSavedWorld(workspace.simulatorStatePath, simulator.deployments.rawAll(), digest, clock.now());
    } catch (error) {
      // The world lives on in memory; only a restart would lose the latest changes.
      console.error(
        `could not save the simulated world: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  let pendingSave: ReturnType<typeof setTimeout> | undefined;
  simulator.deployments.onChange(() => {
    pendingSave ??= setTimeout(() => {
      pendingSave = undefined;
      saveWorld();
    }, 1000);
  });
  const flushWorld = () => {
    if (pendingSave === undefined) return;
    clearTimeout(pendingSave);
    pendingSave = undefined;
    saveWorld();
  };
  const audit = AuditLog.open(workspace.auditPath, clock);
  const tornTail = audit.tornTail
    ? `The audit log's last line was torn (${audit.tornTail.bytes} bytes, likely a crash mid-write); every whole record was kept and the torn bytes were saved to ${audit.tornTail.savedTo}.`
    : undefined;
  const room = new ControlRoom({
    deployment: simulator.deployments,
    metrics: simulator.metrics,
    audit,
    clock,
    canaryConfig: fleetCanaryConfig(simulator.fleet, loadShippedCanaryConfig()),
    session: {
      actor,
      role: 'operator',
      mode: options.mode,
      workspace: workspace.dir,
      speed,
      simulated: true,
      ...(tornTail ? { auditTornTail: tornTail } : {}),
    },
  });
  await room.refreshHealth();
  const migrations = createMigrations({
    config,
    workspaceDir: workspace.dir,
    resourcesDir: findResourcesDir(),
    audit,
    clock,
    deployment: simulator.deployments,
    metrics: simulator.metrics,
    publish: (event) => room.publish(event),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  // The active phases' automated checks re-run on the controller's beat.
  room.onChange((event) => {
    if (event.type === 'tick') migrations.service.backgroundTick();
  });
  const handlers: ApiHandlers = {
    ...rolloutHandlers(room),
    ...canaryHandlers(room),
    ...migrationHandlers(migrations.service, migrations.passwords),
  };
  return {
    room,
    handlers,
    config,
    workspace,
    audit,
    actor,
    ...(tornTail ? { tornTail } : {}),
    ...(worldNotice ? { worldNotice } : {}),
    flush: flushWorld,
    start() {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return; // a slow backend must not pile up ticks
        busy = true;
        room
          .tick()
          .catch((error: unknown) => console.error('tick failed:', error))
          .finally(() => {
            busy = false;
          });
      }, options.tickMs ?? 1000);
      return () => {
        clearInterval(timer);
        flushWorld();
      };
    },
  };
}
