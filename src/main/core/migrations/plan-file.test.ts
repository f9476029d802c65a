import { describe, expect, it } from 'vitest';
import { parseYamlText, YamlFileError } from '../config/parse-yaml-file';
import { planFileSchema } from './plan-file';

function problems(text: string): string[] {
  try {
    parseYamlText(text, 'plan.yaml', planFileSchema);
  } catch (error) {
    if (error instanceof YamlFileError) return error.problems;
    throw error;
  }
  return [];
}

const header = 'id: p\ntitle: T\ndatabase: orders\nchange: { table: orders }\n';

describe('migration plan files', () => {
  it('accepts a plan that omits phases it does not need', () => {
    expect(problems(`${header}phases:\n  P1: { items: [] }\n  P7: {}\n`)).toEqual([]);
  });

  it('reports malformed YAML with file and line', () => {
    expect(problems(`${header}phases:\n  P1: { items: [\n`)[0]).toMatch(/^plan\.yaml:\d+: /);
  });

  it('names an unknown phase at its line', () => {
    expect(problems(`${header}phases:\n  P1: {}\n  P8: {}\n`)).toEqual([
      'plan.yaml:7: phases: Unrecognized key: "P8"',
    ]);
  });

  it('names a template with a missing argument', () => {
    const text = `${header}phases:\n  P3:\n    items:\n      - { id: a, kind: sql, title: A, template: { name: rows-left, table: orders, column: x } }\n`;
    expect(problems(text)).toEqual([
      'plan.yaml:8: phases.P3.items.0.template.from: Invalid input: expected string, received undefined',
    ]);
  });

  it('asks for an expectation when a query has none', () => {
    const text = `${header}phases:\n  P3:\n    items:\n      - { id: b, kind: sql, title: B, query: SELECT 1 }\n`;
    expect(problems(text)).toEqual(['plan.yaml:8: phases.P3.items.0.expect: a query needs expect']);
  });

  it('rejects a current phase the plan does not have', () => {
    expect(problems(`${header}current: P5\nphases:\n  P1: {}\n`)[0]).toContain(
      'current: phase P5 is not in this plan (it has P1)',
    );
  });
});
