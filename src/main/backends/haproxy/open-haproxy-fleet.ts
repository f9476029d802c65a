// One haproxy connection, opened: its Runtime API client behind a health line, its rollouts read back
// from the workspace (a damaged save set aside with a note), and the backend that drives them.
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import { ConnectionHealth } from '../../core/connections/connection-health';
import type { HaproxyConnection } from '../../core/connections/haproxy-connection';
import { RolloutStore } from '../rollout-controller/rollout-store';
import { HaproxyDeployments } from './haproxy-deployments';
import { RuntimeApi } from './runtime-api';
import { checkSavedHaproxyRollout, HAPROXY_FORMAT, type HaproxyRollout } from './saved-haproxy-rollout';

export interface OpenedHaproxyFleet {
  backend: HaproxyDeployments;
  health: ConnectionHealth;
  store: RolloutStore<HaproxyRollout>;
  /** Folds the journal into the snapshot. */
  compact(): void;
  close(): void;
}

export function openHaproxyFleet(
  connection: HaproxyConnection,
  workspaceDir: string,
  clock: Clock,
  notices: string[],
): OpenedHaproxyFleet {
  const health = new ConnectionHealth(connection.name, 'haproxy', ['deployment']);
  const api = new RuntimeApi(connection.socket, health, connection.timeout);
  const { store, read } = RolloutStore.open<HaproxyRollout>(
    {
      snapshot: join(workspaceDir, `haproxy-${connection.name}-state.json`),
      journal: join(workspaceDir, `haproxy-${connection.name}-journal.jsonl`),
    },
    { format: HAPROXY_FORMAT, identity: { connection: connection.name }, check: checkSavedHaproxyRollout },
    Date.now(),
  );
  if (read.kind === 'damaged')
    notices.push(
      `The saved rollouts of HAProxy connection "${connection.name}" could not be trusted (${read.problem}); they were set aside as ${read.movedTo.join(' and ')}.`,
    );
  const backend =
    read.kind === 'restored'
      ? new HaproxyDeployments(connection, api, store, clock, workspaceDir, read.rollouts, read.changes)
      : new HaproxyDeployments(connection, api, store, clock, workspaceDir);
  const compact = (): void => {
    store.compact(backend.rawAll(), clock.now());
    backend.forgetDurableChanges();
  };
  return {
    backend,
    health,
    store,
    compact,
    close: () => {
      backend.stop();
      store.close();
    },
  };
}
