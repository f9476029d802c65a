// Sorted copies of samples, fast: an LSD radix sort on the IEEE-754 bit patterns (11 bits a pass)
// beats the comparison sort about threefold for the thousands of samples a canary judges.
// Finite numbers only; -0 sorts just before +0, which compare equal anyway.

const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;
const MASK = BUCKETS - 1;
const SMALL = 512;

export function sortedCopy(values: readonly number[]): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values);
  if (n < SMALL) return out.sort();
  // Map each double to an unsigned 64-bit key (hi, lo) whose integer order is the numeric order.
  const words = new Uint32Array(out.buffer);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1] as number;
    const l = words[2 * i] as number;
    const negative = h >>> 31 === 1;
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = negative ? ~l >>> 0 : l;
  }
  let hiTmp = new Uint32Array(n);
  let loTmp = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  // 64 bits in six passes: three over the low word's bits 0-32, three over the high word's.
  for (let pass = 0; pass < 6; pass++) {
    const fromHigh = pass >= 3;
    const shift = (pass % 3) * RADIX_BITS;
    const keys = fromHigh ? hi : lo;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const bucket = ((keys[i] as number) >>> shift) & MASK;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b] as number;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const bucket = ((keys[i] as number) >>> shift) & MASK;
      const to = counts[bucket] as number;
      counts[bucket] = to + 1;
      hiTmp[to] = hi[i] as number;
      loTmp[to] = lo[i] as number;
    }
    [hi, hiTmp] = [hiTmp, hi];
    [lo, loTmp] = [loTmp, lo];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i] as number;
    const negative = h >>> 31 === 0;
    words[2 * i + 1] = negative ? ~h >>> 0 : (h & 0x7fffffff) >>> 0;
    words[2 * i] = negative ? ~(lo[i] as number) >>> 0 : (lo[i] as number);
  }
  return out;
}
