// The desktop keychain also holds database passwords and the audit head's key: connection secrets
// get their own prefix there, so a secret named `audit-head-key` can never read or replace that key.
import type { SecretStore } from '../migrations/secret-store';

export function namespacedSecrets(store: SecretStore, prefix: string): SecretStore {
  return {
    name: store.name,
    get: (key) => store.get(`${prefix}${key}`),
    set: (key, value) => store.set(`${prefix}${key}`, value),
    delete: (key) => store.delete(`${prefix}${key}`),
  };
}
