// `control-room judge` as a pipeline runs it: a child process, JSON in, report JSON out, and the
// verdict in the exit code (0 pass, 1 marginal, 2 fail, 3 bad input).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { BUILT_CLI } from './support/served-control-room';
import type { JudgeInput, JudgeReport } from '../src/shared/canary';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const dir = mkdtempSync(join(tmpdir(), 'judge-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function judgeCli(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [BUILT_CLI, 'judge', ...args], {
    cwd: root,
    encoding: 'utf8',
    input: stdin,
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function inputFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const around = (centre: number) => [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6].map((d) => centre + d * 0.25);

function canary(p99: number, errors: number): JudgeInput {
  return {
    confidenceLevel: 0.95,
    thresholds: { pass: 95, marginal: 75 },
    groups: { latency: 20, errors: 80 },
    metrics: [
      {
        name: 'p99',
        label: 'p99 latency',
        unit: 'ms',
        group: 'latency',
        direction: 'increase',
        allowedIncrease: 1.1,
        baseline: around(100),
        canary: around(p99),
      },
      {
        name: 'errors',
        label: 'error rate',
        group: 'errors',
        direction: 'increase',
        allowedIncrease: 1.5,
        baseline: [...around(10), null],
        canary: around(errors),
      },
    ],
  };
}

describe('control-room judge', () => {
  it('prints the report and exits 0 for a passing canary', () => {
    const result = judgeCli(['--input', inputFile('pass.json', JSON.stringify(canary(100.1, 10)))]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as JudgeReport;
    expect(report).toMatchObject({ score: 100, verdict: 'pass' });
    expect(report.metrics[0]).toMatchObject({
      name: 'p99',
      classification: 'pass',
      method: 'exact',
      baselineStats: { count: 12, removed: 0 },
    });
    expect(report.metrics[1]?.baselineStats).toMatchObject({ count: 12, removed: 1 });
    for (const m of report.metrics) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining([
          'name',
          'classification',
          'pValue',
          'estimate',
          'confidenceInterval',
          'effectSize',
          'baselineStats',
          'canaryStats',
          'reason',
        ]),
      );
    }
  });

  it('exits 1 for a marginal canary and 2 for a failing one, reading standard input with -', () => {
    const marginal = judgeCli(['--input', '-'], JSON.stringify(canary(118, 10)));
    expect(marginal.code).toBe(1);
    const report = JSON.parse(marginal.out) as JudgeReport;
    expect(report).toMatchObject({ score: 80, verdict: 'marginal' });
    expect(report.metrics[0]?.reason).toMatch(
      /^p99 latency \+18% \(CI \+\d+%\.\.\+\d+%\), above the allowed \+10%$/,
    );

    const failing = judgeCli(['--input', '-'], JSON.stringify(canary(100, 40)));
    expect(failing.code).toBe(2);
    expect(JSON.parse(failing.out)).toMatchObject({ score: 20, verdict: 'fail' });
  });

  it('exits 3 naming the field of a schema error', () => {
    const input = {
      metrics: [
        canary(100, 10).metrics[0],
        canary(100, 10).metrics[1],
        { name: 'x', baseline: 'none', canary: [1] },
      ],
    };
    const result = judgeCli(['--input', inputFile('bad-field.json', JSON.stringify(input))]);
    expect(result.code).toBe(3);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/metrics\.2\.baseline: .*expected array/);
  });

  it('exits 3 with the line and column of a JSON syntax error', () => {
    const result = judgeCli(
      ['--input', '-'],
      '{\n  "metrics": [\n    {"name": "x", "baseline": [1, 2], "canary": [1,]}\n  ]\n}',
    );
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/<stdin>:3:52: not valid JSON: Unexpected token '\]'/);
    const truncated = judgeCli(['--input', '-'], '{"metrics": [');
    expect(truncated.err).toMatch(/<stdin>:1:14: not valid JSON/);
  });

  it('exits 3 for a missing file, a missing --input and an unknown option', () => {
    expect(judgeCli(['--input', join(dir, 'absent.json')])).toMatchObject({
      code: 3,
      err: expect.stringMatching(/cannot read --input .*absent\.json/),
    });
    expect(judgeCli([])).toMatchObject({ code: 3, err: expect.stringMatching(/judge needs --input FILE/) });
    expect(judgeCli(['--input', '-', '--bogus'], '{}')).toMatchObject({
      code: 3,
      err: expect.stringMatching(/unknown option '--bogus'/),
    });
  });
});
