// Wires a drill: its own workspace folder (an audit log of its own), a fresh in-memory simulator
// with the scenario's faults, a ControlRoom marked as a drill (its actions reach simulator
// connections only) and the runner on a clock that moves only when the drill steps.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDrillSimulator } from '../backends/simulator/drill-simulator';
import { fleetCanaryConfig } from '../backends/simulator/fleet-canary-config';
import { fleetFileSchema, type FleetFile } from '../backends/simulator/fleet-file';
import { AuditLog } from '../core/audit/audit-log';
import type { AuditWriter } from '../core/audit/audit-writer';
import { loadShippedCanaryConfig } from '../core/canary/canary-config';
import { ManualClock } from '../core/clock';
import { Fleet } from '../core/connections/fleet';
import { ControlRoom } from '../core/control-room';
import type { PaceTimer } from '../core/drills/drill-pacer';
import { DrillRunner, type DrillParts } from '../core/drills/drill-runner';
import type { ResponseScript } from '../core/drills/response-script';
import { ScenarioLibrary } from '../core/drills/scenario-library';
import type { ScenarioFile } from '../core/drills/scenario-schema';
import { findResourcesDir } from '../resources-dir';

/** The connection name of a drill's simulator: rollout ids are simulator/<service>-<environment>. */
export const DRILL_CONNECTION = 'simulator';

export function scenarioLibrary(workspaceDir?: string): ScenarioLibrary<FleetFile> {
  return new ScenarioLibrary(
    {
      shipped: join(findResourcesDir(), 'scenarios'),
      ...(workspaceDir === undefined ? {} : { workspace: join(workspaceDir, 'scenarios') }),
    },
    fleetFileSchema,
  );
}

/** A new folder for each run: <workspace>/drills/<scenario>-<n>, never one already used. */
export function drillWorkspaceDir(workspaceDir: string, scenarioId: string): string {
  const root = join(workspaceDir, 'drills');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const taken = new Set(readdirSync(root));
  let n = 1;
  while (taken.has(`${scenarioId}-${n}`)) n++;
  const dir = join(root, `${scenarioId}-${n}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

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
  const base = loadShippedCanaryConfig();
  const open = (): DrillParts => {
    const dir = drillWorkspaceDir(options.workspaceDir, scenario.id);
    const clock = new ManualClock(scenario.start);
    const sim = createDrillSimulator(scenario.fleet, clock, seed);
    const audit = AuditLog.open(join(dir, 'audit.jsonl'), clock);
    const fleet = new Fleet([{ name: DRILL_CONNECTION, backend: sim.deployments }]);
    const configFor = fleetCanaryConfig(scenario.fleet, base);
    const room = new ControlRoom({
      deployment: fleet,
      metrics: sim.metrics,
      audit,
      clock,
      canaryConfig: (r) => configFor({ id: r.id.slice(r.id.indexOf('/') + 1) }),
      drill: { id: scenario.id },
      connections: () => [
        { name: DRILL_CONNECTION, kind: 'simulator', roles: ['deployment', 'metrics'], reachable: true },
      ],
      session: {
        actor: options.actor ?? 'drill-facilitator',
        role: 'operator',
        mode: 'cli',
        workspace: dir,
        speed: options.speed ?? 60,
        simulated: true,
      },
    });
    const writer: AuditWriter = room.writer;
    return {
      room,
      world: sim.world,
      metrics: sim.metrics,
      clock,
      history: () => audit.history(),
      record: (entry) => {
        writer.write([entry]);
      },
      workspace: dir,
      close: () => audit.close(),
    };
  };
  return new DrillRunner(scenario, open, {
    seed,
    ...(options.team === undefined ? {} : { team: options.team }),
    ...(options.script ? { script: options.script } : {}),
    ...(options.speed === undefined ? {} : { speed: options.speed }),
    ...(options.timer ? { timer: options.timer } : {}),
  });
}
