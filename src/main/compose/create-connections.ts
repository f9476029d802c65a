// Turns `connections:` into live backends: the fleet (every deployment connection, ids prefixed),
// the metrics router (which metrics connection judges each service/environment), one clock, and
// each simulator's durable world. A config without `connections:` is one simulator named
// "simulator", configured under `simulator:`, whose files keep their old names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionStatus } from '../../shared/connections';
import {
  openArgoConnection,
  type OpenedArgoConnection,
} from '../backends/argo-rollouts/open-argo-connection';
import { openHaproxyFleet, type OpenedHaproxyFleet } from '../backends/haproxy/open-haproxy-fleet';
import { openFlagdFileConnection } from '../backends/flagd-file/open-flagd-file-connection';
import { createPrometheusMetrics } from '../backends/prometheus/prometheus-metrics';
import { openUnleashConnection } from '../backends/unleash/open-unleash-connection';
import { buildWorld } from '../backends/simulator/demo-world';
import { fleetCanaryConfig } from '../backends/simulator/fleet-canary-config';
import { fleetShape, worldDigest } from '../backends/simulator/saved-world';
import { createSimulator, loadFleetFile, type Simulator } from '../backends/simulator/simulator';
import { WorldStore, type WorldRead } from '../backends/simulator/world-store';
import { FlagsStore, type FlagsRead } from '../backends/simulator/flags-store';
import type { AuditLog } from '../core/audit/audit-log';
import type { CanaryConfig } from '../core/canary/canary-config';
import { ScaledClock } from '../core/clock';
import type { Config } from '../core/config/config-schema';
import { resolveConfiguredFile } from '../core/config/configured-files';
import { ConnectionHealth } from '../core/connections/connection-health';
import { configuredConnections } from '../core/connections/configured-connections';
import { DEFAULT_SIMULATOR } from '../core/connections/connection-name';
import { Fleet, type FleetMember } from '../core/connections/fleet';
import { MetricsRouter, type MetricsRoute } from '../core/connections/metrics-router';
import type { SecretResolver } from '../core/connections/secret-resolver';
import type { SimulatorConnection } from '../core/connections/simulator-connection';
import type { FlagsBackend } from '../core/flags/flags-backend';
import { DEFAULT_FLAGS_POLL_MS, DEFAULT_FLAGS_TIMEOUT_MS } from '../core/flags/flag-source-cache';
import { watchedFlags } from '../core/flags/watched-flags';
import type { RolloutSnapshot } from '../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../core/rollouts/metrics-backend';
import { highestWorldSeq } from '../core/rollouts/reconcile-actions';
import type { Workspace } from '../core/workspace';
import { findResourcesDir } from '../resources-dir';

/** How often each HAProxy connection is read back (besides after every write). */
const HAPROXY_READ_EVERY_MS = 2_000;

/** A simulator connection with its world on disk. */
interface SimulatedConnection {
  name: string;
  simulator: Simulator;
  store: WorldStore;
  /** Its flags' changes, beside the world. */
  flagsStore: FlagsStore;
  /** Folds this world's journal into its snapshot. */
  compact(): void;
}

export interface Connections {
  fleet: Fleet;
  metrics: MetricsRouter;
  clock: ScaledClock;
  /** How each rollout's canary is judged: its connection's canary config. */
  canaryConfig: (rollout: RolloutSnapshot) => CanaryConfig;
  simulated: SimulatedConnection[];
  /** Every flags connection (unleash, flagd-file), each call on its health line with a deadline. */
  flags: FlagsBackend[];
  /** Every connection's health line, deployment, metrics and flags. */
  statuses(): ConnectionStatus[];
  /** The health lines of the connections that call out (HAProxy, Prometheus), by name: a Settings test records there. */
  healthLines: ReadonlyMap<string, ConnectionHealth>;
  /** Whether any simulator world's journal is due to be folded into its snapshot. */
  shouldCompact(): boolean;
  compact(): void;
  close(): void;
}

/** The implicit simulator keeps the file names of a workspace from before connections. */
function worldPaths(workspace: Workspace, name: string) {
  if (name === DEFAULT_SIMULATOR)
    return { snapshot: workspace.simulatorStatePath, journal: workspace.simulatorJournalPath };
  return {
    snapshot: join(workspace.dir, `simulator-${name}-state.json`),
    journal: join(workspace.dir, `simulator-${name}-journal.jsonl`),
  };
}

function flagsPaths(workspace: Workspace, name: string) {
  const stem = name === DEFAULT_SIMULATOR ? 'simulator-flags' : `simulator-${name}-flags`;
  return {
    snapshot: join(workspace.dir, `${stem}-state.json`),
    journal: join(workspace.dir, `${stem}-journal.jsonl`),
  };
}

interface OpenedWorld {
  connection: SimulatorConnection;
  fleetPath: string;
  store: WorldStore;
  read: WorldRead;
  flagsStore: FlagsStore;
  flagsRead: FlagsRead;
  seed: number;
}

export interface ConnectionOptions {
  config: Config;
  workspace: Workspace;
  /** Overrides the simulator's speed and seed (CLI flags). */
  speed: number;
  seed?: number;
  baseCanaryConfig: CanaryConfig;
  notices: string[];
  /** Opens the audit log once the clock is known: fresh worlds number their changes after it. */
  openAudit: (clock: ScaledClock) => Promise<AuditLog>;
  /** Wait (up to each one's timeout) until every Kubernetes connection has listed its rollouts. */
  waitForClusters?: boolean;
  /** How `{ env: VARIABLE }` and `{ secret: NAME }` references are looked up, as the Settings screen stores them. */
  secrets: SecretResolver;
}

export async function createConnections(
  options: ConnectionOptions,
): Promise<Connections & { audit: AuditLog }> {
  const { config, workspace, notices } = options;
  const all = configuredConnections(config);
  const worlds: OpenedWorld[] = [];
  try {
    for (const c of all) {
      if (c.kind !== 'simulator') continue;
      const fleetPath = c.fleet
        ? resolveConfiguredFile(workspace.dir, c.fleet)
        : join(findResourcesDir(), 'demo-fleet.yaml');
      const fleet = loadFleetFile(fleetPath);
      const seed = options.seed ?? c.seed ?? config.simulator.seed;
      const digest = worldDigest(readFileSync(fleetPath, 'utf8'), seed);
      const { store, read } = WorldStore.open(
        worldPaths(workspace, c.name),
        digest,
        fleetShape(buildWorld(fleet, 0)),
        Date.now(),
      );
      let flags: { store: FlagsStore; read: FlagsRead };
      try {
        flags = FlagsStore.open(
          flagsPaths(workspace, c.name),
          digest,
          (key, environment) =>
            fleet.environments.includes(environment) && fleet.flags.some((f) => f.key === key),
          Date.now(),
        );
      } catch (error) {
        store.close();
        throw error;
      }
      worlds.push({
        connection: c,
        fleetPath,
        store,
        read,
        flagsStore: flags.store,
        flagsRead: flags.read,
        seed,
      });
      if (read.kind === 'damaged')
        notices.push(
          `The saved world of simulator "${c.name}" could not be trusted (${read.problem}); it was set aside as ${read.movedTo.join(' and ')} and a fresh world started.`,
        );
      if (flags.read.kind === 'damaged')
        notices.push(
          `The saved flags of simulator "${c.name}" could not be trusted (${flags.read.problem}); they were set aside as ${flags.read.movedTo.join(' and ')} and the fleet file's flags taken.`,
        );
    }
  } catch (error) {
    for (const w of worlds) {
      w.store.close();
      w.flagsStore.close();
    }
    throw error;
  }
  // Simulated time may have run ahead (at 60x); it never runs backwards across a restart.
  const restoredAt = worlds.flatMap((w) => [
    w.read.kind === 'restored' ? w.read.savedAt : 0,
    w.flagsRead.kind === 'restored' ? w.flagsRead.savedAt : 0,
  ]);
  const clock = new ScaledClock(Math.max(Date.now(), ...restoredAt), options.speed);
  const audit = await options.openAudit(clock);
  const highest = highestWorldSeq(audit.history());

  const simulated: SimulatedConnection[] = [];
  const members: FleetMember[] = [];
  const metricsBackends = new Map<string, MetricsBackend>();
  const routes: MetricsRoute[] = [];
  const canaryConfigs = new Map<string, (r: { id: string }) => CanaryConfig>();
  for (const w of worlds) {
    const { connection: c, store, read, flagsStore, flagsRead } = w;
    // A fresh world numbers its changes after every one the log already holds, so telling which
    // saved changes the log is missing after a crash never confuses it with an earlier world.
    if (read.kind !== 'restored') store.startFresh(highest);
    const simulator = createSimulator(loadFleetFile(w.fleetPath), clock, {
      seed: w.seed,
      persistence: store,
      ...(read.kind === 'restored' ? { world: read.rollouts, restoredChanges: read.changes } : {}),
      name: c.name,
      flagPersistence: flagsStore,
      ...(flagsRead.kind === 'restored' ? { restoredFlags: flagsRead.changes } : {}),
    });
    const compact = (): void => {
      store.compact(simulator.deployments.rawAll(), clock.now());
      simulator.deployments.forgetDurableChanges();
      flagsStore.compact(simulator.flags.history(), clock.now());
    };
    // A fresh world is built at this moment: save it whole now, or a crash would rebuild another one.
    if (read.kind !== 'restored') compact();
    else if (flagsRead.kind !== 'restored') flagsStore.startFresh(clock.now());
    simulated.push({ name: c.name, simulator, store, flagsStore, compact });
    members.push({ name: c.name, backend: simulator.deployments });
    metricsBackends.set(c.name, simulator.metrics);
    routes.push({ connection: c.name, metrics: c.metrics ?? c.name });
    canaryConfigs.set(c.name, fleetCanaryConfig(simulator.fleet, options.baseCanaryConfig));
  }
  const haproxies: OpenedHaproxyFleet[] = [];
  for (const c of all) {
    if (c.kind !== 'haproxy') continue;
    const opened = openHaproxyFleet(c, workspace.dir, clock, notices);
    haproxies.push(opened);
    // Read in the background: list() answers from the last read, so a hung socket blocks nothing.
    void opened.backend.start(HAPROXY_READ_EVERY_MS);
    members.push({
      name: c.name,
      backend: opened.backend,
      health: opened.health,
      staleAfterMs: Math.max(3 * HAPROXY_READ_EVERY_MS, c.timeout),
    });
    for (const s of c.services)
      if (s.metrics)
        routes.push({
          connection: c.name,
          service: s.service,
          environment: s.environment,
          metrics: s.metrics,
        });
  }
  const clusters: OpenedArgoConnection[] = [];
  for (const c of all) {
    if (c.kind !== 'argo-rollouts') continue;
    const opened = openArgoConnection(c, workspace.dir, clock);
    clusters.push(opened);
    // Watches fill the rows in the background; list() answers from what they hold.
    opened.backend.start();
    members.push({
      name: c.name,
      backend: opened.backend,
      health: opened.health,
      problems: () => [...opened.backend.problems.values()],
    });
    if (c.metrics) routes.push({ connection: c.name, metrics: c.metrics });
  }
  if (options.waitForClusters) await Promise.all(clusters.map((c) => c.backend.firstList(c.timeoutMs)));
  const metricsHealth: ConnectionHealth[] = [];
  for (const c of all) {
    if (c.kind !== 'prometheus') continue;
    const health = new ConnectionHealth(c.name, c.kind, ['metrics']);
    metricsBackends.set(c.name, createPrometheusMetrics(c, { secrets: options.secrets, health }));
    metricsHealth.push(health);
  }

  const flags: FlagsBackend[] = [];
  const flagsHealth: { health: ConnectionHealth; staleAfterMs: number }[] = [];
  for (const c of all) {
    if (c.kind !== 'unleash' && c.kind !== 'flagd-file') continue;
    const health = new ConnectionHealth(c.name, c.kind, ['flags']);
    const timeoutMs = c.kind === 'unleash' ? c.timeout : DEFAULT_FLAGS_TIMEOUT_MS;
    const pollIntervalMs = c.kind === 'unleash' ? c.pollInterval : DEFAULT_FLAGS_POLL_MS;
    const backend =
      c.kind === 'unleash'
        ? openUnleashConnection(c, options.secrets)
        : openFlagdFileConnection(c, workspace.dir);
    flags.push(watchedFlags(backend, { health, timeoutMs, pollIntervalMs }));
    // Stale once it missed two reads on the room's beat (or one deadline, whichever is longer).
    flagsHealth.push({ health, staleAfterMs: Math.max(2 * pollIntervalMs, 3 * timeoutMs) });
  }

  const fleet = new Fleet(members);
  const metrics = new MetricsRouter(metricsBackends, routes);
  const localId = (r: RolloutSnapshot) => r.id.slice(r.id.indexOf('/') + 1);
  return {
    fleet,
    metrics,
    clock,
    audit,
    simulated,
    flags,
    canaryConfig: (r) => {
      const connection = r.connection ?? r.id.split('/')[0] ?? '';
      return canaryConfigs.get(connection)?.({ id: localId(r) }) ?? options.baseCanaryConfig;
    },
    statuses: () => [
      ...fleet.statuses(),
      ...metricsHealth.map((h) => h.status()),
      ...flagsHealth.map((f) => f.health.status(f.staleAfterMs)),
    ],
    healthLines: new Map(
      [
        ...haproxies.map((h) => h.health),
        ...clusters.map((c) => c.health),
        ...metricsHealth,
        ...flagsHealth.map((f) => f.health),
      ].map((h) => [h.name, h] as const),
    ),
    shouldCompact: () =>
      [...simulated, ...haproxies].some((s) => s.store.shouldCompact()) ||
      simulated.some((s) => s.flagsStore.shouldCompact()),
    compact: () => [...simulated, ...haproxies].forEach((s) => s.compact()),
    close: () => {
      simulated.forEach((s) => {
        s.store.close();
        s.flagsStore.close();
      });
      haproxies.forEach((h) => h.close());
      clusters.forEach((c) => c.close());
    },
  };
}
