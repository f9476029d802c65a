// Turns a connection's secret reference into the secret, when a backend is about to use it: an
// environment variable, or an entry of the secret store (the OS keychain on the desktop, the
// workspace's 0600 secrets file elsewhere). Errors name the connection, the field and the reference;
// no message, log line or audit record ever holds the value.
import type { SecretStore } from '../migrations/secret-store';
import type { SecretRef } from './secret-ref';

export class SecretMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretMissing';
  }
}

/** A reference as config.yaml writes it: `{ env: PROM_TOKEN }`, `{ secret: prom.bearer-token }`. */
export function describeRef(ref: SecretRef): string {
  return 'env' in ref ? `{ env: ${ref.env} }` : `{ secret: ${ref.secret} }`;
}

export interface SecretResolver {
  /** Where `{ secret: NAME }` references are kept; undefined when none is open here. */
  readonly store: SecretStore | undefined;
  /** Where the reference is looked up, in words. */
  where(ref: SecretRef): string;
  isSet(ref: SecretRef): Promise<boolean>;
  /** The secret; rejects with SecretMissing naming `what` (e.g. "prom: bearerToken") and the reference. */
  resolve(ref: SecretRef, what: string): Promise<string>;
}

/** A resolver that also stores `{ secret: NAME }` secrets (what the Settings screen writes to). */
export type StoringSecretResolver = SecretResolver & { readonly store: SecretStore };

/** A resolver with the store it was given, so a caller that must write secrets knows it has one. */
export function secretResolver<S extends SecretStore | undefined = undefined>(
  env: Readonly<Record<string, string | undefined>> = process.env,
  store?: S,
): SecretResolver & { readonly store: S } {
  const fromEnv = (name: string): string => env[name] ?? '';
  return {
    store: store as S,
    where: (ref) =>
      'env' in ref
        ? `environment variable ${ref.env}`
        : (store?.name ?? 'no secret store (none is open here)'),
    async isSet(ref) {
      if ('env' in ref) return fromEnv(ref.env) !== '';
      return ((await store?.get(ref.secret)) ?? '') !== '';
    },
    async resolve(ref, what) {
      if ('env' in ref) {
        const value = fromEnv(ref.env);
        if (value === '') throw new SecretMissing(`${what}: the environment variable ${ref.env} is not set`);
        return value;
      }
      if (!store)
        throw new SecretMissing(
          `${what} ${describeRef(ref)}: needs a secret store, and none is open here; use { env: VARIABLE } instead`,
        );
      let value: string | undefined;
      try {
        value = await store.get(ref.secret);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new SecretMissing(`${what} ${describeRef(ref)}: cannot read ${store.name}: ${why}`);
      }
      if (value === undefined || value === '')
        throw new SecretMissing(
          `${what} ${describeRef(ref)}: no such secret in ${store.name}; set it on the Settings screen`,
        );
      return value;
    },
  };
}
