/** Strict readers for the scenario's fields (link and file): every value is checked for form and range, never evaluated. */
import { errors } from '../../errors';

export type Range = readonly [number, number];

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function readNumber(field: string, text: string, [min, max]: Range, integer = false): number {
  const value = NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw errors.badScenarioField(field, text, `${integer ? 'an integer' : 'a number'} in ${min}..${max}`);
  }
  return value;
}

export function readChoice<T extends string>(field: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw errors.badScenarioField(field, text, `one of ${choices.join(', ')}`);
  return text as T;
}

/**
 * A square matrix of `size` rows ('r0c0,r0c1;r1c0,...'), '-' on the diagonal, or one number for every
 * off-diagonal cell.
 */
export function readMatrix(field: string, text: string, size: number, range: Range): number[][] {
  if (!text.includes(',') && !text.includes(';')) {
    const value = readNumber(field, text, range);
    return Array.from({ length: size }, () => Array.from({ length: size }, () => value));
  }
  const rows = text.split(';');
  if (rows.length !== size) throw errors.badScenarioField(field, `${rows.length} rows`, `${size} rows (one per node and the dispatcher)`);
  return rows.map((row, i) => {
    const cells = row.split(',');
    if (cells.length !== size) throw errors.badScenarioField(`${field} row ${i + 1}`, `${cells.length} values`, `${size} values`);
    return cells.map((cell, j) => (i === j && cell === '-' ? 0 : readNumber(`${field}[${i + 1}][${j + 1}]`, cell, range)));
  });
}

export function writeMatrix(values: number[][]): string {
  const first = values.length > 1 ? values[0][1] : undefined;
  if (first !== undefined && values.every((row, i) => row.every((v, j) => i === j || v === first))) return formatNumber(first);
  return values.map((row, i) => row.map((v, j) => (i === j ? '-' : formatNumber(v))).join(',')).join(';');
}

/** The shortest text that reads back as the same number ('2.5', '0.1', never '0.30000000000000004' for 0.3). */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}
