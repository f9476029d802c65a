// An `unleash` connection from config.yaml as a flags backend: the token resolved from its secret
// reference at each call (so a rotated token is picked up), and only the configured environments.
import type { FlagsBackend } from '../../core/flags/flags-backend';
import { environmentsOnly } from '../../core/flags/environments-only';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import type { UnleashConnection } from '../../core/connections/unleash-connection';
import { UnleashFlags } from './unleash-flags';

export function openUnleashConnection(c: UnleashConnection, secrets: SecretResolver): FlagsBackend {
  const backend = new UnleashFlags({
    name: c.name,
    url: c.url,
    token: () => secrets.resolve(c.token, `${c.name}: token`),
    timeoutMs: c.timeout,
    ...(c.projects ? { projects: c.projects } : {}),
  });
  return c.environments ? environmentsOnly(backend, c.environments) : backend;
}
