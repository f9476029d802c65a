// Loaded with `node --import tsx --import <this file> out/main/index.js`: every import of 'electron'
// resolves to the stand-in, so the built main runs as it is, and the test can drive it.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import './drive-main';

const standIn = pathToFileURL(join(import.meta.dirname, 'electron.ts')).href;
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(standIn)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
