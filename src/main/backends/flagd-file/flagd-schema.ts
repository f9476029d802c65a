// The flagd flag-definition format (flagd.dev/reference/flag-definitions, schema flagd.dev/schema/v0):
// flags with a state, typed variants, a default variant, JsonLogic targeting and shared $evaluators.
// Strict where the published schema is (variant and metadata values, the operators of a rule).
import { z } from 'zod';

const metadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const variantKey = z.string().min(1, 'a variant needs a name');

const variants = z.union(
  [
    z.record(variantKey, z.boolean()),
    z.record(variantKey, z.string()),
    z.record(variantKey, z.number()),
    z.record(variantKey, z.record(z.string(), z.unknown())),
  ],
  { error: 'variants must all be booleans, all strings, all numbers or all objects' },
);

/** The JsonLogic operators flagd's targeting schema names, and flagd's own (fractional, sem_ver...). */
export const TARGETING_OPERATORS = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '%',
  '+',
  '*',
  '-',
  '!',
  '!!',
  'max',
  'min',
  'or',
  'and',
  'map',
  'reduce',
  'filter',
  'all',
  'none',
  'some',
  'in',
  'substr',
  'merge',
  'cat',
  'starts_with',
  'ends_with',
  'sem_ver',
  'fractional',
  '$ref',
]);

const targeting = z.record(z.string(), z.unknown());

export const flagdFlagSchema = z.looseObject({
  state: z.enum(['ENABLED', 'DISABLED'], { error: 'state must be "ENABLED" or "DISABLED"' }),
  variants: variants.optional(),
  defaultVariant: z.string().nullable().optional(),
  targeting: targeting.optional(),
  metadata: metadata.optional(),
});

export const flagdFileSchema = z.looseObject({
  flags: z.record(z.string().min(1, 'a flag needs a key'), flagdFlagSchema),
  $evaluators: z.record(z.string().min(1), targeting).optional(),
  metadata: metadata.optional(),
});

export type FlagdFlag = z.output<typeof flagdFlagSchema>;
export type FlagdFile = z.output<typeof flagdFileSchema>;
export type FlagdVariantValue = boolean | string | number | Record<string, unknown>;

/** A flag's variants; flagd gives a boolean flag without variants `true`/`false`. */
export function variantsOf(flag: FlagdFlag): Record<string, FlagdVariantValue> {
  return flag.variants ?? { true: true, false: false };
}
