// A ConnectionDirectory that tests connections and keeps their health lines, one ConnectionHealth
// per configured connection and one test call (probe) per kind. A connection the control room runs
// is tested on the running backend's health line (so the top bar sees the test too); a saved config
// is used for tests at once, and by the fleet and the judge from the next start.
import type { ConnectionTestResult } from '../../../shared/api';
import type { ConnectionStatus } from '../../../shared/connections';
import { ApiError } from '../api/api-error';
import type { Clock } from '../clock';
import type { Config } from '../config/config-schema';
import type { ConnectionDirectory, ConnectionProbe, LabelLookup } from './connection-directory';
import { ConnectionHealth } from './connection-health';
import { configuredConnections } from './configured-connections';
import { rolesOf } from './connection-roles';
import type { ConnectionConfig, ConnectionKind } from './connection-schema';

export type ConnectionProbes = {
  [K in ConnectionKind]: ConnectionProbe<Extract<ConnectionConfig, { kind: K }>>;
};

interface Entry {
  connection: ConnectionConfig;
  health: ConnectionHealth;
  /** Whether the control room runs it as configured here (then its health line is the running one). */
  running: boolean;
}

export type LabelLookups = {
  [K in ConnectionKind]?: LabelLookup<Extract<ConnectionConfig, { kind: K }>>;
};

export interface ProbeDirectoryOptions {
  clock?: Clock;
  /** The kinds that can suggest label values (metric names) while a person writes a query. */
  lookups?: LabelLookups;
  /** The connections running with `config`: their health lines by name, and every status as the top bar has it. */
  running?: { healthLines: ReadonlyMap<string, ConnectionHealth>; statuses(): ConnectionStatus[] };
}

export function probeDirectory(
  config: Config,
  probes: ConnectionProbes,
  options: ProbeDirectoryOptions = {},
): ConnectionDirectory {
  const fresh = (connection: ConnectionConfig): ConnectionHealth =>
    new ConnectionHealth(connection.name, connection.kind, rolesOf(connection.kind), options.clock);
  let entries = new Map<string, Entry>(
    configuredConnections(config).map((connection) => [
      connection.name,
      {
        connection,
        health: options.running?.healthLines.get(connection.name) ?? fresh(connection),
        running: options.running !== undefined,
      },
    ]),
  );
  const take = (next: Config): void => {
    const previous = entries;
    entries = new Map(
      configuredConnections(next).map((connection) => {
        const kept = previous.get(connection.name);
        // An unchanged connection keeps its health line; a changed one starts a new one.
        const same = kept && JSON.stringify(kept.connection) === JSON.stringify(connection);
        return [connection.name, same ? kept : { connection, health: fresh(connection), running: false }];
      }),
    );
  };
  return {
    statuses: () => {
      // A running connection's line is the top bar's (the simulator's comes from the fleet itself).
      const live = new Map((options.running?.statuses() ?? []).map((s) => [s.name, s]));
      return [...entries.values()].map(
        (e) => (e.running ? live.get(e.connection.name) : undefined) ?? e.health.status(),
      );
    },
    async suggest(name, label) {
      const entry = entries.get(name);
      if (!entry) throw new ApiError('not-found', `No connection named ${name} in config.yaml.`, 'name');
      const lookup = options.lookups?.[entry.connection.kind] as LabelLookup<ConnectionConfig> | undefined;
      if (!lookup)
        throw new ApiError(
          'precondition-failed',
          `${name} is a ${entry.connection.kind} connection: only metrics connections suggest label values.`,
          'name',
        );
      try {
        return await lookup(entry.connection, entry.health, label);
      } catch (error) {
        throw new ApiError('backend-error', error instanceof Error ? error.message : String(error));
      }
    },
    async test(name): Promise<ConnectionTestResult> {
      const entry = entries.get(name);
      if (!entry) throw new ApiError('not-found', `No connection named ${name} is running.`, 'name');
      const { connection, health } = entry;
      const probe = probes[connection.kind] as ConnectionProbe<ConnectionConfig>;
      const base = { name, kind: connection.kind };
      try {
        const checks = await probe(connection, health);
        const status = health.status();
        return { ...base, reachable: true, latencyMs: status.latencyMs ?? 0, checks, status };
      } catch (error) {
        const status = health.status();
        return {
          ...base,
          reachable: false,
          ...(status.latencyMs === undefined ? {} : { latencyMs: status.latencyMs }),
          error: error instanceof Error ? error.message : String(error),
          checks: [],
          status,
        };
      }
    },
    async reload(next) {
      take(next);
      return {
        live: false,
        message:
          'Test uses it now; the fleet and the canary judge take it up when the control room next starts.',
      };
    },
  };
}
