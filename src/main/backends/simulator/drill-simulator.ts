// The simulator as a drill's world: the fleet's rollouts and metrics with the drill's faults in
// them. A metrics outage makes queries fail (and leaves a gap); refused writes and a failing
// rollback make the deployment backend's apply fail the way a real controller's would.
import type { Clock } from '../../core/clock';
import type {
  BackendAnswer,
  BackendChange,
  BackendCommand,
  DeploymentBackend,
  RolloutSnapshot,
} from '../../core/rollouts/deployment-backend';
import {
  MetricsUnavailable,
  type MetricQuery,
  type MetricSample,
  type MetricsBackend,
} from '../../core/rollouts/metrics-backend';
import type { FleetFile } from './fleet-file';
import type { SimulatedFlags } from './simulated-flags';
import { SimulatedFaults } from './simulated-faults';
import { createSimulator, type SimulatedDeployments } from './simulator';

class DrillDeployments implements DeploymentBackend {
  readonly name = 'simulator';
  constructor(
    private readonly inner: SimulatedDeployments,
    private readonly faults: SimulatedFaults,
    private readonly clock: Clock,
  ) {}
  list(): RolloutSnapshot[] {
    return this.inner.list();
  }
  get(id: string): RolloutSnapshot | undefined {
    return this.inner.get(id);
  }
  knownVersions(id: string): readonly string[] | undefined {
    return this.inner.knownVersions(id);
  }
  tick(now: number): void {
    this.inner.tick(now);
  }
  onChange(listener: (change: BackendChange) => void): () => void {
    return this.inner.onChange(listener);
  }
  async apply(id: string, command: BackendCommand): Promise<BackendAnswer> {
    const now = this.clock.now();
    if (this.faults.writesRefused(now))
      throw new Error(
        'the deployment backend refused the write (503 Service Unavailable: API server overloaded)',
      );
    const rollbackFailure = command.kind === 'abort' ? this.faults.rollbackFailure(id, now) : undefined;
    if (rollbackFailure !== undefined) throw new Error(`the rollback of ${id} failed: ${rollbackFailure}`);
    return this.inner.apply(id, command);
  }
}

class DrillMetrics implements MetricsBackend {
  readonly name = 'simulator';
  constructor(
    private readonly inner: MetricsBackend,
    private readonly faults: SimulatedFaults,
    private readonly clock: Clock,
  ) {}
  async query(query: MetricQuery): Promise<MetricSample[]> {
    if (this.faults.metricsDown(this.clock.now()))
      throw new MetricsUnavailable('the metrics backend does not answer (connection refused)');
    return this.inner.query(query);
  }
}

export interface DrillSimulator {
  deployments: DeploymentBackend;
  metrics: MetricsBackend;
  world: SimulatedFaults;
  /** The fleet's flags: a flag-flip inject turns one on, the on-call turns it off. */
  flags: SimulatedFlags;
}

/** A fresh simulated world for one drill run, held in memory: a drill's world is thrown away after. */
export function createDrillSimulator(fleet: FleetFile, clock: Clock, seed: number): DrillSimulator {
  const world = new SimulatedFaults();
  const sim = createSimulator(fleet, clock, { seed, faults: world });
  world.useFlags(sim.flags);
  return {
    flags: sim.flags,
    deployments: new DrillDeployments(sim.deployments, world, clock),
    metrics: new DrillMetrics(sim.metrics, world, clock),
    world,
  };
}
