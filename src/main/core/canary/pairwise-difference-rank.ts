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

  /** How many differences are <= v. Row i's qualifying y's are a suffix that only shrinks as x grows. */
  countAtOrBelow(v: number): number {
    // A branch-free merge: which of "next x" or "next y" moves is data-dependent and unpredictable.
    const { xs, ys, n, m } = this;
    let i = 0;
    let j = 0;
    let total = 0;
    while (i < n && j < m) {
      const yMoves = ((xs[i] as number) - (ys[j] as number) > v ? 1 : 0) | 0;
      j += yMoves;
      total += (1 - yMoves) * (m - j);
      i += 1 - yMoves;
    }
    return total;
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

  /** Counts seen so far, (value, count at or below), kept sorted by value: later ranks start narrow. */
  private readonly seen: { value: number; count: number }[] = [];

  private observe(value: number): number {
    const count = this.countAtOrBelow(value);
    let at = this.seen.findIndex((o) => o.value > value);
    if (at === -1) at = this.seen.length;
    this.seen.splice(at, 0, { value, count });
    return count;
  }

  /** The k-th smallest difference, k from 0. */
  kth(k: number): number {
    const { xs, ys, n, m } = this;
    if (k < 0 || k >= n * m) throw new RangeError(`rank ${k} outside 0..${n * m - 1}`);
    if (this.seen.length === 0) {
      this.observe((xs[0] as number) - (ys[m - 1] as number));
      this.seen.push({ value: (xs[n - 1] as number) - (ys[0] as number), count: n * m });
    }
    const first = this.seen[0] as { value: number; count: number };
    if (first.count > k) return first.value;
    // Invariant: countAtOrBelow(lo) <= k < countAtOrBelow(hi); the answer lies in (lo, hi].
    let lo = first;
    let hi = this.seen[this.seen.length - 1] as { value: number; count: number };
    for (const o of this.seen) {
      if (o.count <= k && o.value > lo.value) lo = o;
      if (o.count > k && o.value < hi.value) hi = o;
    }
    let lastCount = 0;
    let stalled = 0;
    for (let pass = 0; pass < MAX_PASSES && hi.count - lo.count > MATERIALIZE_BELOW; pass++) {
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
      const count = this.observe(guess);
      lastCount = count;
      if (count > k) hi = { value: guess, count };
      else lo = { value: guess, count };
      stalled = hi.count - lo.count > spanBefore / 2 ? stalled + 1 : 0;
    }
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
