// A flagd flag as the control room shows it: on when its state is ENABLED, its share from the
// `fractional` rule of its targeting (for a boolean flag: the weight of its true variants).
import { createHash } from 'node:crypto';
import type { Flag, FlagStrategy, FlagVariant } from '../../../shared/flags';
import { variantsOf, type FlagdFile, type FlagdFlag } from './flagd-schema';

export interface FractionalRule {
  /** Where the rule's argument list stands inside the flag's targeting. */
  path: (string | number)[];
  bucketBy?: unknown;
  buckets: { variant: string; weight: number }[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `fractional` rule in a rule tree, with the path of its argument list. */
export function findFractionalRules(rule: unknown, path: (string | number)[] = []): FractionalRule[] {
  if (Array.isArray(rule)) return rule.flatMap((item, i) => findFractionalRules(item, [...path, i]));
  if (!isObject(rule)) return [];
  return Object.entries(rule).flatMap(([op, args]) => {
    if (op !== 'fractional' || !Array.isArray(args)) return findFractionalRules(args, [...path, op]);
    const hasBucketBy = !Array.isArray(args[0]);
    const buckets = (hasBucketBy ? args.slice(1) : args) as [string, number?][];
    return [
      {
        path: [...path, op],
        bucketBy: hasBucketBy ? args[0] : undefined,
        buckets: buckets.map(([variant, weight]) => ({ variant, weight: weight ?? 1 })),
      },
    ];
  });
}

/** The rules a flag's targeting uses, with its `$ref`s to shared evaluators followed (once each). */
function referencedEvaluators(
  rule: unknown,
  all: Record<string, unknown>,
  seen = new Set<string>(),
): string[] {
  if (Array.isArray(rule)) return rule.flatMap((item) => referencedEvaluators(item, all, seen));
  if (!isObject(rule)) return [];
  return Object.entries(rule).flatMap(([op, args]) => {
    if (op !== '$ref') return referencedEvaluators(args, all, seen);
    if (typeof args !== 'string' || seen.has(args)) return [];
    seen.add(args);
    return [args, ...referencedEvaluators(all[args], all, seen)];
  });
}

/** What users are bucketed by: the `var` it reads, else the expression as JSON. */
function groupOf(bucketBy: unknown): string | undefined {
  if (bucketBy === undefined) return undefined;
  if (isObject(bucketBy) && typeof bucketBy.var === 'string') return bucketBy.var;
  if (isObject(bucketBy) && Array.isArray(bucketBy.var) && typeof bucketBy.var[0] === 'string')
    return bucketBy.var[0];
  return JSON.stringify(bucketBy);
}

/** The names of a boolean flag's on and off variants; undefined for other flags. */
export function booleanVariantNames(flag: FlagdFlag): { on: string; off: string } | undefined {
  const entries = Object.entries(variantsOf(flag));
  const on = entries.find(([, v]) => v === true)?.[0];
  const off = entries.find(([, v]) => v === false)?.[0];
  return on !== undefined && off !== undefined && entries.every(([, v]) => typeof v === 'boolean')
    ? { on, off }
    : undefined;
}

const percentOf = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 100));

export function toFlag(
  key: string,
  definitions: FlagdFile,
  where: { file: string; environment: string; asOf: string },
): Flag {
  const flag = definitions.flags[key]!;
  const values = variantsOf(flag);
  const evaluators = definitions.$evaluators ?? {};
  const refs = referencedEvaluators(flag.targeting, evaluators);
  const fractional = [
    ...findFractionalRules(flag.targeting),
    ...refs.flatMap((name) => findFractionalRules(evaluators[name])),
  ];
  const boolean = booleanVariantNames(flag);
  const strategies: FlagStrategy[] = fractional.map((rule) => {
    const total = rule.buckets.reduce((sum, b) => sum + b.weight, 0);
    const onWeight = rule.buckets
      .filter((b) => boolean !== undefined && values[b.variant] === true)
      .reduce((sum, b) => sum + b.weight, 0);
    const groupId = groupOf(rule.bucketBy);
    return {
      name: 'fractional',
      ...(boolean ? { rolloutPercent: percentOf(onWeight, total) } : {}),
      ...(groupId === undefined ? {} : { groupId }),
      constraints: [],
    };
  });
  if (strategies.length === 0 && flag.targeting && Object.keys(flag.targeting).length > 0)
    strategies.push({ name: 'targeting', constraints: [] });
  // Variant shares: from the first fractional rule, else everyone gets the default variant.
  const rule = fractional[0];
  const total = rule?.buckets.reduce((sum, b) => sum + b.weight, 0) ?? 0;
  const variants: FlagVariant[] = Object.entries(values).map(([name, value]) => ({
    name,
    weightPercent: rule
      ? percentOf(
          rule.buckets.filter((b) => b.variant === name).reduce((sum, b) => sum + b.weight, 0),
          total,
        )
      : name === flag.defaultVariant
        ? 100
        : 0,
    payload: { type: typeof value === 'object' ? 'json' : typeof value, value: JSON.stringify(value) },
  }));
  const meta = flag.metadata ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const owner = text(meta.owner);
  const description = text(meta.description);
  const services = text(meta.services)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The version is the flag's own definition and the shared rules it uses: an edit to another
  // flag in the same file does not invalidate what a person decided about this one.
  const version = createHash('sha256')
    .update(JSON.stringify([key, flag, refs.map((name) => [name, evaluators[name]])]))
    .digest('hex')
    .slice(0, 16);
  return {
    key,
    project: where.file,
    environment: where.environment,
    enabled: flag.state === 'ENABLED',
    strategies,
    variants,
    ...(owner ? { owner } : {}),
    ...(description ? { description } : {}),
    services: services ?? [],
    version,
    asOf: where.asOf,
  };
}
