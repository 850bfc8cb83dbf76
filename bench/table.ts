/** Plain-text tables for the benches: columns padded to their widest cell, numbers right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[-+]?[\d.]+( ?[%x×]|ms| s)?$|^[-+]?[\d.]+ \(.*\)$|^(nan|inf|—|-)$/.test(String(r[i] ?? ''))));
  return cells
    .map((r) =>
      r
        .map((c, i) => (numeric[i] && r !== header ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A duration or latency with 3 significant decimals; nan/inf spelled out. */
export function seconds(value: number, digits = 3): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return 'inf';
  return value.toFixed(digits);
}

export function percent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)} %` : 'nan';
}

/** p-th percentile (0..100) of values, by linear interpolation. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
}
