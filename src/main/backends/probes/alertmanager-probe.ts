// The Settings screen's Test of an Alertmanager connection: its status (version, cluster), then a
// read of its alerts as the alert service makes it.
import type { ConnectionCheck } from '../../../shared/api';
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { AlertmanagerConnection } from '../../core/connections/alertmanager-connection';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import { AlertmanagerSource } from '../alertmanager/alertmanager-source';

export function alertmanagerProbe(secrets: SecretResolver): ConnectionProbe<AlertmanagerConnection> {
  return async (c, health) => {
    const source = new AlertmanagerSource(c, health, secrets);
    const status = (await source.status()) as { versionInfo?: { version?: unknown } } | undefined;
    const version = status?.versionInfo?.version;
    if (typeof version !== 'string')
      throw new Error(`${c.url} did not answer as Alertmanager's API v2 does: is this Alertmanager?`);
    const alerts = await source.list();
    const checks: ConnectionCheck[] = [
      { name: 'API answers', ok: true, detail: `Alertmanager ${version}` },
      {
        name: 'Alerts',
        ok: true,
        detail: `${alerts.filter((a) => a.state === 'firing').length} firing, ${alerts.filter((a) => a.state === 'silenced').length} silenced`,
      },
    ];
    return checks;
  };
}
