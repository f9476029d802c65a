// Turns a connection's secret reference into its value, when a backend needs it: an environment
// variable, or an entry of the secret store (the OS keychain on the desktop, the secrets file
// elsewhere). A missing secret is an error naming the connection, the field and the reference; no
// message, log line or audit record ever holds the value.
import type { SecretStore } from '../migrations/secret-store';
import type { SecretRef } from './secret-ref';

export class SecretNotSet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretNotSet';
  }
}

/** A reference as config.yaml writes it: `{ env: PROM_TOKEN }`, `{ secret: prom.bearer-token }`. */
export function describeRef(ref: SecretRef): string {
  return 'env' in ref ? `{ env: ${ref.env} }` : `{ secret: ${ref.secret} }`;
}

export class SecretResolver {
  constructor(
    readonly store: SecretStore,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  /** Where the reference is looked up, in words. */
  where(ref: SecretRef): string {
    return 'env' in ref ? `environment variable ${ref.env}` : this.store.name;
  }

  async isSet(ref: SecretRef): Promise<boolean> {
    if ('env' in ref) return (this.env[ref.env] ?? '') !== '';
    return (await this.store.get(ref.secret)) !== undefined;
  }

  /** The value; `where` names its use for the error, e.g. "prom: bearerToken". */
  async resolve(ref: SecretRef, where: string): Promise<string> {
    if ('env' in ref) {
      const value = this.env[ref.env] ?? '';
      if (value === '')
        throw new SecretNotSet(
          `${where} ${describeRef(ref)}: the environment variable ${ref.env} is not set`,
        );
      return value;
    }
    let value: string | undefined;
    try {
      value = await this.store.get(ref.secret);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new SecretNotSet(`${where} ${describeRef(ref)}: cannot read ${this.store.name}: ${why}`);
    }
    if (value === undefined)
      throw new SecretNotSet(
        `${where} ${describeRef(ref)}: no such secret in ${this.store.name}; set it on the Settings screen`,
      );
    return value;
  }
}
