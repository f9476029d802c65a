// Wires the Settings screen's connections: the secret store (the OS keychain on the desktop, the
// workspace's 0600 secrets file elsewhere) with the one resolver every backend reads secrets through,
// and the directory that tests each connection on the health line the running backend keeps.
import { alertmanagerProbe } from '../backends/probes/alertmanager-probe';
import { flagdFileProbe } from '../backends/probes/flagd-file-probe';
import { unleashProbe } from '../backends/probes/unleash-probe';
import { argoRolloutsProbe } from '../backends/probes/argo-rollouts-probe';
import { haproxyProbe } from '../backends/probes/haproxy-probe';
import { prometheusProbe } from '../backends/probes/prometheus-probe';
import { createPrometheusMetrics } from '../backends/prometheus/prometheus-metrics';
import type { AuditWriter } from '../core/audit/audit-writer';
import type { Config } from '../core/config/config-schema';
import type { ConnectionDirectory } from '../core/connections/connection-directory';
import type { ConnectionHealth } from '../core/connections/connection-health';
import { ConnectionsService } from '../core/connections/connections-service';
import { namespacedSecrets } from '../core/connections/namespaced-secrets';
import { probeDirectory } from '../core/connections/probe-directory';
import { secretResolver, type StoringSecretResolver } from '../core/connections/secret-resolver';
import { secretsFile } from '../core/connections/secrets-file';
import type { SecretStore } from '../core/migrations/secret-store';
import type { Workspace } from '../core/workspace';
import type { ConnectionStatus } from '../../shared/connections';
import type { ChangeEvent } from '../../shared/domain';

/** The keychain also holds database passwords and the audit head's key: connection secrets get a prefix. */
const KEYCHAIN_PREFIX = 'connection-secret:';

/** Where connection secrets live: the keychain when there is one, else the workspace's secrets file. */
export function connectionSecrets(workspace: Workspace, keychain?: SecretStore): StoringSecretResolver {
  const store = keychain ? namespacedSecrets(keychain, KEYCHAIN_PREFIX) : secretsFile(workspace.secretsPath);
  return secretResolver(process.env, store);
}

export interface ConnectionSettingsOptions {
  config: Config;
  workspace: Workspace;
  secrets: StoringSecretResolver;
  /** The running connections: their health lines by name (tests of them record there) and statuses. */
  running?: { healthLines: ReadonlyMap<string, ConnectionHealth>; statuses(): ConnectionStatus[] };
  writer: AuditWriter;
  publish(event: ChangeEvent): void;
  /** What runs the connections; by default one that tests them and keeps their health lines. */
  directory?: ConnectionDirectory;
}

export function createConnectionSettings(options: ConnectionSettingsOptions): ConnectionsService {
  const { secrets } = options;
  const directory =
    options.directory ??
    probeDirectory(
      options.config,
      {
        simulator: (_c, health) =>
          health.call('test', 1000, async () => [
            { name: 'Simulator', ok: true, detail: 'runs inside the control room' },
          ]),
        prometheus: prometheusProbe(secrets),
        haproxy: haproxyProbe,
        'argo-rollouts': argoRolloutsProbe(options.workspace.dir),
        alertmanager: alertmanagerProbe(secrets),
        unleash: unleashProbe(secrets),
        'flagd-file': flagdFileProbe(options.workspace.dir),
      },
      {
        // Metric names while a person writes PromQL: the metrics backend's own look-up.
        lookups: {
          prometheus: (c, health, label) =>
            createPrometheusMetrics(c, { secrets, health }).labelValues(label),
        },
        ...(options.running ? { running: options.running } : {}),
      },
    );
  return new ConnectionsService({
    configPath: options.workspace.configPath,
    workspaceDir: options.workspace.dir,
    directory,
    secrets,
    writer: options.writer,
    publish: options.publish,
  });
}
