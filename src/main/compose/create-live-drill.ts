// Wires a shared drill (`serve --drill`): the drill room (compose-drill-room.ts) with the live API a
// facilitator and participants use, the DRILL banner's mark and the change events screens follow.
// A reset composes a fresh room in a new folder; handlers and events follow whichever is current.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { ChangeEvent } from '../../shared/domain';
import type { ApiHandlers } from '../core/api/api-handlers';
import type { LiveDrill } from '../core/api/drill-handlers';
import type { Config } from '../core/config/config-schema';
import { DrillRunner, type DrillParts } from '../core/drills/drill-runner';
import { saveDrillRun } from '../core/drills/drill-run-files';
import { LiveDrillRoom } from '../core/drills/live-drill';
import type { ScenarioFile } from '../core/drills/scenario-schema';
import { loadConfig, openWorkspace, type Workspace } from '../core/workspace';
import type { FleetFile } from '../backends/simulator/fleet-file';
import type { RunningControlRoom } from './create-control-room';
import { composeDrillRoom } from './compose-drill-room';
import { scenarioLibrary } from './drill-workspace';
import { defaultActor } from './default-actor';

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
  const listeners = new Set<(event: ChangeEvent) => void>();
  let current: RunningControlRoom | undefined;
  let history: DrillParts['history'] = () => [];
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
    const { running, parts } = composeDrillRoom({
      scenario,
      seed,
      workspaceDir: workspace.dir,
      actor,
      mode: 'browser',
      command: options.command ?? 'control-room serve --drill',
      // How fast simulated time moves now: a drill that is not running stands still.
      speed: () => (built.runner?.state === 'running' ? built.runner.speed : 0),
      live: liveApi,
      mark: () => built.live?.mark() ?? { scenario: scenario.id, title: scenario.title, state: 'ready' },
    });
    const { room } = running;
    room.onChange((event) => {
      for (const listener of listeners) listener(event);
      // A participant's action is part of the drill's status: every screen follows it.
      if (event.type === 'audit') room.publish({ type: 'drill' });
    });
    current = running;
    history = parts.history;
    if (started) stopCurrent = running.start();
    return {
      ...parts,
      close: () => {
        stopCurrent = undefined;
        parts.close();
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
