// The embedded default backend: a deterministic world of rollouts and their metrics, driven by an
// injected clock, so `npm start` needs nothing else and drills and tests run on simulated time.
import type { Clock } from '../../core/clock';
import type {
  BackendAnswer,
  BackendChange,
  BackendCommand,
  DeploymentBackend,
  RolloutSnapshot,
} from '../../core/rollouts/deployment-backend';
import { parseYamlFile } from '../../core/config/parse-yaml-file';
import { buildWorld } from './demo-world';
import { fleetFileSchema, type FleetFile } from './fleet-file';
import { newestFirst, publishedVersions, type PublishedVersions } from './published-versions';
import { applyCommand, CommandRejected } from './rollout-commands';
import { advance, ChangeLog, servingSpans, snapshot, type SimRollout } from './rollout-machine';
import { SimulatedMetrics } from './simulated-metrics';

export { CommandRejected };

export class SimulatedDeployments implements DeploymentBackend {
  readonly name = 'simulator';
  private readonly rollouts = new Map<string, SimRollout>();
  private readonly snapshots = new Map<string, RolloutSnapshot>();
  private readonly listeners = new Set<(change: BackendChange) => void>();
  private ordered: RolloutSnapshot[] = [];

  constructor(
    world: SimRollout[],
    private readonly clock: Clock,
    private readonly settleMs: number,
    private readonly published: PublishedVersions,
  ) {
    for (const r of world) this.rollouts.set(r.id, r);
    this.tick(clock.now());
    for (const r of world) this.snapshots.set(r.id, snapshot(r));
    this.ordered = [...this.snapshots.values()];
  }

  list(): RolloutSnapshot[] {
    return this.ordered;
  }

  get(id: string): RolloutSnapshot | undefined {
    return this.snapshots.get(id);
  }

  /** Internal state, for the metrics side of the simulator. */
  raw(id: string): SimRollout | undefined {
    return this.rollouts.get(id);
  }

  /** Every rollout's internal state, for saving the world. */
  rawAll(): SimRollout[] {
    return [...this.rollouts.values()];
  }

  /** Published versions of the service, and whatever this rollout serves now (a saved world may differ). */
  knownVersions(id: string): readonly string[] | undefined {
    const r = this.rollouts.get(id);
    if (!r) return undefined;
    return newestFirst([...(this.published.get(r.service) ?? []), r.stableVersion, r.canaryVersion]);
  }

  async apply(id: string, command: BackendCommand): Promise<BackendAnswer> {
    const r = this.rollouts.get(id);
    if (!r) throw new CommandRejected(`no rollout ${id}`);
    if (command.kind === 'roll-forward' && !this.knownVersions(id)?.includes(command.toVersion))
      throw new CommandRejected(`${r.service} has no version ${command.toVersion}`);
    const now = this.clock.now();
    const log = new ChangeLog();
    advance(r, now, this.settleMs, log);
    const message = applyCommand(r, command, now, log);
    advance(r, now, this.settleMs, log);
    this.publish(log);
    const rollout = this.snapshots.get(id);
    if (!rollout) throw new Error(`rollout ${id} vanished`);
    return { message, rollout };
  }

  tick(now: number): void {
    const log = new ChangeLog();
    for (const r of this.rollouts.values()) {
      if (r.completed || r.aborted || r.manualPause) continue;
      advance(r, now, this.settleMs, log);
    }
    this.publish(log);
  }

  onChange(listener: (change: BackendChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(log: ChangeLog): void {
    if (log.changes.length === 0) return;
    const touched = new Set(log.changes.map((c) => c.id));
    for (const id of touched) {
      const r = this.rollouts.get(id);
      if (r) this.snapshots.set(id, snapshot(r));
    }
    this.ordered = [...this.snapshots.values()];
    for (const change of log.changes) for (const listener of this.listeners) listener(change);
  }
}

export interface Simulator {
  deployments: SimulatedDeployments;
  metrics: SimulatedMetrics;
  fleet: FleetFile;
}

/** A simulator on the fleet file's world, or on `world` when one was saved earlier. */
export function createSimulator(
  fleet: FleetFile,
  clock: Clock,
  seed = fleet.seed ?? 42,
  world: SimRollout[] = buildWorld(fleet, clock.now()),
): Simulator {
  const deployments = new SimulatedDeployments(world, clock, fleet.settle, publishedVersions(fleet));
  const metrics = new SimulatedMetrics(seed, fleet.services, (service, environment, version) => {
    const r = deployments.raw(`${service}-${environment}`);
    return r ? servingSpans(r, version) : [];
  });
  return { deployments, metrics, fleet };
}

export function loadFleetFile(path: string): FleetFile {
  return parseYamlFile(path, fleetFileSchema);
}
