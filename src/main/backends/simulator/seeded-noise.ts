// Deterministic noise: the same seed, series and time bucket always give the same value, so the
// simulator can answer any historical window without storing samples.

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit integers into a uniform value in (0, 1). */
export function uniform(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h + 0.5) / 4294967296;
}

/** Standard normal value for (series, bucket), by Box-Muller over two hashed uniforms. */
export function gaussian(series: number, bucket: number): number {
  const u1 = uniform(series, bucket * 2);
  const u2 = uniform(series, bucket * 2 + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
