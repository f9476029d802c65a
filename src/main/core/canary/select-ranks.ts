// Several order statistics of an array without sorting it: quickselect for the middle rank asked,
// then each side for the ranks below and above it. The exact test needs three or four ranks of its
// n*m pairwise differences per metric, and a full sort of them was most of a judge's time.

/** Rearranges `a[lo..hi]` so that a[k] holds the value a full sort would put there. */
function selectRank(a: Float64Array, k: number, lo: number, hi: number): void {
  let left = lo;
  let right = hi;
  while (right > left) {
    // Median of three as the pivot: sorted or reversed input stays linear.
    const mid = (left + right) >>> 1;
    const x = a[left] as number;
    const y = a[mid] as number;
    const z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[left..j] <= pivot <= a[i..right], and anything between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** Selects wanted[from..to] (ascending ranks) within a[lo..hi], middle rank first. */
function pick(a: Float64Array, wanted: number[], from: number, to: number, lo: number, hi: number): void {
  if (from > to) return;
  const middle = (from + to) >>> 1;
  const k = wanted[middle] as number;
  selectRank(a, k, lo, hi);
  // Every rank below k now lies in a[lo..k-1], every rank above in a[k+1..hi].
  pick(a, wanted, from, middle - 1, lo, k - 1);
  pick(a, wanted, middle + 1, to, k + 1, hi);
}

/**
 * The values at the given ranks (0-based) of `a` in ascending order, as `a.slice().sort()` would
 * give them (finite values; -0 and +0 may come out either way, they compare equal); undefined for
 * a rank outside the array, as indexing gives. Reorders `a`.
 */
export function valuesAtRanks(a: Float64Array, ranks: readonly number[]): number[] {
  const wanted = [...new Set(ranks)].filter((r) => r >= 0 && r < a.length).sort((p, q) => p - q);
  pick(a, wanted, 0, wanted.length - 1, 0, a.length - 1);
  return ranks.map((r) => a[r] as number);
}
