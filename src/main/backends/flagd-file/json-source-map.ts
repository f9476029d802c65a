// Where each value of a JSON text stands (offsets), so a schema error can name file:line and an
// edit can replace one value in place, leaving every other byte of a person's file as it was.

export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: JsonEntry[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number };

export interface JsonEntry {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export interface JsonSourceMap {
  root: JsonNode;
  /** Keys given twice in one object: JSON.parse keeps the last silently, a person meant one. */
  duplicates: { path: (string | number)[]; keyStart: number }[];
}

/** Maps a text that JSON.parse has already accepted; the walk trusts it is valid. */
export function mapJsonSource(text: string): JsonSourceMap {
  let i = 0;
  const duplicates: JsonSourceMap['duplicates'] = [];
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const stringEnd = (from: number): number => {
    let j = from + 1;
    while (text.charAt(j) !== '"') j += text.charAt(j) === '\\' ? 2 : 1;
    return j + 1;
  };
  const value = (path: (string | number)[]): JsonNode => {
    ws();
    const start = i;
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      const entries: JsonEntry[] = [];
      const seen = new Set<string>();
      ws();
      while (text.charAt(i) !== '}') {
        ws();
        const keyStart = i;
        i = stringEnd(i);
        const key = JSON.parse(text.slice(keyStart, i)) as string;
        if (seen.has(key)) duplicates.push({ path: [...path, key], keyStart });
        seen.add(key);
        ws();
        i++; // ':'
        const node = value([...path, key]);
        entries.push({ key, keyStart, value: node });
        ws();
        if (text.charAt(i) === ',') i++;
        ws();
      }
      i++;
      return { kind: 'object', start, end: i, entries };
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      while (text.charAt(i) !== ']') {
        items.push(value([...path, items.length]));
        ws();
        if (text.charAt(i) === ',') i++;
        ws();
      }
      i++;
      return { kind: 'array', start, end: i, items };
    }
    if (c === '"') i = stringEnd(i);
    else while (i < text.length && !',]} \t\n\r'.includes(text.charAt(i))) i++;
    return { kind: 'scalar', start, end: i };
  };
  const root = value([]);
  return { root, duplicates };
}

/** The node at `path`, or undefined when the path leaves the document. */
export function nodeAt(root: JsonNode, path: readonly PropertyKey[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const step of path) {
    if (node?.kind === 'object') node = node.entries.findLast((e) => e.key === String(step))?.value;
    else if (node?.kind === 'array' && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}

/** The deepest node that exists along `path`: a missing key is reported where its parent stands. */
export function nearestNodeAt(root: JsonNode, path: readonly PropertyKey[]): JsonNode {
  for (let depth = path.length; depth > 0; depth--) {
    const node = nodeAt(root, path.slice(0, depth));
    if (node) return node;
  }
  return root;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++)
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  return { line, column: offset - lineStart + 1 };
}
