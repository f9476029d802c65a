// Which settings of each kind of connection hold a secret reference. The Settings screen offers a
// secret input for these, list and audit say only whether each is set, and removing a connection
// forgets the stored secrets that only it used.
import type { SecretField } from '../../../shared/api';
import type { ConnectionKind } from './connection-schema';
import { secretRefSchema, type SecretRef } from './secret-ref';

export const SECRET_FIELDS_OF: Record<ConnectionKind, readonly SecretField[]> = {
  simulator: [],
  prometheus: ['bearerToken', 'basicAuth.password'],
  haproxy: [],
  // Tokens, client certificates and exec plugins live in the kubeconfig, where kubectl keeps them.
  'argo-rollouts': [],
  alertmanager: ['bearerToken'],
  unleash: ['token'],
  'flagd-file': [],
};

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      value,
    );
}

/** The secret references a connection's settings hold, by field. */
export function secretRefsOf(kind: string, settings: unknown): Array<{ field: SecretField; ref: SecretRef }> {
  const fields = SECRET_FIELDS_OF[kind as ConnectionKind] ?? [];
  return fields.flatMap((field) => {
    const ref = secretRefSchema.safeParse(at(settings, field));
    return ref.success ? [{ field, ref: ref.data }] : [];
  });
}
