// The two patch formats the Kubernetes API server applies to custom resources: JSON merge patch
// (RFC 7386) and JSON patch (RFC 6902, with RFC 6901 pointers). Both work on copies and leave the
// input untouched, so a failed patch changes nothing, as on the server.
import { isDeepStrictEqual } from 'node:util';

type Json = unknown;
type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386: objects merge key by key, `null` removes a key, anything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: JsonRecord = isRecord(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** A patch that is well formed but cannot be applied to this document (the server's 422). */
export class JsonPatchApplyError extends Error {}

/** A body that is not a JSON patch at all (the server's 400). */
export class JsonPatchDecodeError extends Error {}

export interface JsonPatchOperation {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/** Checks that `body` is a list of operations, each with an op and a path, as the server decodes it. */
export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body))
    throw new JsonPatchDecodeError(`a JSON patch is a list of operations, got ${typeof body}`);
  return body.map((item: unknown, index) => {
    if (!isRecord(item) || typeof item.op !== 'string' || typeof item.path !== 'string')
      throw new JsonPatchDecodeError(`operation ${index} needs a string "op" and a string "path"`);
    return item as unknown as JsonPatchOperation;
  });
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchApplyError(`"${pointer}" is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(array: unknown[], token: string, path: string, forInsert: boolean): number {
  if (forInsert && token === '-') return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token))
    throw new JsonPatchApplyError(`${path}: "${token}" is not an array index`);
  const index = Number(token);
  if (index > array.length || (!forInsert && index === array.length))
    throw new JsonPatchApplyError(`${path}: index ${index} is out of bounds`);
  return index;
}

/** The container holding the last token of `path`, which must exist. */
function parentOf(doc: Json, tokens: string[], path: string): Json {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, path, false)];
    else if (isRecord(node) && token in node) node = node[token];
    else throw new JsonPatchApplyError(`${path}: the document is missing the path`);
  }
  if (!Array.isArray(node) && !isRecord(node))
    throw new JsonPatchApplyError(`${path}: the parent is not an object or array`);
  return node;
}

function read(doc: Json, path: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, path, false)];
  if (isRecord(parent) && last in parent) return parent[last];
  throw new JsonPatchApplyError(`${path}: the document is missing the path`);
}

function write(doc: Json, path: string, value: Json, mode: 'add' | 'replace'): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, path, mode === 'add');
    parent.splice(index, mode === 'add' ? 0 : 1, value);
  } else if (isRecord(parent)) {
    if (mode === 'replace' && !(last in parent))
      throw new JsonPatchApplyError(`${path}: replace needs an existing value`);
    parent[last] = value;
  }
  return doc;
}

function remove(doc: Json, path: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new JsonPatchApplyError('the whole document cannot be removed');
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, path, false), 1);
  else if (isRecord(parent)) {
    if (!(last in parent)) throw new JsonPatchApplyError(`${path}: remove needs an existing value`);
    delete parent[last];
  }
  return doc;
}

/** RFC 6902 applied in order; the first operation that fails throws and nothing is changed. */
export function applyJsonPatch(target: Json, operations: JsonPatchOperation[]): Json {
  let doc = structuredClone(target);
  for (const op of operations) {
    switch (op.op) {
      case 'add':
        doc = write(doc, op.path, structuredClone(op.value), 'add');
        break;
      case 'replace':
        doc = write(doc, op.path, structuredClone(op.value), 'replace');
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'test':
        if (!isDeepStrictEqual(read(doc, op.path), op.value))
          throw new JsonPatchApplyError(`testing value ${op.path} failed`);
        break;
      case 'copy':
      case 'move': {
        if (typeof op.from !== 'string') throw new JsonPatchApplyError(`${op.op} ${op.path} needs "from"`);
        const value = structuredClone(read(doc, op.from));
        if (op.op === 'move') doc = remove(doc, op.from);
        doc = write(doc, op.path, value, 'add');
        break;
      }
      default:
        throw new JsonPatchApplyError(`unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
