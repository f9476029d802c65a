// The exact null distribution of the Mann-Whitney statistic W for samples of m and n without ties,
// and its CDF and quantile with R's pwilcox/qwilcox conventions (used only while both samples are
// under 50, as R's wilcox.test does).

const cache = new Map<string, Float64Array>();

/** counts[k] = number of orderings of m x's among n y's whose W equals k (k = 0..m*n). */
export function wilcoxCounts(m: number, n: number): Float64Array {
  const key = m <= n ? `${m},${n}` : `${n},${m}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const small = Math.min(m, n);
  const total = m + n;
  const maxSum = small * total;
  // ways[j][s]: subsets of size j of the ranks seen so far whose rank sum is s.
  const ways = Array.from({ length: small + 1 }, () => new Float64Array(maxSum + 1));
  (ways[0] as Float64Array)[0] = 1;
  for (let rank = 1; rank <= total; rank++) {
    for (let j = Math.min(small, rank); j >= 1; j--) {
      const into = ways[j] as Float64Array;
      const from = ways[j - 1] as Float64Array;
      for (let s = maxSum; s >= rank; s--) into[s] = (into[s] as number) + (from[s - rank] as number);
    }
  }
  const offset = (small * (small + 1)) / 2;
  const counts = (ways[small] as Float64Array).slice(offset, offset + m * n + 1);
  cache.set(key, counts);
  return counts;
}

const totals = new WeakMap<Float64Array, number>();

/** All orderings: the same sum every time for one table, so it is added up once. */
function totalCount(counts: Float64Array): number {
  const known = totals.get(counts);
  if (known !== undefined) return known;
  let sum = 0;
  for (const c of counts) sum += c;
  totals.set(counts, sum);
  return sum;
}

/** P(W <= q), or P(W > q) when `lowerTail` is false; sums over the shorter tail, as R does. */
export function wilcoxCdf(q: number, m: number, n: number, lowerTail = true): number {
  const k = Math.floor(q + 1e-7);
  if (k < 0) return lowerTail ? 0 : 1;
  if (k >= m * n) return lowerTail ? 1 : 0;
  const counts = wilcoxCounts(m, n);
  const c = totalCount(counts);
  let p = 0;
  let tail = lowerTail;
  if (k <= (m * n) / 2) {
    for (let i = 0; i <= k; i++) p += (counts[i] as number) / c;
  } else {
    for (let i = 0; i < m * n - k; i++) p += (counts[i] as number) / c;
    tail = !tail;
  }
  return tail ? p : 0.5 - p + 0.5;
}

/** The smallest q with P(W <= q) >= p, with R's guard against rounding at the boundary. */
export function wilcoxQuantile(p: number, m: number, n: number): number {
  const counts = wilcoxCounts(m, n);
  const c = totalCount(counts);
  let cumulative = 0;
  let q = 0;
  if (p <= 0.5) {
    const target = p - 10 * Number.EPSILON;
    for (;;) {
      cumulative += (counts[q] as number) / c;
      if (cumulative >= target) return q;
      q++;
    }
  }
  const target = 1 - p + 10 * Number.EPSILON;
  for (;;) {
    cumulative += (counts[q] as number) / c;
    if (cumulative > target) return m * n - q;
    q++;
  }
}
