// The Settings screen's Test of an Unleash connection: the Admin API answers with the token, and
// how many flags in which environments it shows.
import type { ConnectionCheck } from '../../../shared/api';
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import type { UnleashConnection } from '../../core/connections/unleash-connection';
import { openUnleashConnection } from '../unleash/open-unleash-connection';

export function unleashProbe(secrets: SecretResolver): ConnectionProbe<UnleashConnection> {
  return (c, health) =>
    health.call('test', c.timeout * 4, async () => {
      const flags = await openUnleashConnection(c, secrets).list();
      const environments = [...new Set(flags.map((f) => f.environment))];
      const checks: ConnectionCheck[] = [
        { name: 'Admin API answers', ok: true, detail: `${c.url} with the token` },
        {
          name: 'Flags',
          ok: true,
          detail: `${new Set(flags.map((f) => f.key)).size} flags in ${environments.join(', ') || 'no environment'}`,
        },
      ];
      return checks;
    });
}
