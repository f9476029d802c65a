// config.yaml read for an edit from the app (Settings' connections and freeze windows): parsed with
// its comments kept, refused with file:line when a person must mend it first, so nothing is written.
import fs from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { ApiError } from '../api/api-error';
import { AliasBudgetExceeded, toJsWithinAliasBudget } from './yaml-alias-budget';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface EditableConfigDocument {
  doc: Document;
  /** The file as it was read; undefined when there was none. */
  before: string | undefined;
}

export function readEditableConfig(path: string): EditableConfigDocument {
  let text: string | undefined;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ApiError('backend-error', `${path} cannot be read: ${errorText(error)}`);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text ?? '', { uniqueKeys: true, lineCounter: counter });
  const [first] = doc.errors;
  if (first)
    throw new ApiError(
      'precondition-failed',
      `${path}:${counter.linePos(first.pos[0]).line}: ${first.message.split('\n')[0]}. Mend config.yaml by hand first; nothing was written.`,
    );
  if (doc.contents !== null && !isMap(doc.contents))
    throw new ApiError('precondition-failed', `${path} is not a mapping of settings; nothing was written.`);
  return { doc, before: text };
}

/** The document as plain values, refusing alias bombs (a person's file, read in the app's process). */
export function editableConfigValue(path: string, doc: Document): Record<string, unknown> {
  try {
    return (toJsWithinAliasBudget(doc) ?? {}) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof AliasBudgetExceeded)
      throw new ApiError('precondition-failed', `${path}: ${error.message}; nothing was written.`);
    throw error;
  }
}
