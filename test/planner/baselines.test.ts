import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { compileInstance } from '../../src/planner/instance';
import { jointChain } from '../../src/planner/joint';
import { kpathChain } from '../../src/planner/kpath';
import { randomChain } from '../../src/planner/random';
import { isInfeasible, plan, planOrExplain, planProblems } from '../../src/planner/index';
import { kPathMatching } from '../../src/planner/kpath-matching';
import type { Cluster, Profile } from '../../src/planner/types';
import { createRng } from '../../src/util/rng';
import { tenBlocks } from './helpers';

const MiB = 2 ** 20;
const profile = tenBlocks;

describe('SEIFER baselines in correct mode', () => {
  test('kpathChain(inst, rng) and jointChain(inst) share the least-total-transfer partition for the smallest memory', () => {
    const cluster = randomGeometricCluster({ nodes: 8, memoryBytes: [64, 64, 64, 64, 64, 64, 64, 40].map((m) => m * MiB), seed: 2 });
    const inst = compileInstance(profile, cluster, 'comm');
    const k = kpathChain(inst, createRng(1));
    const j = jointChain(inst);
    if (!('chain' in k) || !('chain' in j)) throw new Error('no plan');
    expect(k.chain.lastBlocks).toEqual(j.chain.lastBlocks);
    // 40 MiB (the smallest node) holds two blocks, whichever node a stage lands on
    k.chain.lastBlocks.forEach((last, i) => expect(last - (i === 0 ? -1 : k.chain.lastBlocks[i - 1])).toBeLessThanOrEqual(2));
  });

  test('randomChain(inst, rng) draws different valid plans from different seeds', () => {
    const inst = compileInstance(profile, randomGeometricCluster({ nodes: 10, memoryBytes: 64 * MiB, seed: 2 }), 'comm');
    const plans = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(randomChain(inst, createRng(s)))));
    expect(plans.size).toBeGreaterThan(1);
  });

  test("kpathChain, jointChain and randomChain(inst) say why when SEIFER's single capacity cannot fit the model", () => {
    const inst = compileInstance(profile, randomGeometricCluster({ nodes: 3, memoryBytes: [200, 200, 20].map((m) => m * MiB), seed: 2 }), 'comm');
    for (const result of [kpathChain(inst, createRng(1)), jointChain(inst), randomChain(inst, createRng(1))]) {
      expect(result).toEqual({ reason: expect.stringContaining('smallest node') });
    }
  });

  test('kpathChain(inst, rng) says which run of transfers its matching cannot join, instead of keeping stale placements', () => {
    // big, small, big transfers: the two big ones take the two fast links a->b and c->d first (in either order), and
    // the small one between them then needs b->c or d->a, which do not exist
    const blocks = [1e6, 1e3, 1e6, 1e3].map((outBytes, i) => ({ name: `b${i}`, memoryBytes: 10 * MiB, flops: 0, outBytes }));
    const p: Profile = { model: 'runs', inputBytes: 1e3, outputBytes: 1e3, blocks };
    const cluster: Cluster = {
      nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id, memoryBytes: 15 * MiB, gflops: 1 })),
      bandwidthMbps: [
        [0, 100, 1, 1],
        [1, 0, 0, 1],
        [1, 1, 0, 100],
        [0, 1, 1, 0],
      ],
    };
    const inst = compileInstance(p, cluster, 'comm');
    for (let seed = 1; seed <= 8; seed++) {
      // SEIFER's own matching (paper mode) keeps the ends it placed before and joins them by a hop with no link
      const stale = kPathMatching({ bandwidth: cluster.bandwidthMbps, available: new Uint8Array(4).fill(1), classes: [20, 1, 20], classCount: 20, rng: createRng(seed) });
      expect(stale.every((v) => v !== undefined)).toBe(true);
      expect(cluster.bandwidthMbps[stale[1]!][stale[2]!]).toBe(0);
      expect(kpathChain(inst, createRng(seed))).toEqual({ reason: expect.stringContaining('no chain of distinct linked nodes for stages 1..2') });
    }
    const kpath = plan(p, cluster, { algorithm: 'kpath', objective: 'comm' });
    expect(isInfeasible(kpath) && kpath.reason).not.toMatch(/dispatcher/);
    const best = plan(p, cluster, { objective: 'comm' });
    if (isInfeasible(best)) throw new Error(best.reason);
    expect(planProblems(p, cluster, best)).toEqual([]);
    expect(planOrExplain(p, cluster, { algorithm: 'kpath', objective: 'comm' })).toMatchObject({
      exitCode: 3,
      reason: expect.stringMatching(/^`kpath` cannot place this \(its K-path matching .*\); `best` finds a plan$/),
    });
  });
});

describe('single-tensor cuts', () => {
  test('plan(...) lets best cut where several tensors cross, and the SEIFER baselines only where one does', () => {
    // cutting after b0 sends 1 kB in 3 tensors; after b1, 1 MB in one
    const p: Profile = {
      model: 'multi',
      inputBytes: 1000,
      outputBytes: 1000,
      blocks: [
        { name: 'b0', memoryBytes: 10 * MiB, flops: 0, outBytes: 1000, outTensors: 3 },
        { name: 'b1', memoryBytes: 10 * MiB, flops: 0, outBytes: 1_000_000 },
        { name: 'b2', memoryBytes: 10 * MiB, flops: 0, outBytes: 1000, outTensors: 1 },
      ],
    };
    const cluster = randomGeometricCluster({ nodes: 4, memoryBytes: 20 * MiB, seed: 3 });
    const stages = (algorithm: 'best' | 'optimal' | 'kpath' | 'joint' | 'btsp' | 'random') => {
      const r = plan(p, cluster, { algorithm, objective: 'comm' });
      if (isInfeasible(r)) throw new Error(`${algorithm}: ${r.reason}`);
      expect(planProblems(p, cluster, r)).toEqual([]);
      return r.stages.map((s) => [s.firstBlock, s.lastBlock]);
    };
    expect(stages('best')).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(stages('optimal')).toEqual([
      [0, 0],
      [1, 2],
    ]);
    for (const algorithm of ['kpath', 'joint', 'btsp', 'random'] as const)
      expect(stages(algorithm), algorithm).toEqual([
        [0, 1],
        [2, 2],
      ]);
  });
});
