// YAML + zod validation with errors that name file:line and the field, shared by every YAML the
// product reads (config, demo fleet, later migration plans and drill scenarios).
import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { AliasBudgetExceeded, MAX_ALIAS_COUNT, toJsWithinAliasBudget } from './yaml-alias-budget';
import { unreadableFileProblem } from './unreadable-file-problem';

export class YamlFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
    headline = 'is not valid',
  ) {
    super(`${file} ${headline}:\n  ${problems.join('\n  ')}`);
    this.name = 'YamlFileError';
  }
}

/** The line of `key` inside the mapping at `path`: where an unknown key actually stands. */
function lineOfKey(
  doc: Document,
  counter: LineCounter,
  path: readonly PropertyKey[],
  key: string,
): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) && pair.key.range ? counter.linePos(pair.key.range[0]).line : undefined;
}

function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // Walk up the path until a node exists: a missing key is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function toJs(doc: Document, counter: LineCounter, file: string): unknown {
  try {
    return toJsWithinAliasBudget(doc);
  } catch (error) {
    if (!(error instanceof AliasBudgetExceeded)) throw error;
    const key = error.path.at(-1);
    const line =
      (typeof key === 'string' ? lineOfKey(doc, counter, error.path.slice(0, -1), key) : undefined) ??
      (error.node?.range ? counter.linePos(error.node.range[0]).line : undefined);
    const field = error.path.length > 0 ? error.path.join('.') : '(top level)';
    throw new YamlFileError(file, [
      `${file}${line === undefined ? '' : `:${line}`}: ${field}: YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions): refused as a possible "billion laughs" document`,
    ]);
  }
}

export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new YamlFileError(
      file,
      doc.errors.map((e) => `${file}:${counter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    );
  }
  const result = schema.safeParse(toJs(doc, counter, file) ?? {});
  if (result.success) return result.data;
  throw new YamlFileError(
    file,
    result.error.issues.map((issue) => {
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const line =
        (unknownKey !== undefined ? lineOfKey(doc, counter, issue.path, unknownKey) : undefined) ??
        lineOf(doc, counter, issue.path);
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `${file}${line === undefined ? '' : `:${line}`}: ${field}: ${issue.message}`;
    }),
  );
}

export function parseYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const problem = unreadableFileProblem(file);
  if (problem) throw new YamlFileError(file, [`${file}: ${problem}`], 'cannot be read');
  return parseYamlText(readFileSync(file, 'utf8'), file, schema);
}
