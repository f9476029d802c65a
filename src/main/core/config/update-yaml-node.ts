// Makes a YAML node hold a new value while changing only what differs: maps and lists are updated
// key by key and item by item, and a scalar that changes keeps its node. So the comments a person
// wrote beside the keys that stay (and their quoting and flow style) survive an edit.
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns the node to keep at this place: `node` itself when it was updated in place, else a new
 * one (passed to `created` first, e.g. to choose its style).
 */
export function updateYamlNode(
  doc: Document,
  node: unknown,
  value: unknown,
  created: (node: Node) => void = () => {},
): Node {
  if (isPlainObject(value) && isMap(node)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (value[String(key)] === undefined) node.delete(key);
    }
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const existing = node.get(key, true);
      const next = updateYamlNode(doc, existing, v, created);
      if (next !== existing) node.set(key, next);
    }
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    value.forEach((v, i) => {
      const existing = node.items[i];
      const next = updateYamlNode(doc, existing, v, created);
      if (next !== existing) node.items[i] = next;
    });
    node.items.splice(value.length);
    return node;
  }
  if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value)) {
    if (node.value !== value) node.value = value;
    return node;
  }
  const fresh = doc.createNode(value) as Node;
  created(fresh);
  return fresh;
}
