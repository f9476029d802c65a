// A flagd flag-definition file read and checked, with errors a person can act on: a syntax error
// names file:line:column, a schema error names file:line and the JSON path of the bad value.
import { jsonErrorOffset } from '../../cli/json-error-position';
import { checkTargeting, type TargetingProblem } from './check-targeting';
import { flagdFileSchema, variantsOf, type FlagdFile } from './flagd-schema';
import { lineColumn, mapJsonSource, nearestNodeAt, type JsonSourceMap } from './json-source-map';

export class FlagdFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid flagd flag file:\n  ${problems.join('\n  ')}`);
    this.name = 'FlagdFileError';
  }
}

export interface ParsedFlagdFile {
  definitions: FlagdFile;
  source: JsonSourceMap;
}

const pathText = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '(top level)'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

/** Fractional buckets must name variants the flag has, and the default variant must be one. */
function variantProblems(definitions: FlagdFile): TargetingProblem[] {
  const problems: TargetingProblem[] = [];
  for (const [key, flag] of Object.entries(definitions.flags)) {
    const names = Object.keys(variantsOf(flag));
    if (typeof flag.defaultVariant === 'string' && !names.includes(flag.defaultVariant))
      problems.push({
        path: ['flags', key, 'defaultVariant'],
        message: `"${flag.defaultVariant}" is not one of the variants (${names.join(', ')})`,
      });
  }
  return problems;
}

export function parseFlagdText(text: string, file: string): ParsedFlagdFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const { line, column } = lineColumn(text, offset < 0 ? text.length : offset);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FlagdFileError(file, [`${file}:${line}:${column}: not valid JSON (${reason})`]);
  }
  const source = mapJsonSource(text);
  const at = (path: readonly PropertyKey[], message: string) =>
    `${file}:${lineColumn(text, nearestNodeAt(source.root, path).start).line}: ${pathText(path)}: ${message}`;
  const problems = source.duplicates.map(
    (d) => `${file}:${lineColumn(text, d.keyStart).line}: ${pathText(d.path)}: the key is given twice`,
  );
  const result = flagdFileSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(at(issue.path, issue.message));
    throw new FlagdFileError(file, problems);
  }
  const definitions = result.data;
  const evaluators = new Set(Object.keys(definitions.$evaluators ?? {}));
  const more = [
    ...variantProblems(definitions),
    ...Object.entries(definitions.flags).flatMap(([key, flag]) =>
      flag.targeting ? checkTargeting(flag.targeting, ['flags', key, 'targeting'], evaluators) : [],
    ),
    ...Object.entries(definitions.$evaluators ?? {}).flatMap(([name, rule]) =>
      checkTargeting(rule, ['$evaluators', name], evaluators),
    ),
  ];
  problems.push(...more.map((p) => at(p.path, p.message)));
  if (problems.length > 0) throw new FlagdFileError(file, problems);
  return { definitions, source };
}
