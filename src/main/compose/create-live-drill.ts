// Wires a shared drill room: the full control room (every feature's handlers) composed by the same
// path as a workspace's, but on the drill's own workspace (<workspace>/drills/<scenario>-<n>/),
// the scenario's simulated fleet and faults, and a ManualClock that only the runner moves. The
// workspace's configured connections are never opened. A reset composes a fresh room in a new
// folder; handlers and events follow whichever room is current.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { ChangeEvent } from '../../shared/domain';
import type { ApiHandlers } from '../core/api/api-handlers';
import type { LiveDrill } from '../core/api/drill-handlers';
import { AuditLog } from '../core/audit/audit-log';
import { loadShippedCanaryConfig } from '../core/canary/canary-config';
import { ManualClock } from '../core/clock';
import { configSchema, type Config } from '../core/config/config-schema';
import { Fleet } from '../core/connections/fleet';
import { DrillRunner, type DrillParts } from '../core/drills/drill-runner';
import { saveDrillRun } from '../core/drills/drill-run-files';
import { LiveDrillRoom } from '../core/drills/live-drill';
import type { ScenarioFile } from '../core/drills/scenario-schema';
import { lockWorkspace } from '../core/persistence/workspace-lock';
import { loadConfig, openWorkspace, workspacePaths, type Workspace } from '../core/workspace';
import { DrillAlerts } from '../backends/simulator/drill-alerts';
import { createDrillSimulator } from '../backends/simulator/drill-simulator';
import { fleetCanaryConfig } from '../backends/simulator/fleet-canary-config';
import type { FleetFile } from '../backends/simulator/fleet-file';
import { connectionSecrets } from './create-connection-settings';
import { composeRoom, type RunningControlRoom } from './create-control-room';
import { DRILL_CONNECTION, drillWorkspaceDir, scenarioLibrary } from './create-drill-room';
import { defaultActor } from './default-actor';

/** Wall time between polls of the drill's alert sources (an alert inject is also polled at once). */
const ALERT_POLL_MS = 2_000;

export interface LiveDrillOptions {
  /** The workspace whose drills/ folder holds the run and its history. */
  workspaceDir: string;
  /** A scenario id (shipped or the workspace's) or the path to a scenario file. */
  scenario: string;
  seed?: number;
  /** Simulated seconds per wall second while running (1-60). */
  speed?: number;
  team?: string;
  /** The facilitator (default: the workspace's config actor, else the OS user). */
  actor?: string;
  command?: string;
}

export interface RunningDrill {
  scenario: ScenarioFile<FleetFile>;
  live: LiveDrillRoom;
  runner: DrillRunner;
  /** The facilitator. */
  actor: string;
  /** The workspace's config (its server settings); its connections are not opened. */
  config: Config;
  workspace: Workspace;
  /** Every API method, on whichever room is current. */
  handlers: ApiHandlers;
  /** Change events of whichever room is current. */
  events: { onChange(listener: (event: ChangeEvent) => void): () => void };
  /** The room now: a reset opens a fresh one. */
  current(): RunningControlRoom;
  /** Starts the alert sources' polling (the runner ticks the room; the facilitator starts it). */
  start(): () => void;
  close(): void;
  /** Closes and removes the drill's folder: for a serve that could not start, so nothing half-made stays. */
  discard(): void;
}

export function createLiveDrill(options: LiveDrillOptions): RunningDrill {
  const workspace = openWorkspace(options.workspaceDir);
  const config = loadConfig(workspace);
  const actor = options.actor ?? defaultActor(config);
  const scenario = scenarioLibrary(workspace.dir).load(options.scenario);
  const seed = options.seed ?? scenario.seed;
  const initialSpeed = DrillRunner.checkSpeed(options.speed ?? 60);
  const base = loadShippedCanaryConfig();
  const configFor = fleetCanaryConfig(scenario.fleet, base);
  // The drill's room reads no config of the workspace: no connection of it is ever opened.
  const drillConfig = configSchema.parse({});
  const listeners = new Set<(event: ChangeEvent) => void>();
  let current: RunningControlRoom | undefined;
  let history: () => ReturnType<AuditLog['history']> = () => [];
  let started = false;
  let stopCurrent: (() => void) | undefined;
  // Built after the runner, which opens the first room in its constructor: read lazily.
  const built: { live?: LiveDrillRoom; runner?: DrillRunner } = {};
  const liveApi: LiveDrill = {
    status: (ctx) => (built.live as LiveDrillRoom).status(ctx),
    control: (command, ctx) => (built.live as LiveDrillRoom).control(command, ctx),
    speed: (speed, ctx) => (built.live as LiveDrillRoom).speed(speed, ctx),
    inject: (inject, ctx) => (built.live as LiveDrillRoom).inject(inject, ctx),
    revertConfig: (config, reason, ctx) => (built.live as LiveDrillRoom).revertConfig(config, reason, ctx),
  };

  const open = (): DrillParts => {
    const dir = drillWorkspaceDir(workspace.dir, scenario.id);
    const lock = lockWorkspace(dir, options.command ?? 'control-room serve --drill');
    const drillWorkspace = workspacePaths(dir);
    const clock = new ManualClock(scenario.start);
    const sim = createDrillSimulator(scenario.fleet, clock, seed);
    // Simulated time stamps the records; each also carries the wall time it happened at.
    const audit = AuditLog.open(drillWorkspace.auditPath, clock, { wallClock: Date.now });
    const fleet = new Fleet([{ name: DRILL_CONNECTION, backend: sim.deployments }]);
    const running = composeRoom({
      mode: 'browser',
      config: drillConfig,
      workspace: drillWorkspace,
      actor,
      // How fast simulated time moves now: a drill that is not running stands still.
      get speed() {
        return built.runner?.state === 'running' ? built.runner.speed : 0;
      },
      notices: [],
      secrets: connectionSecrets(drillWorkspace),
      drills: {
        archiveDir: workspace.dir,
        live: liveApi,
        marker: { id: scenario.id },
        mark: () => built.live?.mark() ?? { scenario: scenario.id, title: scenario.title, state: 'ready' },
      },
      backends: {
        fleet,
        metrics: sim.metrics,
        clock,
        audit,
        canaryConfig: (r) => configFor({ id: r.id.slice(r.id.indexOf('/') + 1) }),
        alertSimulators: [{ name: DRILL_CONNECTION, deployments: sim.deployments, metrics: sim.metrics }],
        alertSources: [
          {
            source: new DrillAlerts(sim.world, clock),
            pollMs: ALERT_POLL_MS,
            staleAfterMs: 3 * ALERT_POLL_MS,
          },
        ],
        simulated: true,
        statuses: () => [
          { name: DRILL_CONNECTION, kind: 'simulator', roles: ['deployment', 'metrics'], reachable: true },
        ],
        healthLines: new Map(),
        shouldCompact: () => false,
        compact: () => {},
        close: () => {
          audit.close();
          lock.release();
        },
      },
    });
    const { room } = running;
    room.onChange((event) => {
      for (const listener of listeners) listener(event);
      // A participant's action is part of the drill's status: every screen follows it.
      if (event.type === 'audit') room.publish({ type: 'drill' });
    });
    current = running;
    history = () => audit.history();
    if (started) stopCurrent = running.start();
    return {
      room,
      world: sim.world,
      metrics: sim.metrics,
      clock,
      history: () => audit.history(),
      record: (entry) => {
        const [record] = room.writer.write([entry]);
        if (record) room.publish({ type: 'audit', seq: record.seq });
      },
      workspace: dir,
      close: () => {
        stopCurrent = undefined;
        running.close();
      },
    };
  };

  const theRunner = new DrillRunner(scenario, open, {
    seed,
    speed: initialSpeed,
    ...(options.team ? { team: options.team } : {}),
  });
  built.runner = theRunner;
  const live = new LiveDrillRoom({
    runner: theRunner,
    facilitator: actor,
    ...(options.team ? { team: options.team } : {}),
    history: () => history(),
    changed: () => current?.room.publish({ type: 'drill' }),
    save: (result) => basename(saveDrillRun(theRunner.workspace, result).dir),
  });
  built.live = live;
  theRunner.onEvent((event) => {
    // An injected alert is under Alerts at once, not at the next poll.
    if (event.type === 'inject' && event.inject.kind === 'alert') void current?.alerts.pollAll();
    // The DRILL banner on every screen reads the session: it follows the drill's state.
    if (event.type === 'state') current?.room.publish({ type: 'session' });
  });
  const first = current as unknown as RunningControlRoom;
  const handlers = Object.fromEntries(
    Object.keys(first.handlers).map((method) => [
      method,
      (input: unknown, ctx: unknown) =>
        (current as RunningControlRoom).handlers[method as keyof ApiHandlers](input as never, ctx as never),
    ]),
  ) as unknown as ApiHandlers;
  return {
    scenario,
    live,
    runner: theRunner,
    actor,
    config,
    workspace,
    handlers,
    events: {
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    current: () => current as RunningControlRoom,
    start() {
      started = true;
      stopCurrent = current?.start();
      return () => {
        started = false;
        stopCurrent?.();
      };
    },
    close() {
      theRunner.close();
    },
    discard() {
      theRunner.close();
      rmSync(theRunner.workspace, { recursive: true, force: true });
    },
  };
}
