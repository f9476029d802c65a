// An Alertmanager as an alert source: its API v2, read on the alert service's beat and asked to
// silence. Credentials never sit in the URL.
import { z } from 'zod';
import { durationSchema } from '../config/duration';
import { connectionNameSchema } from './connection-name';
import { secretRefSchema } from './secret-ref';

export const alertmanagerConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('alertmanager'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:9093' })
      .refine((url) => {
        if (!URL.canParse(url)) return true;
        const { username, password } = new URL(url);
        return username === '' && password === '';
      }, 'must not hold a user or password: use bearerToken with { env: VARIABLE } or { secret: NAME }'),
    /** Every call gives up after this long; the alerts are shown stale then. */
    timeout: durationSchema.default(5_000),
    /** How often its alerts are read. */
    pollInterval: durationSchema.default(10_000),
    bearerToken: secretRefSchema.optional(),
  })
  .strict();
export type AlertmanagerConnection = z.output<typeof alertmanagerConnectionSchema>;
