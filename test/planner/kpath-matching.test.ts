import { describe, expect, test } from 'vitest';
import { bottleneckKPath } from '../../src/planner/bottleneck-kpath';
import { kPathMatching, transferClasses } from '../../src/planner/kpath-matching';

describe('transferClasses', () => {
  test('transferClasses(all, chosen, C, false) follows numpy digitize over histogram_bin_edges, C+1 for the maximum', () => {
    // edges 0, 2.5, 5, 7.5, 10
    expect(transferClasses([0, 10, 3], [0, 2.5, 2.4, 9.99, 10], 4, false)).toEqual([1, 2, 1, 4, 5]);
  });

  test('transferClasses(..., clamp) keeps the maximum in class C (the correct-mode fix)', () => {
    expect(transferClasses([0, 10, 3], [10, 0], 4, true)).toEqual([4, 1]);
  });

  test('transferClasses(...) widens an empty range by 0.5 each way, as numpy does', () => {
    expect(transferClasses([3, 3], [3], 2, false)).toEqual([2]);
  });
});

describe('bottleneckKPath', () => {
  const bw = [
    [0, 9, 1, 5],
    [9, 0, 8, 2],
    [1, 8, 0, 7],
    [5, 2, 7, 0],
  ];
  test('bottleneckKPath(query) keeps the path whose slowest link is fastest', () => {
    const path = bottleneckKPath({ bandwidth: bw, available: new Uint8Array(4).fill(1), k: 3, undirected: true });
    const slowest = Math.min(...path.slice(1).map((v, i) => bw[path[i]][v]));
    expect(path).toHaveLength(3);
    expect(slowest).toBe(8);
  });

  test('bottleneckKPath(query) honours fixed ends and unavailable vertices', () => {
    const available = Uint8Array.from([1, 1, 0, 1]);
    expect(bottleneckKPath({ bandwidth: bw, available, k: 3, start: 0, end: 3, undirected: true })).toEqual([0, 1, 3]);
    expect(bottleneckKPath({ bandwidth: bw, available, k: 4, undirected: true })).toEqual([]);
  });
});

describe('kPathMatching', () => {
  test('kPathMatching(query) places the biggest class first on the fastest links and returns distinct nodes', () => {
    const bw = Array.from({ length: 6 }, (_, u) => Array.from({ length: 6 }, (__, v) => (u === v ? 0 : 1 + ((u * 7 + v * 7) % 13))));
    const placed = kPathMatching({ bandwidth: bw, available: new Uint8Array(6).fill(1), classes: [3, 1, 3], classCount: 3, undirected: true });
    expect(placed.every((v) => v !== undefined)).toBe(true);
    expect(new Set(placed).size).toBe(4);
    const fastest = Math.max(...bw.flat());
    expect(bw[placed[0]!][placed[1]!]).toBe(fastest);
  });

  test('kPathMatching(query) leaves partitions unplaced for class C+1, as SEIFER does', () => {
    const bw = [
      [0, 5, 5],
      [5, 0, 5],
      [5, 5, 0],
    ];
    const placed = kPathMatching({ bandwidth: bw, available: new Uint8Array(3).fill(1), classes: [3], classCount: 2, undirected: true });
    expect(placed).toEqual([undefined, undefined]);
  });
});
