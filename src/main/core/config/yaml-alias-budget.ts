// YAML aliases let a few lines stand for an exponentially large value ("billion laughs"). The yaml
// library refuses to expand aliases past a budget (maxAliasCount); this finds the key whose value
// ran past it, so the error can say where.
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type Node } from 'yaml';

/** Alias expansions allowed per document: plenty for shared blocks (`errors: *base`), far below harm. */
export const MAX_ALIAS_COUNT = 100;

export class AliasBudgetExceeded extends Error {
  constructor(
    readonly path: Array<string | number>,
    readonly node: Node | undefined,
  ) {
    super(`YAML aliases expand more than ${MAX_ALIAS_COUNT} times`);
    this.name = 'AliasBudgetExceeded';
  }
}

const isBudgetError = (error: unknown): boolean =>
  error instanceof ReferenceError && /Excessive alias count/.test(error.message);

function exceeds(doc: Document, node: Node): boolean {
  try {
    node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    return false;
  } catch (error) {
    if (isBudgetError(error)) return true;
    throw error;
  }
}

/** Where to look further. An alias in a list is blamed on the list: its index says less than a key. */
function children(node: Node): Array<[string | number, Node]> {
  if (isMap(node))
    return node.items.flatMap(({ key, value }) =>
      isNode(value) ? [[isScalar(key) ? String(key.value) : String(key), value] as [string, Node]] : [],
    );
  if (isSeq(node))
    return node.items.flatMap((item, i) =>
      isNode(item) && !isAlias(item) ? [[i, item] as [number, Node]] : [],
    );
  return [];
}

/** The deepest value that alone runs past the budget (or `node` when only its parts together do). */
function blame(doc: Document, node: Node, path: Array<string | number>): AliasBudgetExceeded {
  for (const [key, child] of children(node))
    if (exceeds(doc, child)) return blame(doc, child, [...path, key]);
  return new AliasBudgetExceeded(path, node);
}

/** The document as plain data, or AliasBudgetExceeded naming where aliases expand too far. */
export function toJsWithinAliasBudget(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!isBudgetError(error)) throw error;
    throw doc.contents ? blame(doc, doc.contents, []) : new AliasBudgetExceeded([], undefined);
  }
}
