// An Unleash server as a flags connection: its Admin API, read on the room's beat and asked to
// switch a flag. The admin token is a secret reference, never in the URL or config.yaml.
import { z } from 'zod';
import { durationSchema } from '../config/duration';
import { connectionNameSchema } from './connection-name';
import { plainSecret, secretRefSchema } from './secret-ref';

export const unleashConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('unleash'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://unleash.example.com' })
      .refine((url) => {
        if (!URL.canParse(url)) return true;
        const { username, password } = new URL(url);
        return username === '' && password === '';
      }, 'must not hold a user or password: use token with { env: VARIABLE } or { secret: NAME }'),
    /** An admin API token; every call sends it as the Authorization header. */
    token: secretRefSchema,
    /** The projects whose flags are shown; every project the token can see when absent. */
    projects: z.array(z.string().min(1)).min(1).optional(),
    /** The environments shown; every environment of each flag when absent. */
    environments: z.array(z.string().min(1)).min(1).optional(),
    /** Every call gives up after this long; the flags are shown stale then. */
    timeout: durationSchema.default(5_000),
    /** How often its flags are read. */
    pollInterval: durationSchema.default(15_000),
    apiToken: plainSecret('An Unleash API token'),
  })
  .strict();
export type UnleashConnection = z.output<typeof unleashConnectionSchema>;
