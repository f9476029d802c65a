// Numbers as the one-line reasons print them: changes in percent of the baseline, amounts in the
// metric's unit. Shares (unit "ratio") move in percentage points, so "+1.2 pp" never reads as +1.2%.

/** 0.18 -> "+18%", -0.052 -> "-5.2%", 0.0004 -> "+0.04%". */
export function signedPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0 || Number.isNaN(pct)) return '0%';
  const sign = pct > 0 ? '+' : '-';
  const abs = Math.abs(pct);
  if (abs === Number.POSITIVE_INFINITY) return `${sign}∞%`;
  let digits: string;
  if (abs >= 1e6) digits = abs.toExponential(1);
  else if (abs >= 10) digits = Math.round(abs).toLocaleString('en-US');
  else if (abs >= 0.1) digits = String(Number(abs.toFixed(1)));
  else digits = String(Number(abs.toPrecision(1)));
  return `${sign}${digits}%`;
}

/** A value in the metric's unit, three significant digits: "142 ms", "0.0021". */
export function amount(value: number, unit: string | undefined): string {
  if (unit === 'ratio') return `${plain(value * 100)}%`;
  return unit ? `${plain(value)} ${unit}` : plain(value);
}

/** A difference in the metric's unit, signed: "+22 ms", "+0.12 pp". */
export function signedAmount(value: number, unit: string | undefined): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (unit === 'ratio') return `${sign}${plain(abs * 100)} pp`;
  return unit ? `${sign}${plain(abs)} ${unit}` : `${sign}${plain(abs)}`;
}

function plain(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const rounded = Number(value.toPrecision(3));
  // Rounding 1.797e308 to three digits overflows; the exponent form does not.
  return Number.isFinite(rounded) ? String(rounded) : value.toExponential(2);
}

/** A mean ratio as the change it allows: 1.1 -> "+10%", 0.9 -> "-10%". */
export function ratioAsChange(ratio: number): string {
  return signedPercent(ratio - 1);
}
