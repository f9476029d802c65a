// Changes to a flagd file as splices of its text: only the value that changes is rewritten, so the
// file's key order, indentation, other flags and trailing newline stay byte-for-byte as they were.
import { booleanVariantNames, findFractionalRules } from './flagd-flag-mapping';
import type { FlagdFile } from './flagd-schema';
import { nodeAt, type JsonNode } from './json-source-map';

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The edit cannot be made in place; the message says why and what a person can do. */
export class FlagdEditRefused extends Error {}

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start))
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function flagNode(root: JsonNode, key: string): Extract<JsonNode, { kind: 'object' }> {
  const node = nodeAt(root, ['flags', key]);
  if (node?.kind !== 'object') throw new FlagdEditRefused(`flag ${key} is not in the file`);
  return node;
}

/** Sets the flag's `state`, which the schema requires, so it is always there to replace. */
export function setStateEdit(
  text: string,
  root: JsonNode,
  key: string,
  state: 'ENABLED' | 'DISABLED',
): string {
  const node = nodeAt(flagNode(root, key), ['state']);
  if (!node) throw new FlagdEditRefused(`flag ${key} has no state`);
  return applySplices(text, [{ start: node.start, end: node.end, text: JSON.stringify(state) }]);
}

/** The whitespace that stands before an object's keys, for a key added after the last one. */
function entrySeparator(text: string, obj: Extract<JsonNode, { kind: 'object' }>): string {
  const entries = obj.entries;
  const last = entries.at(-1)!;
  const before = entries.length > 1 ? entries.at(-2)!.value.end : obj.start + 1;
  return (
    text
      .slice(before, last.keyStart)
      .replace(/^,/, '')
      .replace(/^[^\s]*/, '') || ' '
  );
}

/**
 * Sets a boolean flag's share: the weights of its own `fractional` rule, or a new rule when its
 * targeting is absent or empty. Refused for rules shared through $evaluators (other flags use them)
 * and for targeting that is not a plain percentage (a person decides how to change it).
 */
export function setRolloutEdit(
  text: string,
  root: JsonNode,
  definitions: FlagdFile,
  key: string,
  percent: number,
  groupId?: string,
): string {
  const flag = definitions.flags[key]!;
  const names = booleanVariantNames(flag);
  if (!names)
    throw new FlagdEditRefused(
      `flag ${key} is not a boolean flag (variants ${Object.keys(flag.variants ?? {}).join(', ')}): its shares are edited by hand`,
    );
  const obj = flagNode(root, key);
  const bucketBy = groupId === undefined ? '' : `{ "var": ${JSON.stringify(groupId)} }, `;
  const fresh = `{ "fractional": [${bucketBy}[${JSON.stringify(names.on)}, ${percent}], [${JSON.stringify(names.off)}, ${100 - percent}]] }`;
  const targeting = nodeAt(obj, ['targeting']);
  if (!flag.targeting || Object.keys(flag.targeting).length === 0) {
    if (targeting) return applySplices(text, [{ start: targeting.start, end: targeting.end, text: fresh }]);
    const last = obj.entries.at(-1)!;
    const insert = `,${entrySeparator(text, obj)}"targeting": ${fresh}`;
    return applySplices(text, [{ start: last.value.end, end: last.value.end, text: insert }]);
  }
  const rules = findFractionalRules(flag.targeting);
  if (rules.length !== 1)
    throw new FlagdEditRefused(
      rules.length === 0
        ? `flag ${key} has targeting rules that are not a percentage rollout (or use a shared $evaluators rule): edit its share by hand`
        : `flag ${key} has ${rules.length} fractional rules: edit its shares by hand`,
    );
  const rule = rules[0]!;
  const args = nodeAt(targeting!, rule.path);
  if (args?.kind !== 'array') throw new FlagdEditRefused(`flag ${key}: its fractional rule is not a list`);
  const onVariants = rule.buckets.filter((b) => b.variant === names.on).length;
  const offVariants = rule.buckets.filter((b) => b.variant === names.off).length;
  if (onVariants !== 1 || offVariants !== 1 || rule.buckets.length !== 2)
    throw new FlagdEditRefused(
      `flag ${key}: its fractional rule does not split between one "${names.on}" and one "${names.off}" bucket: edit it by hand`,
    );
  const splices: Splice[] = [];
  const firstBucket = rule.bucketBy === undefined ? 0 : 1;
  rule.buckets.forEach((bucket, i) => {
    const node = args.items[i + firstBucket];
    if (node?.kind !== 'array') return;
    const weight = bucket.variant === names.on ? percent : 100 - percent;
    const weightNode = node.items[1];
    if (weightNode) splices.push({ start: weightNode.start, end: weightNode.end, text: String(weight) });
    else
      splices.push({
        start: node.start,
        end: node.end,
        text: `[${JSON.stringify(bucket.variant)}, ${weight}]`,
      });
  });
  if (groupId !== undefined) {
    const group = `{ "var": ${JSON.stringify(groupId)} }`;
    const first = args.items[0]!;
    if (rule.bucketBy !== undefined) splices.push({ start: first.start, end: first.end, text: group });
    else splices.push({ start: first.start, end: first.start, text: `${group}, ` });
  }
  return applySplices(text, splices);
}
