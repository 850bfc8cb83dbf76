/** Tables for the CLI; the numbers inside them come from src/util/format.ts. */
export { formatBytes, formatCount, formatFlops, formatMs } from '../util/format';

/** A left-aligned text table; numbers right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || /^[\d.,\s%+-]+[A-Za-z ]*$/.test(String(r[c]))));
  return cells
    .map((r, i) => {
      const line = r
        .map((cell, c) => (numeric[c] && i > 0 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd();
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}
