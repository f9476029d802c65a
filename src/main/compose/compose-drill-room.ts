// One drill room, as the headless runner and a served drill both open it: the full control room
// (every feature's handlers, composed as a workspace's are) on the run's own folder
// (<workspace>/drills/<scenario>-<n>/, locked, 0600 files), the scenario's simulated fleet and
// faults, and a ManualClock only the runner moves. The workspace's configured connections are never
// opened: the drill's room reads an empty config.
import type { DrillMark } from '../../shared/drills';
import type { LiveDrill } from '../core/api/drill-handlers';
import { AuditLog } from '../core/audit/audit-log';
import { loadShippedCanaryConfig } from '../core/canary/canary-config';
import { ManualClock } from '../core/clock';
import { configSchema } from '../core/config/config-schema';
import { Fleet } from '../core/connections/fleet';
import type { DrillParts } from '../core/drills/drill-runner';
import type { ScenarioFile } from '../core/drills/scenario-schema';
import { lockWorkspace } from '../core/persistence/workspace-lock';
import { workspacePaths } from '../core/workspace';
import { DrillAlerts } from '../backends/simulator/drill-alerts';
import { createDrillSimulator } from '../backends/simulator/drill-simulator';
import { fleetCanaryConfig } from '../backends/simulator/fleet-canary-config';
import type { FleetFile } from '../backends/simulator/fleet-file';
import { connectionSecrets } from './create-connection-settings';
import { composeRoom, type RunningControlRoom } from './create-control-room';
import { DRILL_CONNECTION, drillWorkspaceDir } from './drill-workspace';

/** Wall time between polls of the drill's alert sources (an alert inject is also polled at once). */
const ALERT_POLL_MS = 2_000;

export interface DrillRoomSpec {
  scenario: ScenarioFile<FleetFile>;
  seed: number;
  /** The workspace whose drills/ folder gets the run. */
  workspaceDir: string;
  actor: string;
  mode: 'browser' | 'cli';
  /** Who holds the run's folder, as other processes are told. */
  command: string;
  /** Simulated seconds per wall second now (0 while the drill stands still). */
  speed: () => number;
  /** A served drill's live API and DRILL banner; absent headless. */
  live?: LiveDrill;
  mark?: () => DrillMark;
}

export interface DrillRoom {
  running: RunningControlRoom;
  parts: DrillParts;
}

export function composeDrillRoom(spec: DrillRoomSpec): DrillRoom {
  const { scenario } = spec;
  const dir = drillWorkspaceDir(spec.workspaceDir, scenario.id);
  const lock = lockWorkspace(dir, spec.command);
  const workspace = workspacePaths(dir);
  const clock = new ManualClock(scenario.start);
  const sim = createDrillSimulator(scenario.fleet, clock, spec.seed);
  // Simulated time stamps the records; each also carries the wall time it happened at.
  const audit = AuditLog.open(workspace.auditPath, clock, { wallClock: Date.now });
  const configFor = fleetCanaryConfig(scenario.fleet, loadShippedCanaryConfig());
  const running = composeRoom({
    mode: spec.mode,
    config: configSchema.parse({}),
    workspace,
    actor: spec.actor,
    get speed() {
      return spec.speed();
    },
    notices: [],
    secrets: connectionSecrets(workspace),
    drills: {
      archiveDir: spec.workspaceDir,
      marker: { id: scenario.id },
      ...(spec.live ? { live: spec.live } : {}),
      ...(spec.mark ? { mark: spec.mark } : {}),
    },
    backends: {
      fleet: new Fleet([{ name: DRILL_CONNECTION, backend: sim.deployments }]),
      metrics: sim.metrics,
      clock,
      audit,
      canaryConfig: (r) => configFor({ id: r.id.slice(r.id.indexOf('/') + 1) }),
      alertSimulators: [{ name: DRILL_CONNECTION, deployments: sim.deployments, metrics: sim.metrics }],
      alertSources: [
        { source: new DrillAlerts(sim.world, clock), pollMs: ALERT_POLL_MS, staleAfterMs: 3 * ALERT_POLL_MS },
      ],
      simulated: true,
      // The drill's simulated flags join here once the simulator has them.
      flags: [],
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
  return {
    running,
    parts: {
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
      firingAlerts: async () => {
        await running.alerts.pollAll();
        return running.alerts.overview().alerts.filter((a) => a.state === 'firing');
      },
      close: () => running.close(),
    },
  };
}
