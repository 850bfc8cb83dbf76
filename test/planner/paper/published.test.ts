import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { PaperAlgorithm } from '../../../src/planner/paper/grid';
import { cellKey, matchedRows, paperHeadline, parsePublishedCsv, withinTolerance } from '../../../src/planner/paper/published';

const csv = (name: string) => readFileSync(fileURLToPath(new URL(`../../../data/seifer-published/${name}.csv`, import.meta.url)), 'utf8');
const cells = (alg: PaperAlgorithm) => parsePublishedCsv(csv(alg), alg);
const inputs = () => {
  const at20 = cells('kpath').filter((c) => c.classes === 20);
  return {
    kpath: new Map(at20.map((c) => [cellKey(c), c.seconds])),
    joint: new Map(cells('joint').map((c) => [cellKey(c), c.seconds])),
    random: new Map(cells('random').map((c) => [cellKey(c), c.seconds])),
  };
};

describe('published SEIFER results', () => {
  test('parsePublishedCsv(text, algorithm) reads the 385 K-path rows and the 40 joint and random rows', () => {
    expect(cells('kpath')).toHaveLength(385);
    expect(cells('joint')).toHaveLength(40);
    expect(cells('random')).toHaveLength(40);
    expect(cells('kpath')[0]).toEqual({ algorithm: 'kpath', model: 'ResNet50', capMB: 64, nodes: 5, classes: 2, seconds: 2.606314038 });
    expect(cells('joint').find((c) => c.model === 'InceptionResNetV2' && c.capMB === 64 && c.nodes === 5)!.seconds).toBeNaN();
  });

  test("paperHeadline(csv values) reproduces the paper's 982.95 % and 32.57 %", () => {
    const h = paperHeadline(inputs());
    expect(h.kpathRows).toBe(11);
    expect(h.kpathMean).toBeCloseTo(0.529, 3);
    expect(h.randomMean).toBeCloseTo(5.72877, 5);
    expect(h.randomOverKPathPercent).toBeCloseTo(982.95, 1);
    expect(h.jointOverKPathPercent).toBeCloseTo(32.57, 1);
  });

  test('matchedRows(csv values) gives 7.9x and -3.6 % at 50 nodes, 5.9x and -2.7 % over all 39 rows', () => {
    const rows = matchedRows(inputs(), [5, 10, 15, 20, 50]);
    const at50 = rows.find((r) => r.nodes === 50)!;
    expect(at50.rows).toBe(8);
    expect(at50.randomOverKPath).toBeCloseTo(7.9, 1);
    expect(at50.jointVsKPathPercent).toBeCloseTo(-3.6, 1);
    const all = rows.find((r) => r.nodes === 'all')!;
    expect(all.rows).toBe(39);
    expect(all.randomOverKPath).toBeCloseTo(5.9, 1);
    expect(all.jointVsKPathPercent).toBeCloseTo(-2.7, 1);
    expect(all.jointBetterRows).toBe(21);
  });

  test('withinTolerance(ours, published, relative) matches 0 and nan exactly and numbers within the tolerance', () => {
    expect(withinTolerance(0, 0, 0.05)).toBe(true);
    expect(withinTolerance(0.1, 0, 0.05)).toBe(false);
    expect(withinTolerance(Infinity, NaN, 0.05)).toBe(true);
    expect(withinTolerance(1.04, 1, 0.05)).toBe(true);
    expect(withinTolerance(1.06, 1, 0.05)).toBe(false);
  });
});
