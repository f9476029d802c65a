// Where drills live: the scenarios a workspace can run (shipped and its own) and a new folder for
// each run under <workspace>/drills/. The drill simulator's connection name is fixed, so a run's
// rollout ids read simulator/<service>-<environment> in every report.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fleetFileSchema, type FleetFile } from '../backends/simulator/fleet-file';
import { ScenarioLibrary } from '../core/drills/scenario-library';
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
