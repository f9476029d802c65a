// Where a connection's secret (a Prometheus token, a password) comes from. Never the secret itself:
// config.yaml names an environment variable, or an entry of the secret store (the OS keychain in the
// desktop app, a 0600 secrets file in browser mode and the CLI).
import { z } from 'zod';

export const secretRefSchema = z.union([
  z
    .object({
      env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
    })
    .strict(),
  z
    .object({
      secret: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be a secret name: lower-case letters, digits, . _ -'),
    })
    .strict(),
]);

export type SecretRef = z.output<typeof secretRefSchema>;

/** A key that would hold a secret in plain text: refused with where to put it instead. */
export const plainSecret = (what: string) =>
  z
    .never({
      error: `${what} never goes in config.yaml: use { env: VARIABLE } or { secret: NAME } (the OS keychain on the desktop, the 0600 secrets file elsewhere)`,
    })
    .optional();
