// The schema of a migration plan file (the workspace's migrations/*.yaml, demo plans in
// resources/migrations/). Strict: an unknown key, an unknown phase or a check template with a
// missing argument is an error naming file:line and field.
import { z } from 'zod';
import { MIGRATION_PHASES, type PhaseId } from '../../../shared/migrations';
import { expectSchema, templateCallSchema } from './check-spec';
import { durationSchema } from '../config/duration';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, dot, dash or underscore');
const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const version = z.union([z.string().min(1), z.number()]).transform(String);
const environments = z.array(name).min(1).optional();

const releaseSchema = z.object({ service: name, version, environments }).strict();

const gateSchema = z.union([
  /** Every request in the named environments (default: all of the service's) is served by `version` or later. */
  z.object({ releaseAt100: releaseSchema }).strict(),
  /** No environment still serves a release older than `version`; `uses` says what those old releases do. */
  z
    .object({
      noReleaseBefore: z
        .object({ service: name, version, environments, uses: z.string().min(1).max(200) })
        .strict(),
    })
    .strict(),
]);

const itemBase = { id: slug, title: z.string().min(1).max(300) };

const itemSchema = z.discriminatedUnion('kind', [
  z.object({ ...itemBase, kind: z.literal('manual') }).strict(),
  z
    .object({
      ...itemBase,
      kind: z.literal('sql'),
      /** A built-in check: no SQL to write. */
      template: templateCallSchema.optional(),
      /** Or one read-only statement and what its result must be. */
      query: z.string().min(1).max(20_000).optional(),
      expect: expectSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...itemBase,
      kind: z.literal('metric'),
      service: name,
      /** Default: every environment the service runs in; the worst one decides. */
      environment: name.optional(),
      metric: z.enum(['errorRate', 'latencyP50', 'latencyP90', 'latencyP99', 'cpu', 'requestRate']),
      window: durationSchema.default(600_000),
      atMost: z.number().optional(),
      /** At most the same window one day earlier plus this much (e.g. 0.001 = 0.1 points of error rate). */
      atMostBaselinePlus: z.number().optional(),
    })
    .strict(),
]);

const phaseSchema = z
  .object({
    title: z.string().min(1).max(100).optional(),
    /** The release that goes out with this phase; the plan view links its rollouts. */
    release: releaseSchema.optional(),
    gates: z.array(gateSchema).default([]),
    items: z.array(itemSchema).default([]),
    /** What to do to undo this phase. */
    rollback: z.string().min(1).max(2000).optional(),
  })
  .strict();

const phasesShape = Object.fromEntries(MIGRATION_PHASES.map((p) => [p, phaseSchema.optional()])) as Record<
  PhaseId,
  z.ZodOptional<typeof phaseSchema>
>;

export const planFileSchema = z
  .object({
    id: slug,
    title: z.string().min(1).max(200),
    /** A profile under `databases:` in config.yaml, or a database of the simulator. */
    database: z.string().min(1).max(100),
    change: z
      .object({
        table: z.string().min(1).max(200),
        from: z.string().min(1).max(200).optional(),
        to: z.string().min(1).max(200).optional(),
        summary: z.string().min(1).max(500).optional(),
      })
      .strict(),
    /** The phase already reached when the control room first tracks the plan; earlier ones count as done. */
    current: z.enum(MIGRATION_PHASES).optional(),
    /** statement_timeout of each SQL check. */
    checkTimeout: durationSchema.default(5000),
    phases: z.object(phasesShape).strict(),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const present = MIGRATION_PHASES.filter((p) => plan.phases[p] !== undefined);
    if (present.length === 0)
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'a plan needs at least one phase' });
    if (plan.current !== undefined && !present.includes(plan.current))
      ctx.addIssue({
        code: 'custom',
        path: ['current'],
        message: `phase ${plan.current} is not in this plan (it has ${present.join(', ')})`,
      });
    for (const phase of present) {
      const seen = new Set<string>();
      plan.phases[phase]?.items.forEach((item, i) => {
        const at = (field: string) => ['phases', phase, 'items', i, field];
        if (seen.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: at('id'),
            message: `item id "${item.id}" is used twice in ${phase}`,
          });
        seen.add(item.id);
        if (item.kind === 'sql') {
          if ((item.template === undefined) === (item.query === undefined))
            ctx.addIssue({ code: 'custom', path: at('template'), message: 'give either template or query' });
          if (item.query !== undefined && item.expect === undefined)
            ctx.addIssue({ code: 'custom', path: at('expect'), message: 'a query needs expect' });
          if (item.template !== undefined && item.expect !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: at('expect'),
              message: 'templates bring their own expectation',
            });
        }
        if (item.kind === 'metric' && (item.atMost === undefined) === (item.atMostBaselinePlus === undefined))
          ctx.addIssue({
            code: 'custom',
            path: at('atMost'),
            message: 'give either atMost or atMostBaselinePlus',
          });
      });
    }
  });

export type PlanFile = z.output<typeof planFileSchema>;
export type PlanPhase = z.output<typeof phaseSchema>;
export type PlanItem = z.output<typeof itemSchema>;
export type PlanGate = z.output<typeof gateSchema>;
export type PlanRelease = z.output<typeof releaseSchema>;

/** The phases a plan has, in order. */
export function planPhases(plan: PlanFile): PhaseId[] {
  return MIGRATION_PHASES.filter((p) => plan.phases[p] !== undefined);
}
