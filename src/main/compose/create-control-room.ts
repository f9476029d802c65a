// Builds a ControlRoom from a workspace folder: config, backends, audit log. Shared by the Electron
// shell, browser-mode server and CLI so all three run the same engine the same way. It holds the
// workspace's lock for its whole life: one control room per workspace, or the audit chain forks.
// composeRoom is the one composition of every feature: a drill's room (create-live-drill.ts) is
// built by it too, on the drill's simulator instead of the workspace's connections.
import { AuditLog } from '../core/audit/audit-log';
import { loadHeadKey } from '../core/audit/head-key';
import type { Config } from '../core/config/config-schema';
import type { ApiHandlers } from '../core/api/api-handlers';
import { alertHandlers } from '../core/api/alert-handlers';
import { canaryHandlers } from '../core/api/canary-handlers';
import { changesHandlers } from '../core/api/changes-handlers';
import { ChangesService } from '../core/changes/changes-service';
import { connectionHandlers } from '../core/api/connection-handlers';
import { loadShippedCanaryConfig } from '../core/canary/canary-config';
import { rolloutHandlers } from '../core/api/rollout-handlers';
import { migrationHandlers } from '../core/api/migration-handlers';
import { createIncidentReports } from './create-incident-reports';
import { pauseAllHandlers } from '../core/api/pause-all-handlers';
import { PauseAll } from '../core/rollouts/pause-all';
import { notificationHandlers } from '../core/api/notification-handlers';
import { NotificationService } from '../core/notifications/notification-service';
import { readMarksFile } from '../core/notifications/read-marks-file';
import { join } from 'node:path';
import { incidentHandlers } from '../core/api/incident-handlers';
import { IncidentService } from '../core/incidents/incident-service';
import { combinedFreezes } from '../core/incidents/combined-freezes';
import { FreezeWindowService } from '../core/freeze-windows/freeze-window-service';
import { freezeWindowHandlers } from '../core/api/freeze-window-handlers';
import type { SecretStore } from '../core/migrations/secret-store';
import { removeLeftoverTemporaryFiles } from '../core/persistence/atomic-write';
import { lockWorkspace, type WorkspaceLock } from '../core/persistence/workspace-lock';
import { connectionSecrets, createConnectionSettings } from './create-connection-settings';
import { createAlerts } from './create-alerts';
import { createConnections } from './create-connections';
import { createMigrations } from './create-migrations';
import { defaultActor } from './default-actor';
import { ControlRoom } from '../core/control-room';
import type { AlertService } from '../core/alerts/alert-service';
import type { ConnectionStatus } from '../../shared/connections';
import { loadConfig, openWorkspace, workspaceConfigSchema, type Workspace } from '../core/workspace';
import { findResourcesDir } from '../resources-dir';
import { drillHandlers, type DrillLauncher, type LiveDrill } from '../core/api/drill-handlers';
import type { DrillMark } from '../../shared/drills';
import type { PolledSource } from '../core/alerts/alert-service';
import type { CanaryConfig } from '../core/canary/canary-config';
import type { Clock } from '../core/clock';
import type { ConnectionHealth } from '../core/connections/connection-health';
import type { StoringSecretResolver } from '../core/connections/secret-resolver';
import type { DrillMarker } from '../core/drills/drill-isolation';
import type { DeploymentBackend, RolloutSnapshot } from '../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../core/rollouts/metrics-backend';
import { createDrillArchive } from './create-drill-archive';
import { DrillServers } from './drill-servers';
import { createFlagComparison } from '../core/flags/flag-comparison';
import { flagHandlers } from '../core/api/flag-handlers';
import { releaseSetHandlers } from '../core/api/release-set-handlers';
import type { FlagsBackend } from '../core/flags/flags-backend';
import { FlagsService } from '../core/flags/flags-service';
import { createReleaseSets } from './create-release-sets';

export interface ComposeOptions {
  workspaceDir: string;
  mode: 'electron' | 'browser' | 'cli';
  /** Overrides config.yaml's simulator speed. */
  speed?: number;
  seed?: number;
  actor?: string;
  tickMs?: number;
  /** The OS keychain, for database passwords and the audit head's key (desktop app only). */
  secrets?: SecretStore;
  /** Who holds the workspace, as other processes are told, e.g. "control-room serve". */
  command?: string;
}

export interface RunningControlRoom {
  room: ControlRoom;
  /** Every alert source's alerts with their playbooks. */
  alerts: AlertService;
  /** Incidents and their freezes (the postmortem reads them). */
  incidents: IncidentService;
  /** Each person's notifications; the desktop shell also shows new ones by the OS. */
  notifications: NotificationService;
  /** Every API method, for whichever transport serves them. */
  handlers: ApiHandlers;
  config: Config;
  workspace: Workspace;
  actor: string;
  /** What was found and mended at start (a torn audit line, a damaged world set aside, …). */
  notices: string[];
  /** Drill rooms this room started, each its own process (a workspace's room only). */
  drillRooms?: { isJoinUrl(url: string): boolean };
  /** Starts the controller loop; returns the function that stops it. */
  start(): () => void;
  /** Stops, folds the world's journal into its snapshot, closes the files and frees the workspace. */
  close(): void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function createControlRoom(options: ComposeOptions): Promise<RunningControlRoom> {
  const workspace = openWorkspace(options.workspaceDir);
  const lock = lockWorkspace(workspace.dir, options.command ?? `control-room (${options.mode})`);
  try {
    return await compose(options, workspace, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function compose(
  options: ComposeOptions,
  workspace: Workspace,
  lock: WorkspaceLock,
): Promise<RunningControlRoom> {
  // With the lock held, no other writer can be mid-write: what a crashed one left is garbage.
  removeLeftoverTemporaryFiles(workspace.dir);
  const config = loadConfig(workspace);
  const actor = options.actor ?? defaultActor(config);
  const speed = options.speed ?? config.simulator.speed;
  const notices: string[] = [];
  // One place for connection secrets: what the Settings screen stores is what the backends read.
  const secrets = connectionSecrets(workspace, options.secrets);
  const connections = await createConnections({
    config,
    workspace,
    speed,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    secrets,
    baseCanaryConfig: loadShippedCanaryConfig(),
    notices,
    // A command acts once and exits: it waits for the clusters' first lists; a window streams them in.
    waitForClusters: options.mode === 'cli',
    openAudit: async (clock) => {
      const logPath = workspace.auditPath;
      const headKey = await loadHeadKey(logPath, options.secrets);
      const log = AuditLog.open(logPath, clock, headKey ? { headKey } : {});
      if (log.tornTail)
        notices.push(
          `The audit log's last line was torn (${log.tornTail.bytes} bytes, likely a crash mid-write); every whole record was kept and the torn bytes were saved to ${log.tornTail.savedTo}.`,
        );
      notices.push(...log.notes);
      return log;
    },
  });
  // Drill rooms started from here run as their own processes; they end with this room.
  const drillServers = new DrillServers({
    workspaceDir: workspace.dir,
    changed: () => running.room.publish({ type: 'drill' }),
    record: (entry) => {
      const [record] = running.room.writer.write([{ ...entry, reason: '' }]);
      if (record) running.room.publish({ type: 'audit', seq: record.seq });
    },
  });
  const running = composeRoom({
    mode: options.mode,
    config,
    workspace,
    actor,
    speed,
    notices,
    secrets,
    ...(options.secrets ? { keychain: options.secrets } : {}),
    controllerLoop: { tickMs: options.tickMs ?? 1000 },
    drills: { archiveDir: workspace.dir, launcher: drillServers },
    backends: {
      ...connections,
      alertSimulators: connections.simulated.map((s) => ({
        name: s.name,
        deployments: s.simulator.deployments,
        metrics: s.simulator.metrics,
      })),
      simulated: connections.simulated.length > 0,
      close: () => {
        drillServers.stopAll();
        connections.close();
        connections.audit.close();
        lock.release();
      },
    },
  });
  await running.room.refreshHealth();
  return { ...running, drillRooms: drillServers };
}

/** What a room runs on: a workspace's configured connections, or a drill's simulator. */
export interface RoomBackends {
  fleet: DeploymentBackend;
  metrics: MetricsBackend;
  clock: Clock;
  audit: AuditLog;
  canaryConfig: (rollout: RolloutSnapshot) => CanaryConfig;
  /** Simulators whose own alerting rules are alert sources. */
  alertSimulators: { name: string; deployments: Pick<DeploymentBackend, 'list'>; metrics: MetricsBackend }[];
  /** More alert sources (a drill's injected alerts). */
  alertSources?: PolledSource[];
  simulated: boolean;
  /** Every flags connection (a drill's room: the simulator's, or none). */
  flags: FlagsBackend[];
  statuses(): ConnectionStatus[];
  healthLines: ReadonlyMap<string, ConnectionHealth>;
  shouldCompact(): boolean;
  compact(): void;
  /** Closes the backends and the audit log (and frees the workspace). */
  close(): void;
}

/** One room, composed with every feature's handlers, for a workspace or for a drill. */
export interface RoomSpec {
  mode: ComposeOptions['mode'];
  config: Config;
  workspace: Workspace;
  actor: string;
  speed: number;
  notices: string[];
  secrets: StoringSecretResolver;
  keychain?: SecretStore;
  backends: RoomBackends;
  /** The room's own controller beat; a drill has none (its runner ticks the room). */
  controllerLoop?: { tickMs: number };
  /** The live drill this room runs, if any; the archive's workspace holds the drill history. */
  drills: {
    archiveDir: string;
    live?: LiveDrill;
    marker?: DrillMarker;
    mark?: () => DrillMark;
    /** Starts drill rooms as their own processes (a workspace's room; a drill's room does not). */
    launcher?: DrillLauncher;
  };
}

export function composeRoom(spec: RoomSpec): RunningControlRoom {
  const { config, workspace, actor, notices, secrets } = spec;
  const connections = spec.backends;
  const { clock, audit } = connections;
  // Set once the room exists: alert sources' health lines join every connection's on the top bar.
  let alertStatuses: () => ConnectionStatus[] = () => [];
  const room = new ControlRoom({
    deployment: connections.fleet,
    metrics: connections.metrics,
    audit,
    clock,
    canaryConfig: connections.canaryConfig,
    connections: () => [...connections.statuses(), ...alertStatuses()],
    session: {
      actor,
      role: 'operator',
      mode: spec.mode,
      workspace: workspace.dir,
      // Read on every call: a drill's speed changes while it runs.
      get speed() {
        return spec.speed;
      },
      simulated: connections.simulated,
      notices,
    },
    ...(spec.drills.marker ? { drill: spec.drills.marker } : {}),
    ...(spec.drills.mark ? { drillMark: spec.drills.mark } : {}),
  });
  if (room.recovered > 0)
    notices.push(
      `${room.recovered} record${room.recovered === 1 ? '' : 's'} left out by the last stop (saved changes, interrupted actions) ${room.recovered === 1 ? 'was' : 'were'} written to the audit log.`,
    );
  // Open incidents freeze releases; their state is the audit log's, so it is rebuilt here.
  const incidents = new IncidentService({
    writer: room.writer,
    clock,
    publish: (event) => room.publish(event),
  });
  // Scheduled windows freeze by the room's clock; Settings edits them in config.yaml, live.
  const windows = new FreezeWindowService({
    windows: config.freezeWindows,
    configPath: workspace.configPath,
    schema: workspaceConfigSchema(workspace.dir),
    writer: room.writer,
    clock,
    publish: (event) => room.publish(event),
  });
  const freezes = combinedFreezes({ incident: incidents, window: windows });
  room.useFreezes(freezes);
  room.onChange((event) => {
    if (event.type === 'tick' && windows.observe()) room.publish({ type: 'freeze-windows' });
  });
  const migrations = createMigrations({
    config,
    workspaceDir: workspace.dir,
    resourcesDir: findResourcesDir(),
    writer: room.writer,
    clock,
    deployment: connections.fleet,
    metrics: connections.metrics,
    publish: (event) => room.publish(event),
    ...(spec.keychain ? { secrets: spec.keychain } : {}),
  });
  const releaseSets = createReleaseSets({
    config,
    configPath: workspace.configPath,
    workspaceDir: workspace.dir,
    resourcesDir: findResourcesDir(),
    room,
    fleet: connections.fleet,
    migrations: migrations.service,
    freezes,
  });
  const alerts = createAlerts({
    config,
    workspaceDir: workspace.dir,
    resourcesDir: findResourcesDir(),
    secrets,
    clock,
    simulated: connections.alertSimulators,
    ...(connections.alertSources ? { sources: connections.alertSources } : {}),
    fleet: connections.fleet,
    record: (entry) => {
      const [record] = room.writer.write([entry]);
      const seq = record?.seq ?? audit.lastSeq;
      room.publish({ type: 'audit', seq });
      return seq;
    },
    publish: (event) => room.publish(event),
  });
  alertStatuses = alerts.statuses;
  const settings = createConnectionSettings({
    config,
    workspace,
    writer: room.writer,
    publish: (event) => room.publish(event),
    secrets,
    running: {
      healthLines: new Map([
        ...connections.healthLines,
        ...alerts.healthLines.map((h) => [h.name, h] as const),
      ]),
      statuses: () => room.connections(),
    },
  });
  // The active phases' automated checks re-run on the controller's beat, and the world's journal is
  // folded into its snapshot when it has grown and nothing is in flight.
  const notifications = new NotificationService({
    history: () => audit.history(),
    marks: readMarksFile(join(workspace.dir, 'notifications-read.json')),
    now: () => new Date(clock.now()),
    changed: () => room.publish({ type: 'notification' }),
  });
  alerts.service.onNewFiring((alert) => notifications.fromAlert(alert));
  room.onChange((event) => {
    if (event.type === 'audit') notifications.sync();
    if (event.type === 'tick') notifications.observeConnections(room.connections());
  });
  room.onChange((event) => {
    if (event.type !== 'tick') return;
    migrations.service.backgroundTick();
    if (connections.shouldCompact() && room.quiescent) {
      try {
        connections.compact();
      } catch (error) {
        // The journal still holds every change: nothing is lost, the next start replays it.
        console.error(`could not fold the world's journal into a snapshot: ${errorText(error)}`);
      }
    }
  });
  const flags = new FlagsService({
    backends: connections.flags,
    writer: room.writer,
    history: () => audit.history(),
    freezes,
    clock,
    publish: (event) => room.publish(event),
  });
  room.onChange((event) => {
    if (event.type === 'tick') flags.poll();
  });
  const changes = new ChangesService({
    audit,
    rollouts: () => room.fleet(),
    rollout: (id) => room.rollout(id),
    metrics: connections.metrics,
    clock,
    alertSpans: (from, to) => alerts.service.spans(from, to),
  });
  const handlers: ApiHandlers = {
    ...rolloutHandlers(room),
    ...changesHandlers(changes, clock, () => room.fleet()),
    ...canaryHandlers(room),
    ...migrationHandlers(migrations.service, migrations.passwords),
    ...connectionHandlers(room, settings),
    ...alertHandlers(alerts.service, alerts.playbooks),
    ...createIncidentReports({
      audit,
      fleet: connections.fleet,
      metrics: connections.metrics,
      clock,
      workspaceDir: workspace.dir,
      alerts: (from, to) => alerts.service.spans(from, to),
      incident: (id) => incidents.list().find((i) => i.id === id.toUpperCase()),
    }),
    ...pauseAllHandlers(new PauseAll({ room, history: () => audit.history() })),
    ...notificationHandlers(notifications),
    ...incidentHandlers(incidents, freezes),
    ...freezeWindowHandlers(windows),
    ...drillHandlers(spec.drills.live, createDrillArchive(spec.drills.archiveDir), spec.drills.launcher),
    ...flagHandlers(
      flags,
      createFlagComparison({
        find: async (key, environment, connection) => (await flags.find(key, environment, connection)).flag,
        history: () => audit.history(),
        fleet: () => room.fleet(),
        canaryConfig: (id) => room.canaryConfigOf(id),
        metrics: connections.metrics,
        clock: clock,
      }),
    ),
    ...releaseSetHandlers(releaseSets),
  };
  let stopLoop: (() => void) | undefined;
  let stopAlerts: (() => void) | undefined;
  let closed = false;
  return {
    room,
    alerts: alerts.service,
    incidents,
    notifications,
    handlers,
    config,
    workspace,
    actor,
    notices,
    start() {
      stopAlerts = alerts.service.start();
      const loop = spec.controllerLoop;
      if (!loop) {
        stopLoop = () => stopAlerts?.();
        return stopLoop;
      }
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
      }, loop.tickMs);
      stopLoop = () => {
        clearInterval(timer);
        stopAlerts?.();
      };
      return stopLoop;
    },
    close() {
      if (closed) return;
      closed = true;
      stopLoop?.();
      try {
        if (room.quiescent) connections.compact();
      } catch {
        // The journal holds it all; the next start replays it.
      }
      connections.close();
    },
  };
}
