import { describe, expect, it } from 'vitest';
import { parseCsvMatrix } from '../../src/ui/lab/csv-matrix';

describe('parseCsvMatrix(text)', () => {
  it('reads commas, semicolons, tabs or spaces, with the diagonal left as - or empty', () => {
    expect(parseCsvMatrix('-,10,20\n10,-,5.5\n20,5.5,-\n')).toEqual({
      ok: true,
      rows: [
        [null, 10, 20],
        [10, null, 5.5],
        [20, 5.5, null],
      ],
    });
    expect(parseCsvMatrix('-\t1\r\n2\t')).toEqual({
      ok: true,
      rows: [
        [null, 1],
        [2, null],
      ],
    });
    expect(parseCsvMatrix('  - 3 \n 4   - ')).toEqual({
      ok: true,
      rows: [
        [null, 3],
        [4, null],
      ],
    });
    expect(parseCsvMatrix('1;2')).toEqual({ ok: true, rows: [[1, 2]] });
  });

  it('sets aside a header row and a first column of node ids, as a spreadsheet exports them', () => {
    expect(parseCsvMatrix(',n1,n2\nn1,-,7\nn2,7,-')).toEqual({
      ok: true,
      rows: [
        [null, 7],
        [7, null],
      ],
    });
    expect(parseCsvMatrix('n1,n2\n-,7\n7,-')).toEqual({
      ok: true,
      rows: [
        [null, 7],
        [7, null],
      ],
    });
  });

  it('names the row and column of a bad cell, and ragged rows', () => {
    expect(parseCsvMatrix('-,10\nten,-')).toEqual({ ok: false, message: "Row 2, column 1: 'ten' is not a bandwidth in 0.001..1000000 Mbit/s." });
    expect(parseCsvMatrix('-,0\n1,-')).toMatchObject({ ok: false, message: expect.stringContaining("Row 1, column 2: '0'") });
    expect(parseCsvMatrix('1,2,3\n4,5')).toEqual({ ok: false, message: 'Row 2 has 2 values, the first row 3: every row needs as many.' });
    expect(parseCsvMatrix(' \n')).toEqual({ ok: false, message: 'The pasted text has no rows.' });
  });
});
