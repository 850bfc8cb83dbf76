import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { compileInstance, type Instance } from '../../src/planner/instance';
import { linkOrder } from '../../src/planner/link-order';
import { walkOptimum } from '../../src/planner/lower-bound';
import { bottleneckCosts, chainValue, type PieceCosts, sumCosts, tabulate } from '../../src/planner/piece-costs';
import type { Profile } from '../../src/planner/types';
import { sparseWalk } from '../../src/planner/walk-sparse';
import { createRng, randomInt } from '../../src/util/rng';
import { randomInstance } from './helpers';

const same = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** The sparse walk against the plain DP over every hop, for one set of costs. */
function compare(inst: Instance, costs: PieceCosts) {
  const sparse = sparseWalk(inst, linkOrder(inst), costs);
  const table = walkOptimum(tabulate(inst, costs));
  expect(same(sparse.optimum, table), `${sparse.optimum} vs ${table}`).toBe(true);
  // its walk is a real walk worth the optimum (no stage twice in a row on one node)
  if (sparse.walk) {
    expect(sparse.walk.nodes.every((v, i) => i === 0 || v !== sparse.walk!.nodes[i - 1])).toBe(true);
    expect(same(chainValue(inst, costs, sparse.walk), sparse.optimum)).toBe(true);
  }
  return sparse;
}

describe('sparseWalk', () => {
  test('sparseWalk(inst, order, costs) equals the tabulated walk relaxation, bottleneck and priced, on 300 random small instances', () => {
    let finite = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { profile, cluster, objective } = randomInstance(seed, { maxNodes: 8, maxBlocks: 12 });
      const inst = compileInstance(profile, cluster, objective);
      const walk = compare(inst, bottleneckCosts(inst));
      if (walk.optimum === Infinity) continue;
      finite++;
      compare(inst, sumCosts(inst, walk.optimum * 1.5));
    }
    expect(finite).toBeGreaterThan(200);
  });

  test('sparseWalk(...) equals it on 40-node clusters too, where only the best next nodes are kept per block', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rng = createRng(seed);
      const blocks = Array.from({ length: 25 }, (_, i) => ({
        name: `b${i}`,
        memoryBytes: randomInt(rng, 2, 20) * 2 ** 20,
        flops: randomInt(rng, 1, 900) * 1e6,
        outBytes: randomInt(rng, 1, 900) * 1000,
      }));
      const profile: Profile = { model: 'chain', inputBytes: 150_000, outputBytes: blocks[24].outBytes, blocks };
      const cluster = randomGeometricCluster({ nodes: 40, memoryBytes: 64 * 2 ** 20, gflops: Array.from({ length: 41 }, () => randomInt(rng, 1, 30)), seed, dispatcher: true, latencyMs: seed % 2 });
      const inst = compileInstance(profile, cluster, 'full');
      const walk = compare(inst, bottleneckCosts(inst));
      expect(walk.optimum).toBeLessThan(Infinity);
      compare(inst, sumCosts(inst, walk.optimum * 1.2));
    }
  });

  test('a walk past its step budget says it is incomplete (no bound, no walk); within it, the same answer, and progress from 0 to 1', () => {
    const blocks = Array.from({ length: 25 }, (_, i) => ({ name: `b${i}`, memoryBytes: 8 * 2 ** 20, flops: (i + 1) * 1e7, outBytes: (25 - i) * 1000 }));
    const profile: Profile = { model: 'chain', inputBytes: 150_000, outputBytes: 1000, blocks };
    const inst = compileInstance(profile, randomGeometricCluster({ nodes: 40, memoryBytes: 64 * 2 ** 20, gflops: 10, seed: 3, dispatcher: true }), 'full');
    const order = linkOrder(inst);
    const full = sparseWalk(inst, order, bottleneckCosts(inst));
    expect(full.complete).toBe(true);
    const cut = sparseWalk(inst, order, bottleneckCosts(inst), { maxSteps: 0 });
    expect(cut.complete).toBe(false);
    expect(cut.optimum).toBe(-Infinity);
    expect(cut.walk).toBeNull();
    const seen: number[] = [];
    const roomy = sparseWalk(inst, order, bottleneckCosts(inst), { maxSteps: 1e9, onProgress: (f) => seen.push(f) });
    expect(roomy.complete).toBe(true);
    expect(roomy.optimum).toBe(full.optimum);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
  });
});
