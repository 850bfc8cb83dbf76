import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { ALGORITHMS, isInfeasible, plan, planProblems, type Cluster, type Profile } from '../../src/planner/index';
import { randomInstance } from './helpers';

const MiB = 2 ** 20;
const chain = (blocks: number, memoryMiB = 10): Profile => ({
  model: 'chain',
  inputBytes: 600_000,
  outputBytes: 4000,
  blocks: Array.from({ length: blocks }, (_, i) => ({ name: `b${i}`, memoryBytes: memoryMiB * MiB, flops: 5e8, outBytes: i === blocks - 1 ? 4000 : 400_000 - i * 10_000 })),
});

describe('plan', () => {
  test('plan(profile, cluster) defaults to best and the full objective, and reports every documented field', () => {
    const r = plan(chain(8), randomGeometricCluster({ nodes: 4, memoryBytes: 30 * MiB, seed: 3 }));
    if (isInfeasible(r)) throw new Error(r.reason);
    expect(r.algorithm).toBe('best');
    expect(r.objective).toBe('full');
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['bottleneckMs', 'throughputPerSec', 'latencyMs', 'lowerBoundMs', 'stages', 'hops', 'planMs']));
    expect(r.stages.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(r.stages[0]).sort()).toEqual(['computeMs', 'firstBlock', 'lastBlock', 'memoryBytes', 'node']);
    expect(Object.keys(r.hops[0]).sort()).toEqual(['bytes', 'from', 'ms', 'to']);
    expect(r.throughputPerSec).toBeCloseTo(1000 / r.bottleneckMs, 9);
    expect(r.lowerBoundMs).toBeLessThanOrEqual(r.bottleneckMs);
  });

  test('plan(..., {algorithm}) gives a valid plan with every algorithm: each block once, in order, memory, distinct nodes, links', () => {
    let checked = 0;
    for (let seed = 1; seed <= 250; seed++) {
      const { profile, cluster, objective } = randomInstance(seed, { maxNodes: 8, maxBlocks: 12 });
      for (const algorithm of ALGORITHMS) {
        const r = plan(profile, cluster, { algorithm, objective, seed });
        if (isInfeasible(r)) continue;
        const problems = planProblems(profile, cluster, { stages: r.stages });
        expect(problems, `${algorithm}, seed ${seed}`).toEqual([]);
        checked++;
      }
    }
    for (const nodes of [20, 50]) {
      const cluster = randomGeometricCluster({ nodes, memoryBytes: 40 * MiB, seed: nodes });
      for (const algorithm of ALGORITHMS.filter((a) => a !== 'optimal')) {
        const r = plan(chain(30), cluster, { algorithm, objective: 'comm' });
        expect(isInfeasible(r), algorithm).toBe(false);
        if (!isInfeasible(r)) expect(planProblems(chain(30), cluster, { stages: r.stages })).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  test('plan(..., {seed}) is deterministic: the same seed gives the same plan, for the random algorithms too', () => {
    const cluster = randomGeometricCluster({ nodes: 15, memoryBytes: 30 * MiB, seed: 9 });
    for (const algorithm of ['random', 'kpath', 'best'] as const) {
      const a = plan(chain(12), cluster, { algorithm, seed: 5 });
      const b = plan(chain(12), cluster, { algorithm, seed: 5 });
      expect(isInfeasible(a) ? a : a.stages).toEqual(isInfeasible(b) ? b : b.stages);
    }
  });

  test('plan(...) when the nodes lack memory reports infeasible with the bytes needed and available', () => {
    const r = plan(chain(8), randomGeometricCluster({ nodes: 3, memoryBytes: 20 * MiB, seed: 1 }));
    expect(r).toEqual({ error: 'infeasible', reason: expect.stringContaining('80.0 MiB'), needBytes: 80 * MiB, haveBytes: 60 * MiB });
  });

  test('plan(...) when one block is bigger than every node names the block', () => {
    const profile = chain(4);
    profile.blocks[2].memoryBytes = 50 * MiB;
    const r = plan(profile, randomGeometricCluster({ nodes: 8, memoryBytes: 40 * MiB, seed: 1 }));
    expect(r).toMatchObject({ error: 'infeasible', needBytes: 50 * MiB, haveBytes: 40 * MiB });
    expect(isInfeasible(r) && r.reason).toContain("block 2 ('b2')");
  });

  test('plan(...) when memory suffices in total but the nodes cannot be chained says so', () => {
    const cluster: Cluster = {
      nodes: [
        { id: 'a', memoryBytes: 25 * MiB, gflops: 1 },
        { id: 'b', memoryBytes: 25 * MiB, gflops: 1 },
        { id: 'c', memoryBytes: 25 * MiB, gflops: 1 },
        { id: 'd', memoryBytes: 25 * MiB, gflops: 1 },
      ],
      // a star around a: no path visits the four nodes that 80 MiB in blocks of 10 MiB need
      bandwidthMbps: [
        [0, 1, 1, 1],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
      ],
    };
    const r = plan(chain(8), cluster);
    expect(r).toMatchObject({ error: 'infeasible', needBytes: 80 * MiB, haveBytes: 100 * MiB });
    expect(isInfeasible(r) && r.reason).toMatch(/cannot be chained/);
  });

  test('plan(...) checks its options at the door', () => {
    const c = randomGeometricCluster({ nodes: 2, memoryBytes: MiB, seed: 1 });
    expect(() => plan(chain(2), c, { algorithm: 'fastest' as never })).toThrow(RangeError);
    expect(() => plan(chain(2), c, { objective: 'speed' as never })).toThrow(/'objective'/);
    expect(() => plan(chain(2), c, { seed: NaN })).toThrow(/'seed'/);
    expect(() => plan(chain(2), c, { classes: 0 })).toThrow(/'classes'/);
  });
});
