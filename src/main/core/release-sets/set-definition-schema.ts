// The schema of a release set, in config.yaml's `releaseSets:` and in the workspace's sets/*.yaml
// (one set per file). Strict: an unknown key, a short form that does not read, a member named twice
// or a cycle in `after:` is an error naming file:line and field.
import { z } from 'zod';
import { MIGRATION_PHASES } from '../../../shared/migrations';
import type { ReleaseSetMember } from '../../../shared/release-sets';
import { orderProblems } from './member-order';
import { parseShortForm, parseShortMember } from './short-form';

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, dot, dash or underscore');
const setName = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dot, dash or underscore');
const version = z.union([z.string().min(1).max(200), z.number()]).transform(String);
/** `after: checkout` or `after: [checkout, payments]`; `after: []` starts with the first. */
const after = z
  .union([name, z.array(name)])
  .transform((a) => (typeof a === 'string' ? [a] : a))
  .optional();

/** One strict shape for both kinds, so a mistake is reported at its field rather than as "no union matched". */
const memberObject = z
  .object({
    service: name.optional(),
    version: version.optional(),
    migration: name.optional(),
    phase: z.enum(MIGRATION_PHASES).optional(),
    after,
  })
  .strict();

type Problem = (field: string | undefined, message: string) => void;

function toMember(m: z.output<typeof memberObject>, problem: Problem): ReleaseSetMember | undefined {
  const tail = m.after === undefined ? {} : { after: m.after };
  if (m.service !== undefined && m.migration !== undefined)
    problem('migration', 'a member is a service or a migration, not both');
  else if (m.service !== undefined) {
    if (m.version !== undefined) return { kind: 'service', service: m.service, version: m.version, ...tail };
    problem('version', `${m.service} needs the version to release`);
  } else if (m.migration !== undefined) {
    if (m.phase !== undefined) return { kind: 'migration', plan: m.migration, phase: m.phase, ...tail };
    problem('phase', `${m.migration} needs the phase to reach (${MIGRATION_PHASES.join(', ')})`);
  } else
    problem(
      undefined,
      'a member needs service and version ({service: checkout, version: 2.4.0}) or migration and phase',
    );
  return undefined;
}

/** The short form as one string, or a list of members (each an object or one short-form member). */
const membersSchema = z.unknown().transform((value, ctx): ReleaseSetMember[] => {
  if (typeof value === 'string') {
    const parsed = parseShortForm(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
    return parsed.ok ? parsed.members : [];
  }
  if (!Array.isArray(value) || value.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be the short form ("checkout 2.4.0 + payments 5.13.0") or a list of members, at least one',
    });
    return [];
  }
  const members: ReleaseSetMember[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') {
      const parsed = parseShortMember(item);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', path: [i], message: parsed });
      else members.push(parsed);
      return;
    }
    const result = memberObject.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', path: [i, ...issue.path], message: issue.message });
      return;
    }
    const member = toMember(result.data, (field, message) =>
      ctx.addIssue({ code: 'custom', path: field === undefined ? [i] : [i, field], message }),
    );
    if (member) members.push(member);
  });
  return members;
});

const setFields = {
  description: z.string().min(1).max(500).optional(),
  /**
   * `checkout 2.4.0 + payments 5.13.0 + orders-customer-id schema P5`, or a list of
   * `{service, version}` / `{migration, phase}` (each with an optional `after:`), in release order.
   */
  members: membersSchema,
  /** Where it may run; every environment of the fleet when absent. */
  environments: z.array(z.string().min(1).max(100)).min(1).optional(),
};

/** Members named twice, `after:` naming no member, a cycle: each at its member's field. */
function checkOrder(set: { members: ReleaseSetMember[] }, ctx: z.RefinementCtx): void {
  for (const p of orderProblems(set.members))
    ctx.addIssue({ code: 'custom', path: ['members', p.member, p.field], message: p.message });
}

export const configSetSchema = z
  .object({ name: setName, ...setFields })
  .strict()
  .superRefine(checkOrder);

/** A set file: its name is the file's when absent. */
export const setFileSchema = z
  .object({ name: setName.optional(), ...setFields })
  .strict()
  .superRefine(checkOrder);

export type ConfigSet = z.output<typeof configSetSchema>;
export type SetFile = z.output<typeof setFileSchema>;

/** config.yaml's `releaseSets:`: names are unique. */
export const releaseSetsSchema = z
  .array(configSetSchema)
  .superRefine((sets, ctx) => {
    const seen = new Set<string>();
    sets.forEach((s, i) => {
      if (seen.has(s.name))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `a set named "${s.name}" is already defined`,
        });
      seen.add(s.name);
    });
  })
  .default([]);
