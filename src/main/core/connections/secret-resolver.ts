// Turns a connection's secret reference into the secret, when a backend is about to use it: an
// environment variable, or an entry of the secret store. Errors name the reference, never a value.
import type { SecretStore } from '../migrations/secret-store';
import type { SecretRef } from './secret-ref';

export interface SecretResolver {
  /** The secret; rejects with a message naming `what` and where it was looked for. */
  resolve(ref: SecretRef, what: string): Promise<string>;
}

export class SecretMissing extends Error {}

export function secretResolver(
  env: Readonly<Record<string, string | undefined>> = process.env,
  store?: SecretStore,
): SecretResolver {
  return {
    async resolve(ref, what) {
      if ('env' in ref) {
        const value = env[ref.env];
        if (value === undefined || value === '')
          throw new SecretMissing(`${what}: the environment variable ${ref.env} is not set`);
        return value;
      }
      if (!store)
        throw new SecretMissing(
          `${what}: secret "${ref.secret}" needs a secret store, and none is open here; use { env: VARIABLE } instead`,
        );
      const value = await store.get(ref.secret);
      if (value === undefined || value === '')
        throw new SecretMissing(`${what}: ${store.name} has no secret "${ref.secret}"`);
      return value;
    },
  };
}
