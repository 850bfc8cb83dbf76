/**
 * A bandwidth matrix pasted from a spreadsheet or a CSV file: rows on lines, cells separated by commas,
 * semicolons, tabs or spaces; an optional first row and first column of node ids; '-' or an empty cell keeps the
 * value there (the diagonal). Values are Mbit/s. Errors name the row and column, as a person counts them.
 */
import { LIMITS } from './scenario-spec';

export type CsvMatrix = { ok: true; rows: (number | null)[][] } | { ok: false; message: string };

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const KEEP = new Set(['', '-', '—', '–']);

export function parseCsvMatrix(text: string): CsvMatrix {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return { ok: false, message: 'The pasted text has no rows.' };
  let cells = lines.map((line) => (/[,;\t]/.test(line) ? line.split(/[,;\t]/) : line.trim().split(/\s+/)).map((c) => c.trim()));
  const isLabel = (c: string) => !KEEP.has(c) && !NUMBER.test(c);
  // a header row of ids, and a first column of ids, are recognised and set aside
  const header = cells[0].some(isLabel);
  if (header) cells = cells.slice(1);
  if (cells.length > 0 && cells.every((row) => isLabel(row[0]) || (header && row[0] === ''))) cells = cells.map((row) => row.slice(1));
  if (cells.length === 0) return { ok: false, message: 'The pasted text has a header but no rows of values.' };
  const width = cells[0].length;
  const offset = header ? 2 : 1;
  const rows: (number | null)[][] = [];
  for (const [r, row] of cells.entries()) {
    if (row.length !== width) return { ok: false, message: `Row ${r + offset} has ${row.length} values, the first row ${width}: every row needs as many.` };
    const values: (number | null)[] = [];
    for (const [c, cell] of row.entries()) {
      if (KEEP.has(cell)) {
        values.push(null);
        continue;
      }
      const value = NUMBER.test(cell) ? Number(cell) : NaN;
      if (!(value >= LIMITS.bandwidthMbps[0] && value <= LIMITS.bandwidthMbps[1])) {
        return { ok: false, message: `Row ${r + offset}, column ${c + 1}: '${cell.slice(0, 20)}' is not a bandwidth in ${LIMITS.bandwidthMbps[0]}..${LIMITS.bandwidthMbps[1]} Mbit/s.` };
      }
      values.push(value);
    }
    rows.push(values);
  }
  return { ok: true, rows };
}
