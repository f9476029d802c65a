// The canary judge on 100 metrics x (5,000 baseline + 5,000 canary) samples with confidence
// intervals, and where python3-scipy is installed, scipy.stats.mannwhitneyu on the same data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { judgeInputSchema } from '../src/shared/canary';
import { judge } from '../src/main/core/canary/judge';
import type { BenchResult } from './bench-result';

const METRICS = 100;
const SAMPLES = 5000;
const RUNS = 7;
const TARGET_MS = 200;

/** Deterministic data: latency-like (log-normal), rate-like and integer-millisecond metrics. */
function benchmarkData() {
  let state = 20261127;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return Array.from({ length: METRICS }, (_, i) => {
    const shift = 1 + (i % 10 === 0 ? 0.05 : 0);
    const draw = (scale: number) =>
      Array.from({ length: SAMPLES }, () => {
        const value = Math.exp(Math.log(100 * scale) + 0.25 * gauss());
        return i % 3 === 2 ? Math.round(value) : value;
      });
    return {
      name: `metric-${i}`,
      baseline: draw(1),
      canary: draw(shift),
      direction: 'increase' as const,
      allowedIncrease: 1.02,
    };
  });
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

export async function run(): Promise<BenchResult[]> {
  const metrics = benchmarkData();
  const input = judgeInputSchema.parse({ metrics });
  judge(input); // warm up the JIT
  const times: number[] = [];
  let report = judge(input);
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    report = judge(input);
    times.push(performance.now() - started);
  }
  const ours = median(times);
  const results: BenchResult[] = [
    {
      name: 'judge.100x5000',
      description: `Judge (Mann-Whitney with CI + classification + scoring), ${METRICS} metrics x (${SAMPLES}+${SAMPLES}) samples, median of ${RUNS}`,
      value: Number(ours.toFixed(1)),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      meetsTarget: ours < TARGET_MS,
    },
  ];

  const dir = mkdtempSync(join(tmpdir(), 'bench-judge-'));
  try {
    const file = join(dir, 'metrics.json');
    writeFileSync(
      file,
      JSON.stringify({ metrics: metrics.map(({ canary, baseline }) => ({ canary, baseline })) }),
    );
    const scipy = spawnSync('python3', [join(import.meta.dirname, 'scipy-mannwhitneyu.py'), file], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (scipy.status !== 0) {
      process.stderr.write(
        `scipy comparison skipped: ${scipy.stderr.split('\n').filter(Boolean).at(-1) ?? 'python3 failed'}\n`,
      );
      return results;
    }
    const theirs = JSON.parse(scipy.stdout) as { medianMs: number; pValues: number[] };
    const byName = new Map(report.metrics.map((m) => [m.name, m.pValue]));
    const worst = Math.max(
      ...metrics.map((m, i) => {
        const p = byName.get(m.name) ?? Number.NaN;
        const q = theirs.pValues[i] ?? Number.NaN;
        return q === 0 ? Math.abs(p) : Math.abs(p - q) / Math.abs(q);
      }),
    );
    results.push(
      {
        name: 'judge.vs-scipy.time-ratio',
        description: `Our judge (with CIs) time / scipy.stats.mannwhitneyu time (p-values only: ${theirs.medianMs.toFixed(1)} ms), same data, same run`,
        value: Number((ours / theirs.medianMs).toFixed(2)),
        unit: 'x',
      },
      {
        name: 'judge.vs-scipy.p-value-agreement',
        description:
          'Largest relative difference between our p-values and scipy mannwhitneyu (asymptotic, continuity-corrected)',
        value: Number(worst.toExponential(2)),
        unit: 'relative',
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
