// The targeting rules of a flagd file, checked beyond what zod's shape says: every operator is one
// flagd knows, `if` has its three arguments, `fractional` buckets carry whole weights, and every
// `$ref` names an evaluator of the file, so a typo is refused before flagd would reject the file.
import { TARGETING_OPERATORS } from './flagd-schema';

export interface TargetingProblem {
  path: (string | number)[];
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkTargeting(
  rule: Record<string, unknown>,
  path: (string | number)[],
  evaluators: ReadonlySet<string>,
): TargetingProblem[] {
  const problems: TargetingProblem[] = [];
  if (Object.keys(rule).length === 0) return problems; // empty targeting: serve the default variant
  const arg = (value: unknown, at: (string | number)[]) => {
    if (Array.isArray(value)) value.forEach((item, i) => arg(item, [...at, i]));
    else if (isObject(value)) ruleAt(value, at);
  };
  const ruleAt = (value: Record<string, unknown>, at: (string | number)[]) => {
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      problems.push({ path: at, message: `a rule has exactly one operator, found ${keys.length}` });
      return;
    }
    const op = keys[0]!;
    const args = value[op];
    const here = [...at, op];
    if (!TARGETING_OPERATORS.has(op)) {
      problems.push({ path: here, message: `unknown operator "${op}"` });
      return;
    }
    if (op === '$ref') {
      if (typeof args !== 'string' || !evaluators.has(args))
        problems.push({ path: here, message: `names no evaluator in $evaluators: ${JSON.stringify(args)}` });
      return;
    }
    if (op === 'if' && (!Array.isArray(args) || args.length !== 3))
      problems.push({ path: here, message: 'if takes exactly three arguments: condition, then, else' });
    if (op === 'fractional') return checkFractional(args, here);
    arg(args, here);
  };
  const checkFractional = (args: unknown, at: (string | number)[]) => {
    if (!Array.isArray(args)) {
      problems.push({ path: at, message: 'fractional takes a list of [variant, weight] buckets' });
      return;
    }
    const buckets = Array.isArray(args[0]) ? args : args.slice(1);
    if (!Array.isArray(args[0])) arg(args[0], [...at, 0]);
    if (buckets.length === 0) problems.push({ path: at, message: 'fractional needs at least one bucket' });
    const offset = args.length - buckets.length;
    buckets.forEach((bucket, i) => {
      const where = [...at, i + offset];
      if (!Array.isArray(bucket) || bucket.length < 1 || bucket.length > 2 || typeof bucket[0] !== 'string')
        problems.push({ path: where, message: 'a bucket is [variant, weight]' });
      else if (bucket.length === 2 && !(Number.isInteger(bucket[1]) && (bucket[1] as number) >= 0))
        problems.push({ path: [...where, 1], message: 'a weight is a whole number, 0 or more' });
    });
  };
  ruleAt(rule, path);
  return problems;
}
