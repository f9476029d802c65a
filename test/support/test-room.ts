// A ControlRoom on the demo fleet with a manual clock and a throwaway workspace, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, loadFleetFile } from '../../src/main/backends/simulator/simulator';
import { AuditLog } from '../../src/main/core/audit/audit-log';
import { ManualClock } from '../../src/main/core/clock';
import type { CanaryConfig } from '../../src/main/core/canary/canary-config';
import { Fleet } from '../../src/main/core/connections/fleet';
import { ControlRoom } from '../../src/main/core/control-room';
import { findResourcesDir } from '../../src/main/resources-dir';

export const START = Date.parse('2026-11-27T12:00:00Z');

export interface TestRoomOptions {
  /** Judge with this canary config instead of the shipped one. */
  canaryConfig?: CanaryConfig;
  /** Simulate this fleet file instead of the demo fleet. */
  fleetFile?: string;
}

export function makeTestRoom(
  dir = mkdtempSync(join(tmpdir(), 'control-room-test-')),
  options: TestRoomOptions = {},
) {
  const clock = new ManualClock(START);
  const sim = createSimulator(
    loadFleetFile(options.fleetFile ?? join(findResourcesDir(), 'demo-fleet.yaml')),
    clock,
  );
  const auditPath = join(dir, 'audit.jsonl');
  const audit = AuditLog.open(auditPath, clock);
  // As composed for real: the simulator is the connection "simulator" of a fleet.
  const fleet = new Fleet([{ name: 'simulator', backend: sim.deployments }]);
  const room = new ControlRoom({
    deployment: fleet,
    metrics: sim.metrics,
    audit,
    clock,
    ...(options.canaryConfig ? { canaryConfig: () => options.canaryConfig as CanaryConfig } : {}),
    session: { actor: 'tester', role: 'operator', mode: 'cli', workspace: dir, speed: 1, simulated: true },
  });
  return {
    room,
    fleet,
    sim,
    clock,
    audit,
    auditPath,
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type TestRoom = ReturnType<typeof makeTestRoom>;
