// The canary judge's input and report: what `control-room judge` reads and prints, and what the
// comparison view shows. Kayenta-style classification over a Mann-Whitney test (R's wilcox.test).
import { z } from 'zod';

export const METRIC_DIRECTIONS = ['increase', 'decrease', 'either'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export const CLASSIFICATIONS = ['pass', 'high', 'low', 'nodata', 'nodata-fail', 'error'] as const;
export type MetricClassification = (typeof CLASSIFICATIONS)[number];

export type Verdict = 'pass' | 'marginal' | 'fail';

/** JSON has no NaN: null stands for a missing or NaN sample. */
const sample = z.union([z.number(), z.null()]);

/** How one metric is judged. Ratios compare canary mean to baseline mean (1.1 = +10%). */
export const metricConfigSchema = z
  .object({
    /** Which way is bad: `increase` (latency, errors), `decrease` (throughput), or `either`. */
    direction: z.enum(METRIC_DIRECTIONS).default('either'),
    allowedIncrease: z.number().min(1).default(1),
    allowedDecrease: z.number().positive().max(1).default(1),
    /** An effect at least this large fails the whole canary, whatever the score. */
    criticalIncrease: z.number().min(1).optional(),
    criticalDecrease: z.number().positive().max(1).optional(),
    /** NaN samples: drop them, or count them as zero (Kayenta's replace). */
    nanStrategy: z.enum(['remove', 'replace']).default('remove'),
    outliers: z
      .object({ strategy: z.enum(['keep', 'remove']), factor: z.number().positive().default(3) })
      .strict()
      .default({ strategy: 'keep', factor: 3 }),
    /** A failing critical metric fails the canary. */
    critical: z.boolean().default(false),
    /** No data is a failure, not a shrug. */
    mustHaveData: z.boolean().default(false),
    group: z.string().min(1).default('default'),
    /** Weight within its group. */
    weight: z.number().positive().default(1),
    unit: z.string().optional(),
    /** Human label, e.g. "p99 latency". */
    label: z.string().optional(),
  })
  .strict();
export type MetricConfig = z.output<typeof metricConfigSchema>;

export const judgeMetricInputSchema = metricConfigSchema.extend({
  name: z.string().min(1),
  baseline: z.array(sample),
  canary: z.array(sample),
  /** The samples could not be read (metrics backend down, query refused): judged `error` with this reason. */
  unavailable: z.string().min(1).max(2000).optional(),
});

export const thresholdsSchema = z
  .object({ pass: z.number().min(0).max(100), marginal: z.number().min(0).max(100) })
  .strict()
  .refine((t) => t.marginal <= t.pass, { message: 'marginal must not exceed pass', path: ['marginal'] });

export const judgeInputSchema = z
  .object({
    confidenceLevel: z.number().gt(0).lt(1).default(0.95),
    thresholds: thresholdsSchema.default({ pass: 95, marginal: 75 }),
    metrics: z.array(judgeMetricInputSchema).min(1),
    /** Group weights for the summary score; groups not named weigh 1. */
    groups: z.record(z.string(), z.number().nonnegative()).default({}),
  })
  .strict();
export type JudgeInput = z.input<typeof judgeInputSchema>;
export type ParsedJudgeInput = z.output<typeof judgeInputSchema>;

export interface SampleStats {
  count: number;
  /** Samples dropped as NaN or outliers. */
  removed: number;
  mean: number | null;
  median: number | null;
  p25: number | null;
  p75: number | null;
  min: number | null;
  max: number | null;
}

export interface MetricBounds {
  allowedIncrease?: number;
  allowedDecrease?: number;
  criticalIncrease?: number;
  criticalDecrease?: number;
}

/** Where one side's samples came from: the query as the backend ran it, and what it gave. */
export interface MetricSource {
  /** The query as run, e.g. the PromQL with the side's selectors filled in. */
  query?: string;
  /** The same query in the backend's own UI (Prometheus's graph page), over the same window. */
  link?: string;
  /** Samples the backend returned (before NaN and outlier removal). */
  samples: number;
  /** Why this side could not be read; its samples are then none. */
  error?: string;
}

export interface MetricJudgement {
  name: string;
  label: string;
  group: string;
  direction: MetricDirection;
  critical: boolean;
  classification: MetricClassification;
  /** Two-sided Mann-Whitney p-value; null when no test could run. */
  pValue: number | null;
  /** Location shift canary minus baseline (Hodges-Lehmann, as R's wilcox.test), in the metric's unit. */
  estimate: number | null;
  confidenceInterval: [number, number] | null;
  /** Mean ratio canary / baseline. */
  effectSize: number | null;
  method: 'exact' | 'normal' | null;
  baselineStats: SampleStats;
  canaryStats: SampleStats;
  /** True when this metric alone failed the canary (critical metric or critical effect size). */
  failsCanary: boolean;
  /** One line a non-statistician can act on. */
  reason: string;
  unit?: string;
  /**
   * The allowances as mean ratios, for drawing them: a canary mean above the baseline mean times
   * allowedIncrease is high, past criticalIncrease it fails the canary (decrease likewise).
   */
  bounds?: MetricBounds;
  /** Per side, what was read from the metrics backend (absent for `control-room judge` input). */
  sources?: { baseline: MetricSource; canary: MetricSource };
}

export interface GroupScore {
  name: string;
  weight: number;
  /** 0-100, or null when every metric in it had no data. */
  score: number | null;
  metrics: string[];
}

export interface JudgeReport {
  score: number;
  verdict: Verdict;
  reason: string;
  confidenceLevel: number;
  thresholds: { pass: number; marginal: number };
  groups: GroupScore[];
  /** Failing first. */
  metrics: MetricJudgement[];
}
