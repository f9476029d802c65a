// The rank-sum statistic of x shifted by d against y, from pre-sorted samples in one merge pass:
// O(n + m) per evaluation instead of re-ranking, which is what makes root finding on large samples
// cheap. Ranks are mid-ranks for ties, exactly as R's rank(); sums of half-integers stay exact.

export interface RankSum {
  /** Sum of the ranks of the shifted x values in the combined sample. */
  rankSumX: number;
  /** Σ(t³ - t) over groups of tied values: the variance's tie correction. */
  tieTerm: number;
  /** Whether any two values in the combined sample are equal. */
  hasTies: boolean;
}

/** `xs` and `ys` sorted ascending; the x values are taken as x - shift. */
export function rankSumAt(xs: Float64Array, ys: Float64Array, shift: number): RankSum {
  const n = xs.length;
  const m = ys.length;
  let i = 0;
  let j = 0;
  let position = 0;
  let rankSumX = 0;
  let tieTerm = 0;
  while (i < n || j < m) {
    const xv = i < n ? (xs[i] as number) - shift : Number.POSITIVE_INFINITY;
    const yv = j < m ? (ys[j] as number) : Number.POSITIVE_INFINITY;
    const value = xv <= yv ? xv : yv;
    let fromX = 0;
    while (i < n && (xs[i] as number) - shift === value) {
      fromX++;
      i++;
    }
    let fromY = 0;
    while (j < m && ys[j] === value) {
      fromY++;
      j++;
    }
    const tied = fromX + fromY;
    // Ranks position+1 .. position+tied share their average.
    rankSumX += fromX * ((2 * position + tied + 1) / 2);
    tieTerm += tied * tied * tied - tied;
    position += tied;
  }
  return { rankSumX, tieTerm, hasTies: tieTerm > 0 };
}

/** Σ(t³ - t) over groups of equal values in one sorted sample. */
export function tieTermOf(sorted: Float64Array): number {
  let term = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      term += run * run * run - run;
      run = 1;
    }
  }
  return term;
}
