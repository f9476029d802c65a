// The embedded default backend: a deterministic world of rollouts and their metrics, driven by an
// injected clock, so `npm start` needs nothing else and drills and tests run on simulated time.
// With a store, every change is saved before it is published or answered, and undone when it
// cannot be saved: what the simulator says happened has happened on disk too.
import type { Clock } from '../../core/clock';
import {
  BackendNotSaved,
  type BackendAnswer,
  type BackendChange,
  type BackendCommand,
  type DeploymentBackend,
  type RolloutSnapshot,
} from '../../core/rollouts/deployment-backend';
import { parseYamlFile } from '../../core/config/parse-yaml-file';
import { buildWorld } from './demo-world';
import { fleetFileSchema, type FleetFile } from './fleet-file';
import { newestFirst, publishedVersions, type PublishedVersions } from './published-versions';
import { applyCommand, CommandRejected } from '../rollout-controller/rollout-commands';
import {
  advance,
  ChangeLog,
  nextMoveAt,
  servingSpans,
  snapshot,
  type ControlledRollout,
  type StepReadiness,
} from '../rollout-controller/rollout-machine';
import { SimulatedFlags, type FlagPersistence, type SimulatedFlagChange } from './simulated-flags';
import { SimulatedMetrics, type MetricFaults } from './simulated-metrics';
import { shareAtLeast } from './version-requirements';
import type { PersistBatch } from './world-store';

export { CommandRejected };

/** Where changes go before they count: the world store, or nowhere (tests, benchmarks). */
export interface WorldPersistence {
  persist(batch: PersistBatch): number;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class SimulatedDeployments implements DeploymentBackend {
  readonly name = 'simulator';
  private readonly rollouts = new Map<string, ControlledRollout>();
  private readonly snapshots = new Map<string, RolloutSnapshot>();
  private readonly listeners = new Set<(change: BackendChange) => void>();
  private ordered: RolloutSnapshot[] = [];
  private saved: BackendChange[];
  /** New instances settle a fixed time after their step began. */
  private readonly settled: StepReadiness;

  constructor(
    world: ControlledRollout[],
    private readonly clock: Clock,
    settleMs: number,
    private readonly published: PublishedVersions,
    private readonly persistence?: WorldPersistence,
    /** Changes found in the journal at open, for the core to reconcile with the audit log. */
    restoredChanges: readonly BackendChange[] = [],
  ) {
    for (const r of world) this.rollouts.set(r.id, r);
    for (const r of world) this.snapshots.set(r.id, snapshot(r));
    this.ordered = [...this.snapshots.values()];
    this.saved = [...restoredChanges];
    this.settled = (r) => r.stepStartedAt + settleMs;
  }

  list(): RolloutSnapshot[] {
    return this.ordered;
  }

  get(id: string): RolloutSnapshot | undefined {
    return this.snapshots.get(id);
  }

  /** Internal state, for the metrics side of the simulator. */
  raw(id: string): ControlledRollout | undefined {
    return this.rollouts.get(id);
  }

  /** Every rollout's internal state, for saving the world. */
  rawAll(): ControlledRollout[] {
    return [...this.rollouts.values()];
  }

  durableChanges(): readonly BackendChange[] {
    return this.saved;
  }

  /** The journal was folded into a snapshot: its changes are no longer needed for reconciling. */
  forgetDurableChanges(): void {
    this.saved = [];
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
    const before = structuredClone(r);
    const log = new ChangeLog();
    let message: string;
    try {
      advance(r, now, this.settled, log);
      message = applyCommand(r, command, now, log);
      advance(r, now, this.settled, log);
    } catch (error) {
      // A refused command leaves the rollout exactly as it was; the controller moves it on its tick.
      this.rollouts.set(id, before);
      throw error;
    }
    if (command.idempotencyKey !== undefined)
      for (const change of log.changes) change.idempotencyKey = command.idempotencyKey;
    this.save(log, now, new Map([[id, before]]));
    this.publish(log);
    const rollout = this.snapshots.get(id);
    if (!rollout) throw new Error(`rollout ${id} vanished`);
    return { message, rollout };
  }

  tick(now: number): void {
    const log = new ChangeLog();
    const before = new Map<string, ControlledRollout>();
    for (const r of this.rollouts.values()) {
      const due = nextMoveAt(r, now, this.settled);
      if (due === undefined || due > now) continue;
      before.set(r.id, structuredClone(r));
      advance(r, now, this.settled, log);
    }
    this.save(log, now, before);
    this.publish(log);
  }

  onChange(listener: (change: BackendChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves the changed rollouts; when that fails, puts them back as they were and throws. */
  private save(log: ChangeLog, at: number, before: ReadonlyMap<string, ControlledRollout>): void {
    if (log.changes.length === 0 || !this.persistence) return;
    const touched = [...new Set(log.changes.map((c) => c.id))];
    let worldSeq: number;
    try {
      worldSeq = this.persistence.persist({
        at,
        rollouts: touched.map((id) => this.rollouts.get(id) as ControlledRollout),
        changes: log.changes,
      });
    } catch (error) {
      for (const [id, r] of before) this.rollouts.set(id, r);
      throw new BackendNotSaved(`the simulated world could not be saved: ${errorText(error)}`, {
        cause: error,
      });
    }
    for (const change of log.changes) change.worldSeq = worldSeq;
    this.saved.push(...log.changes);
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
  /** The fleet file's feature flags; their state shapes the metrics. */
  flags: SimulatedFlags;
  fleet: FleetFile;
}

export interface SimulatorOptions {
  seed?: number;
  /** A world saved earlier; the fleet file's world at the clock's time otherwise. */
  world?: ControlledRollout[];
  persistence?: WorldPersistence;
  restoredChanges?: readonly BackendChange[];
  /** A drill's injected faults on the metrics. */
  faults?: MetricFaults;
  /** The connection's name, which its flags carry as their project. */
  name?: string;
  /** Where flag changes are saved before they count, and the changes saved earlier. */
  flagPersistence?: FlagPersistence;
  restoredFlags?: readonly SimulatedFlagChange[];
}

/** A simulator on the fleet file's world, or on a world saved earlier. */
export function createSimulator(fleet: FleetFile, clock: Clock, options: SimulatorOptions = {}): Simulator {
  const world = options.world ?? buildWorld(fleet, clock.now());
  const deployments = new SimulatedDeployments(
    world,
    clock,
    fleet.settle,
    publishedVersions(fleet),
    options.persistence,
    options.restoredChanges,
  );
  if (!options.world) deployments.tick(clock.now());
  const flags = new SimulatedFlags(
    options.name ?? 'simulator',
    fleet.flags,
    fleet.environments,
    clock,
    options.flagPersistence,
    options.restoredFlags,
  );
  const metrics = new SimulatedMetrics(
    options.seed ?? fleet.seed ?? 42,
    fleet.services,
    (service, environment, version) => {
      const r = deployments.raw(`${service}-${environment}`);
      return r ? servingSpans(r, version) : [];
    },
    options.faults,
    (service, environment, version, at) => {
      const r = deployments.raw(`${service}-${environment}`);
      return r ? shareAtLeast(r, version, at) : 0;
    },
    flags,
  );
  return { deployments, metrics, flags, fleet };
}

export function loadFleetFile(path: string): FleetFile {
  return parseYamlFile(path, fleetFileSchema);
}
