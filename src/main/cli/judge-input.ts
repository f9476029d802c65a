// Reads the judge's JSON input and says exactly what is wrong with bad input: the JSON syntax
// error with its line and column, or every schema problem with the path of the field.
import { judgeInputSchema, type ParsedJudgeInput } from '../../shared/canary';
import { jsonErrorOffset } from './json-error-position';

export class JudgeInputError extends Error {}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const { line, column } = lineColumn(text, offset < 0 ? text.length : offset);
    // V8 appends the position or an excerpt of the input; the line and column say it better.
    const what = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?"[\s\S]*$/, '');
    throw new JudgeInputError(`${source}:${line}:${column}: not valid JSON: ${what}`);
  }
}

export function parseJudgeInput(text: string, source: string): ParsedJudgeInput {
  const result = judgeInputSchema.safeParse(parseJson(text, source));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    // The only union in the schema is a sample; zod's bare "Invalid input" does not say what fits.
    const what = issue.code === 'invalid_union' ? 'expected a finite number or null' : issue.message;
    return `${where}: ${what}`;
  });
  throw new JudgeInputError(`${source} is not valid judge input:\n  ${problems.join('\n  ')}`);
}
