// A Prometheus server as a metrics connection: the HTTP API, with a PromQL template per metric.
// Templates are checked when config.yaml is read (placeholders, quoting); whether Prometheus can
// parse them is asked of Prometheus itself (`connections test`, the Settings screen).
import { z } from 'zod';
import { METRIC_NAMES } from '../../../shared/domain';
import { durationSchema } from '../config/duration';
import { connectionNameSchema } from './connection-name';
import { parsePromqlTemplate } from './promql-template';
import { plainSecret, secretRefSchema } from './secret-ref';

/** A PromQL template; `{{service}}`, `{{environment}}`, `{{version}}` and `{{window}}` are filled in per side. */
const promqlTemplate = z
  .string()
  .min(1)
  .max(4000)
  .superRefine((text, ctx) => {
    const parsed = parsePromqlTemplate(text);
    if (!parsed.ok) for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
  });

export const prometheusMetricSchema = z
  .object({
    query: promqlTemplate,
    /** Shown on charts and reports, e.g. "ratio", "ms". */
    unit: z.string().max(20).optional(),
    /**
     * The finest resolution this metric is read at (default: the caller's, 10 s for the judge).
     * Set it to the scrape interval when that is longer, or repeated samples look like evidence.
     */
    step: durationSchema.optional(),
    /** What `{{window}}` stands for, e.g. the range of a rate(): at least 4 scrape intervals. */
    window: durationSchema.default(60_000),
  })
  .strict();
export type PrometheusMetric = z.output<typeof prometheusMetricSchema>;

const metricsSchema = z.partialRecord(z.enum(METRIC_NAMES), prometheusMetricSchema);

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
      }, 'must not hold a user or password (config.yaml is no place for them): use basicAuth with { env: VARIABLE } or { secret: NAME }'),
    /** Every call gives up after this long (and Prometheus is asked to stop evaluating by then). */
    timeout: durationSchema.default(5_000),
    bearerToken: secretRefSchema.optional(),
    basicAuth: z
      .object({ user: z.string().min(1), password: secretRefSchema })
      .strict()
      .optional(),
    token: plainSecret('a Prometheus token'),
    password: plainSecret('a password'),
    /** The metrics the judge and charts read, by the names of the canary config. */
    metrics: metricsSchema.default({}),
    /** Per service, metrics whose queries differ from the shared ones (each replaces the shared one whole). */
    services: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a service name'),
        z.object({ metrics: metricsSchema }).strict(),
      )
      .default({}),
  })
  .strict()
  .refine((c) => !(c.bearerToken && c.basicAuth), {
    message: 'use either bearerToken or basicAuth, not both',
    path: ['basicAuth'],
  });
export type PrometheusConnection = z.output<typeof prometheusConnectionSchema>;
export type PrometheusConnectionInput = z.input<typeof prometheusConnectionSchema>;
