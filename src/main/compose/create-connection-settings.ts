// Wires the Settings screen's connections: the secret store (the OS keychain on the desktop, the
// workspace's 0600 secrets file elsewhere), the resolver backends read secrets through, and what
// tests each connection and keeps its health line.
import { haproxyProbe } from '../backends/probes/haproxy-probe';
import { prometheusProbe } from '../backends/probes/prometheus-probe';
import type { AuditWriter } from '../core/audit/audit-writer';
import type { Config } from '../core/config/config-schema';
import type { ConnectionDirectory } from '../core/connections/connection-directory';
import { ConnectionsService } from '../core/connections/connections-service';
import { namespacedSecrets } from '../core/connections/namespaced-secrets';
import { probeDirectory } from '../core/connections/probe-directory';
import { SecretResolver } from '../core/connections/secret-resolver';
import { secretsFile } from '../core/connections/secrets-file';
import type { SecretStore } from '../core/migrations/secret-store';
import type { Workspace } from '../core/workspace';
import type { ChangeEvent } from '../../shared/domain';

export interface ConnectionSettingsOptions {
  config: Config;
  workspace: Workspace;
  /** The OS keychain (desktop app only). */
  keychain?: SecretStore;
  writer: AuditWriter;
  publish(event: ChangeEvent): void;
  /** What runs the connections; by default one that tests them and keeps their health lines. */
  directory?: (secrets: SecretResolver) => ConnectionDirectory;
}

/** The keychain also holds database passwords and the audit head's key: connection secrets get a prefix. */
const KEYCHAIN_PREFIX = 'connection-secret:';

export function createConnectionSettings(options: ConnectionSettingsOptions): {
  service: ConnectionsService;
  secrets: SecretResolver;
} {
  const store = options.keychain
    ? namespacedSecrets(options.keychain, KEYCHAIN_PREFIX)
    : secretsFile(options.workspace.secretsPath);
  const secrets = new SecretResolver(store);
  const directory =
    options.directory?.(secrets) ??
    probeDirectory(options.config, {
      simulator: async () => [{ name: 'Simulator', ok: true, detail: 'runs inside the control room' }],
      prometheus: prometheusProbe(secrets),
      haproxy: haproxyProbe,
    });
  const service = new ConnectionsService({
    configPath: options.workspace.configPath,
    workspaceDir: options.workspace.dir,
    directory,
    secrets,
    writer: options.writer,
    publish: options.publish,
  });
  return { service, secrets };
}
