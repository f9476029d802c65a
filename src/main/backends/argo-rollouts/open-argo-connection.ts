// One argo-rollouts connection, opened: its kubeconfig context behind a health line and the backend
// that watches it. A kubeconfig that cannot be used does not stop the control room: the connection's
// health line and the Settings test say what is wrong (file and line), and the other connections run.
import type { Clock } from '../../core/clock';
import type { ArgoRolloutsConnection } from '../../core/connections/argo-rollouts-connection';
import { ConnectionHealth } from '../../core/connections/connection-health';
import { ArgoDeployments } from './argo-deployments';
import { KubeClient, kubeconfigPath, loadKubeconfig } from './kube-client';

export interface OpenedArgoConnection {
  backend: ArgoDeployments;
  health: ConnectionHealth;
  /** The connection's call deadline: how long a command waits for the first lists. */
  timeoutMs: number;
  close(): void;
}

export function openKubeClient(
  c: ArgoRolloutsConnection,
  workspaceDir: string,
  health: ConnectionHealth,
): KubeClient {
  const loaded = loadKubeconfig(kubeconfigPath(c.kubeconfig, workspaceDir), c.context);
  return new KubeClient(loaded, health, c.timeout);
}

export function openArgoConnection(
  c: ArgoRolloutsConnection,
  workspaceDir: string,
  clock: Clock,
  options: { watchSeconds?: number } = {},
): OpenedArgoConnection {
  const health = new ConnectionHealth(c.name, 'argo-rollouts', ['deployment']);
  let client: KubeClient | undefined;
  let failure: string | undefined;
  try {
    client = openKubeClient(c, workspaceDir, health);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    health.failed(failure);
  }
  const backend = new ArgoDeployments({
    name: c.name,
    ...(client ? { client } : {}),
    ...(failure ? { failure } : {}),
    health,
    clock,
    ...(c.namespaces ? { namespaces: c.namespaces } : {}),
    stallMs: c.watchTimeout,
    ...(options.watchSeconds === undefined ? {} : { watchSeconds: options.watchSeconds }),
  });
  return { backend, health, timeoutMs: c.timeout, close: () => backend.stop() };
}
