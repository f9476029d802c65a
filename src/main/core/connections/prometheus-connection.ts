// A Prometheus server as a metrics connection: the HTTP API, with a PromQL template per metric.
import { z } from 'zod';
import { METRIC_NAMES } from '../../../shared/domain';
import { durationSchema } from '../config/duration';
import { connectionNameSchema } from './connection-name';
import { plainSecret, secretRefSchema } from './secret-ref';

/** A PromQL template; `{{service}}`, `{{environment}}` and `{{version}}` are filled in per side. */
const promqlTemplate = z.string().min(1).max(4000);

export const prometheusMetricSchema = z
  .object({
    query: promqlTemplate,
    /** Shown on charts and reports, e.g. "ratio", "ms". */
    unit: z.string().max(20).optional(),
  })
  .strict();

export const prometheusConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('prometheus'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:9090' })
      .refine((url) => {
        // Refinements run after a failed check too: only a URL that parses can hold credentials.
        if (!URL.canParse(url)) return true;
        const { username, password } = new URL(url);
        return username === '' && password === '';
      }, 'must not hold a user or password (config.yaml is no place for them): use basicAuth with { secret: NAME }'),
    /** Every call gives up after this long. */
    timeout: durationSchema.default(5_000),
    bearerToken: secretRefSchema.optional(),
    basicAuth: z
      .object({ user: z.string().min(1), password: secretRefSchema })
      .strict()
      .optional(),
    token: plainSecret('a Prometheus token'),
    password: plainSecret('a password'),
    /** The metrics the judge and charts read, by the names of the canary config. */
    metrics: z.partialRecord(z.enum(METRIC_NAMES), prometheusMetricSchema).default({}),
  })
  .strict()
  .refine((c) => !(c.bearerToken && c.basicAuth), {
    message: 'use either bearerToken or basicAuth, not both',
    path: ['basicAuth'],
  });
export type PrometheusConnection = z.output<typeof prometheusConnectionSchema>;
