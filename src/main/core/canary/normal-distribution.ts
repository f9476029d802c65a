// The standard normal distribution to full double precision, including far tails: Cody's rational
// Chebyshev approximations for the CDF (as R's pnorm) and Wichura's AS 241 for the quantile (as R's
// qnorm), so p-values and confidence bounds agree with R to the last few bits.

/* eslint-disable no-loss-of-precision -- the published coefficients carry more digits than a double; they round to the constants R uses. */
const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
  0.065682337918207449113,
];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
];
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
  7.29751555083966205e-5,
];

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const HALF_EPSILON = Number.EPSILON * 0.5;

/** e^(-x²/2) × factor, with x split so the square loses no precision in the tails. */
function gaussianTail(x: number, factor: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * factor;
}

/** P(Z <= x) and P(Z > x) for a standard normal Z, each accurate in its own tail. */
export function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: Number.NaN, upper: Number.NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = y > HALF_EPSILON ? x * x : 0;
    let num = (A[4] as number) * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + (A[i] as number)) * xsq;
      den = (den + (B[i] as number)) * xsq;
    }
    const t = (x * (num + (A[3] as number))) / (den + (B[3] as number));
    return { lower: 0.5 + t, upper: 0.5 - t };
  }
  let small: number;
  if (y <= SQRT_32) {
    let num = (C[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (C[i] as number)) * y;
      den = (den + (D[i] as number)) * y;
    }
    small = gaussianTail(y, (num + (C[7] as number)) / (den + (D[7] as number)));
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let num = (P[5] as number) * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + (P[i] as number)) * xsq;
      den = (den + (Q[i] as number)) * xsq;
    }
    const t = (xsq * (num + (P[4] as number))) / (den + (Q[4] as number));
    small = gaussianTail(x, (ONE_OVER_SQRT_2PI - t) / y);
  } else {
    small = 0;
  }
  return x > 0 ? { lower: 1 - small, upper: small } : { lower: small, upper: 1 - small };
}

const QA = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const QB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const QC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const QD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const QE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const QF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** Horner evaluation, highest coefficient first, in the same order as AS 241. */
function horner(coefficients: readonly number[], x: number): number {
  let value = coefficients[coefficients.length - 1] as number;
  for (let i = coefficients.length - 2; i >= 0; i--) value = value * x + (coefficients[i] as number);
  return value;
}

/**
 * The p-quantile of the standard normal distribution; with `upperTail`, the x with P(Z > x) = p
 * (computed from p directly, not from 1 - p, to keep small upper tails exact).
 */
export function normalQuantile(p: number, upperTail = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return upperTail ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (p === 1) return upperTail ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const lowerP = upperTail ? 0.5 - p + 0.5 : p;
  const q = lowerP - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(QA, r)) / horner(QB, r);
  }
  const tail = q > 0 ? (upperTail ? p : 0.5 - p + 0.5) : lowerP;
  let r = Math.sqrt(-Math.log(tail));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(QC, r) / horner(QD, r);
  } else {
    r -= 5;
    value = horner(QE, r) / horner(QF, r);
  }
  return q < 0 ? -value : value;
}
