// What every benchmark module reports. Benchmarks report numbers; they never pass or fail on time.
export interface BenchResult {
  /** Stable identifier, e.g. "audit.verify.100k". */
  name: string;
  description: string;
  value: number;
  unit: string;
  /** The figure the issue names, e.g. "< 2000 ms"; shown beside the measurement. */
  target?: string;
  /** Whether value meets target, when there is one. */
  meetsTarget?: boolean;
}
