import { describe, expect, test } from 'vitest';
import { paperBandwidthMbps, paperPositions, randomGeometricCluster } from '../../src/planner/cluster-gen';
import { validateCluster } from '../../src/planner/validate';
import { createRng } from '../../src/util/rng';

describe('cluster generation', () => {
  test('paperBandwidthMbps(d) is log2(1 + 283230 / d^2)', () => {
    expect(paperBandwidthMbps(100)).toBeCloseTo(Math.log2(1 + 28.323), 12);
    expect(paperBandwidthMbps(149 * Math.SQRT2)).toBeCloseTo(2.88, 2);
  });

  test("paperPositions(rng, n) lie in [1, 150]^2 and give SEIFER's mean link of about 6.03 Mbit/s", () => {
    const rng = createRng(3);
    let sum = 0;
    let [lo, hi] = [Infinity, -Infinity];
    const pairs = 100_000;
    for (let i = 0; i < pairs; i++) {
      const [[x1, y1], [x2, y2]] = paperPositions(rng, 2);
      [lo, hi] = [Math.min(lo, x1, y1, x2, y2), Math.max(hi, x1, y1, x2, y2)];
      sum += paperBandwidthMbps(Math.hypot(x1 - x2, y1 - y2));
    }
    expect(lo).toBeGreaterThanOrEqual(1);
    expect(hi).toBeLessThanOrEqual(150);
    expect(sum / pairs).toBeGreaterThan(5.9);
    expect(sum / pairs).toBeLessThan(6.2);
  });

  test('randomGeometricCluster(options) is a valid, symmetric, seeded cluster', () => {
    const a = randomGeometricCluster({ nodes: 6, memoryBytes: 64 * 2 ** 20, gflops: [1, 2, 3, 4, 5, 6], seed: 42, dispatcher: true, latencyMs: 2 });
    expect(validateCluster(a)).toEqual(a);
    expect(a.nodes.map((n) => n.id)).toEqual(['dispatcher', 'n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(a.dispatcher).toBe('dispatcher');
    a.bandwidthMbps.forEach((row, i) => row.forEach((b, j) => expect(b).toBe(a.bandwidthMbps[j][i])));
    expect(randomGeometricCluster({ nodes: 6, memoryBytes: 64 * 2 ** 20, gflops: [1, 2, 3, 4, 5, 6], seed: 42, dispatcher: true, latencyMs: 2 })).toEqual(a);
    expect(randomGeometricCluster({ nodes: 6, memoryBytes: 1, seed: 43 }).bandwidthMbps).not.toEqual(randomGeometricCluster({ nodes: 6, memoryBytes: 1, seed: 42 }).bandwidthMbps);
  });

  test('randomGeometricCluster(options) checks its arguments', () => {
    expect(() => randomGeometricCluster({ nodes: 0, memoryBytes: 1, seed: 1 })).toThrow(/'nodes'/);
    expect(() => randomGeometricCluster({ nodes: 2, memoryBytes: [1], seed: 1 })).toThrow(/'memoryBytes' for node 1/);
  });
});
