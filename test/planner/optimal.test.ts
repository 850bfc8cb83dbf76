import { describe, expect, test } from 'vitest';
import { SeiferError } from '../../src/errors';
import { compileInstance } from '../../src/planner/instance';
import { isInfeasible, plan } from '../../src/planner/index';
import { isExactInRange } from '../../src/planner/optimal';
import type { Cluster, Profile } from '../../src/planner/types';
import { bruteForce, randomInstance } from './helpers';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('optimal', () => {
  test('plan(..., {algorithm: optimal}) equals brute force on 300 seeded random small instances', () => {
    let feasible = 0;
    let multiStage = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { profile, cluster, objective } = randomInstance(seed);
      const reference = bruteForce(profile, cluster, objective);
      const result = plan(profile, cluster, { algorithm: 'optimal', objective, seed });
      if (!reference) {
        expect(isInfeasible(result), `seed ${seed}: brute force finds no plan`).toBe(true);
        continue;
      }
      expect(isInfeasible(result), `seed ${seed}: optimal finds no plan`).toBe(false);
      if (isInfeasible(result)) continue;
      expect(close(result.bottleneckMs, reference.bottleneckMs), `seed ${seed}: ${result.bottleneckMs} vs ${reference.bottleneckMs}`).toBe(true);
      expect(result.lowerBoundMs).toBe(result.bottleneckMs);
      feasible++;
      if (result.stages.length > 1) multiStage++;
    }
    expect(feasible).toBeGreaterThanOrEqual(200);
    expect(multiStage).toBeGreaterThanOrEqual(100);
  });

  test('plan(..., optimal) among optimal plans picks the lowest end-to-end latency', () => {
    // two identical nodes and a slow third: the bottleneck is a stage either way, latency decides the hop
    const profile: Profile = { model: 't', inputBytes: 1000, outputBytes: 10, blocks: [{ name: 'a', memoryBytes: 1, flops: 1e9, outBytes: 10 }] };
    const cluster: Cluster = {
      nodes: [
        { id: 'd', memoryBytes: 0, gflops: 1 },
        { id: 'far', memoryBytes: 10, gflops: 10 },
        { id: 'near', memoryBytes: 10, gflops: 10 },
      ],
      bandwidthMbps: [
        [0, 1, 100],
        [1, 0, 1],
        [100, 1, 0],
      ],
      dispatcher: 'd',
    };
    const result = plan(profile, cluster, { algorithm: 'optimal' });
    expect(isInfeasible(result) ? null : result.stages[0].node).toBe('near');
  });

  test('isExactInRange(inst) takes 12 nodes and 60 blocks, not 13 nodes', () => {
    const profile: Profile = { model: 'p', inputBytes: 1, outputBytes: 1, blocks: Array.from({ length: 60 }, (_, i) => ({ name: `b${i}`, memoryBytes: 1, flops: 1, outBytes: 1 })) };
    const cluster = (n: number): Cluster => ({
      nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, memoryBytes: 100, gflops: 1 })),
      bandwidthMbps: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 0 : 1))),
    });
    expect(isExactInRange(compileInstance(profile, cluster(12), 'full'))).toBe(true);
    expect(isExactInRange(compileInstance(profile, cluster(13), 'full'))).toBe(false);
    let error: unknown;
    try {
      plan(profile, cluster(13), { algorithm: 'optimal' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeiferError);
    expect((error as SeiferError).code).toBe('out-of-range');
    expect((error as SeiferError).message).toMatch(/13 nodes and 60 blocks/);
    expect((error as SeiferError).hint).toMatch(/--algorithm best/);
  });
});
