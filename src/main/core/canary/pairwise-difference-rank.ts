// The k-th smallest of all pairwise differences x_i - y_j without building the n*m table.
// Counting the differences at or below a value takes one merge pass (O(n + m)) because the
// differences are sorted along rows and columns; interpolation on those counts, with bisection as
// a safeguard, closes in on the k-th value in a few passes, and the last few thousand candidates
// are sorted directly. O(n + m) memory; the answer is the exact k-th value.

const MATERIALIZE_BELOW = 2048;
const MAX_PASSES = 80;
const SAMPLE_SIZE = 2048;
/** Rank-fraction margin that brackets a sample quantile's true rank with high probability. */
const SAMPLE_MARGIN = 4 / Math.sqrt(SAMPLE_SIZE);

export interface Probe {
  value: number;
  /** Differences at or below `value`. */
  count: number;
  /** The smallest difference above `value` (+Infinity if none). */
  above: number;
  /** The largest difference at or below `value` (-Infinity if none). */
  atOrBelow: number;
}

export class PairwiseDifferences {
  private readonly n: number;
  private readonly m: number;

  /** `xs` and `ys` sorted ascending. */
  constructor(
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
  ) {
    this.n = xs.length;
    this.m = ys.length;
  }

  get count(): number {
    return this.n * this.m;
  }

  /**
   * How many differences are <= v, and the nearest differences on either side of v. One
   * branch-free merge: which pointer moves is data-dependent and would defeat branch prediction.
   * Row i's differences <= v are a suffix of its columns that only shrinks as x grows.
   */
  probe(v: number): Probe {
    const { xs, ys, n, m } = this;
    let i = 0;
    let j = 0;
    let count = 0;
    let above = Number.POSITIVE_INFINITY;
    let atOrBelow = Number.NEGATIVE_INFINITY;
    while (i < n && j < m) {
      const d = (xs[i] as number) - (ys[j] as number);
      const yMoves = (d > v ? 1 : 0) | 0;
      above = yMoves === 1 && d < above ? d : above;
      atOrBelow = yMoves === 0 && d > atOrBelow ? d : atOrBelow;
      j += yMoves;
      count += (1 - yMoves) * (m - j);
      i += 1 - yMoves;
    }
    return { value: v, count, above, atOrBelow };
  }

  private sample: Float64Array | undefined;

  /** A quantile of a fixed pseudo-random sample of the differences: a first guess that saves passes. */
  private sampleQuantile(fraction: number): number {
    if (!this.sample) {
      const { xs, ys, n, m } = this;
      const sample = new Float64Array(SAMPLE_SIZE);
      let state = 0x2545f491;
      for (let s = 0; s < SAMPLE_SIZE; s++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const i = state % n;
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        sample[s] = (xs[i] as number) - (ys[state % m] as number);
      }
      this.sample = sample.sort();
    }
    const at = Math.min(SAMPLE_SIZE - 1, Math.max(0, Math.floor(fraction * SAMPLE_SIZE)));
    return this.sample[at] as number;
  }

  /** Probes made so far: later ranks start from the narrowest bracket already known. */
  private readonly seen: Probe[] = [];

  private observe(value: number): Probe {
    const probe = this.probe(value);
    this.seen.push(probe);
    return probe;
  }

  /** The k-th smallest difference, k from 0. */
  kth(k: number): number {
    const { xs, ys, n, m } = this;
    if (k < 0 || k >= n * m) throw new RangeError(`rank ${k} outside 0..${n * m - 1}`);
    const smallest = (xs[0] as number) - (ys[m - 1] as number);
    if (this.seen.length === 0) {
      this.observe(smallest);
      const largest = (xs[n - 1] as number) - (ys[0] as number);
      this.seen.push({ value: largest, count: n * m, above: Number.POSITIVE_INFINITY, atOrBelow: largest });
    }
    // Invariant: count(lo) <= k < count(hi); the answer is a difference in (lo, hi].
    let lo: Probe | undefined;
    let hi: Probe | undefined;
    for (const o of this.seen) {
      if (o.count <= k && (!lo || o.value > lo.value)) lo = o;
      if (o.count > k && (!hi || o.value < hi.value)) hi = o;
    }
    if (!hi) throw new Error('no probe above the rank: the largest difference must be one');
    if (!lo) return smallest; // the smallest difference already has more than k at or below it
    let lastCount = 0;
    let stalled = 0;
    for (let pass = 0; pass < MAX_PASSES && hi.count - lo.count > MATERIALIZE_BELOW; pass++) {
      // Every difference in (lo, hi] is the same value (ties): that is the answer.
      if (lo.above === hi.atOrBelow) return hi.atOrBelow;
      const fraction = (k + 0.5 - lo.count) / (hi.count - lo.count);
      const target = (k + 0.5) / (n * m);
      let guess: number;
      if (pass === 0 && hi.count - lo.count > n * m * SAMPLE_MARGIN) {
        guess = this.sampleQuantile(target); // the sample's quantile: usually close
      } else if (pass === 1 && hi.count - lo.count > n * m * SAMPLE_MARGIN) {
        // Step past the target by the sample's margin of error to bracket it tightly.
        guess = this.sampleQuantile(lastCount > k ? target - SAMPLE_MARGIN : target + SAMPLE_MARGIN);
      } else if (stalled >= 2) {
        guess = lo.value + (hi.value - lo.value) / 2; // interpolation is not closing in: bisect
        stalled = 0;
      } else {
        // Aim a little past the target, away from the end that moved last, so both ends close in
        // (plain interpolation keeps landing on one side and leaves the other end where it was).
        const span = hi.count - lo.count;
        const slack = Math.max(MATERIALIZE_BELOW / 4, span / 1024) / span;
        const aim = lastCount > k ? fraction - slack : fraction + slack;
        guess = lo.value + (hi.value - lo.value) * Math.min(1, Math.max(0, aim));
      }
      if (!(guess > lo.value && guess < hi.value)) {
        if (pass < 2) continue; // a sample guess outside the bracket: fall through to interpolation
        guess = lo.value + (hi.value - lo.value) / 2;
        if (!(guess > lo.value && guess < hi.value)) break; // no representable value left in between
      }
      const spanBefore = hi.count - lo.count;
      const probe = this.observe(guess);
      lastCount = probe.count;
      if (probe.count > k) hi = probe;
      else lo = probe;
      stalled = hi.count - lo.count > spanBefore / 2 ? stalled + 1 : 0;
    }
    if (lo.above === hi.atOrBelow) return hi.atOrBelow;
    return this.selectBetween(lo.value, hi.value, hi.count - lo.count, k - lo.count);
  }

  /** Sorts the differences in (lo, hi] and picks the one at `index` among them. */
  private selectBetween(lo: number, hi: number, size: number, index: number): number {
    const { xs, ys, n, m } = this;
    const values = new Float64Array(size);
    let filled = 0;
    let first = 0; // first j with x - y_j <= hi
    let end = 0; // first j with x - y_j <= lo
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number;
      while (first < m && x - (ys[first] as number) > hi) first++;
      while (end < m && x - (ys[end] as number) > lo) end++;
      for (let j = first; j < end; j++) values[filled++] = x - (ys[j] as number);
    }
    values.sort();
    return values[index] as number;
  }
}
