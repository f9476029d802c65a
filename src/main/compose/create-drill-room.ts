// Wires a headless drill (`control-room drill run`, the tests, the bench): the same drill room a
// served drill opens (compose-drill-room.ts), driven by a runner with an optional scripted team.
import type { FleetFile } from '../backends/simulator/fleet-file';
import type { PaceTimer } from '../core/drills/drill-pacer';
import { DrillRunner, type DrillParts } from '../core/drills/drill-runner';
import type { ResponseScript } from '../core/drills/response-script';
import type { ScenarioFile } from '../core/drills/scenario-schema';
import { composeDrillRoom } from './compose-drill-room';

export interface DrillOptions {
  scenario: ScenarioFile<FleetFile>;
  /** The drill's workspace parent: each run (and each reset) gets a folder of its own under drills/. */
  workspaceDir: string;
  seed?: number;
  script?: ResponseScript;
  speed?: number;
  actor?: string;
  /** The team running it, recorded on the result for the history's trends. */
  team?: string;
  /** The wall clock and timers paced runs keep time by (tests inject one). */
  timer?: PaceTimer;
}

export function createDrill(options: DrillOptions): DrillRunner {
  const { scenario } = options;
  const seed = options.seed ?? scenario.seed;
  // Read once the runner exists (it opens the first room in its constructor).
  const built: { runner?: DrillRunner } = {};
  const open = (): DrillParts =>
    composeDrillRoom({
      scenario,
      seed,
      workspaceDir: options.workspaceDir,
      actor: options.actor ?? 'drill-facilitator',
      mode: 'cli',
      command: 'control-room drill run',
      speed: () => (built.runner?.state === 'running' ? built.runner.speed : 0),
    }).parts;
  const runner = new DrillRunner(scenario, open, {
    seed,
    ...(options.team === undefined ? {} : { team: options.team }),
    ...(options.script ? { script: options.script } : {}),
    ...(options.speed === undefined ? {} : { speed: options.speed }),
    ...(options.timer ? { timer: options.timer } : {}),
  });
  built.runner = runner;
  return runner;
}
