import { describe, expect, test } from 'vitest';
import { btspChain, greedyPartition } from '../../src/planner/btsp';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { hamiltonianPath } from '../../src/planner/hamiltonian';
import { chainBottleneckMs, compileInstance } from '../../src/planner/instance';
import type { Profile } from '../../src/planner/types';
import { createRng } from '../../src/util/rng';

function hasHamiltonianPath(n: number, edge: (u: number, v: number) => boolean): boolean {
  const perm: number[] = [];
  const go = (): boolean => {
    if (perm.length === n) return true;
    for (let v = 0; v < n; v++) {
      if (perm.includes(v) || (perm.length > 0 && !edge(perm[perm.length - 1], v))) continue;
      perm.push(v);
      if (go()) return true;
      perm.pop();
    }
    return false;
  };
  return go();
}

const MiB = 2 ** 20;
const profile: Profile = {
  model: 'p',
  inputBytes: 1000,
  outputBytes: 10,
  blocks: [20, 20, 20, 20, 20, 20].map((m, i) => ({ name: `b${i}`, memoryBytes: m * MiB, flops: 0, outBytes: [900, 300, 800, 100, 700, 10][i] * 1000 })),
};

describe('btsp', () => {
  test('hamiltonianPath(n, edge) is exact up to 12 vertices: found exactly when enumeration finds one', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 7);
      const p = rng();
      const edges = Array.from({ length: n }, () => Array.from({ length: n }, () => rng() < p));
      const edge = (u: number, v: number) => u !== v && edges[u][v];
      const path = hamiltonianPath(n, edge);
      expect(path !== null).toBe(hasHamiltonianPath(n, edge));
      if (path) {
        expect(new Set(path).size).toBe(n);
        path.slice(1).forEach((v, i) => expect(edge(path[i], v)).toBe(true));
      }
    }
  });

  test('greedyPartition(inst) ends each stage at the smallest transfer within memory, once past cap / n', () => {
    const inst = compileInstance(profile, randomGeometricCluster({ nodes: 4, memoryBytes: 64 * MiB, seed: 1 }), 'comm');
    // cap 64 MiB holds 3 blocks; past 16 MiB the smallest cut among blocks 0..2 is after block 1 (300 kB)
    expect(greedyPartition(inst)).toEqual([1, 3, 5]);
  });

  test('btspChain(inst) slides the stages along the bottleneck path to the best window', () => {
    const cluster = randomGeometricCluster({ nodes: 9, memoryBytes: 64 * MiB, seed: 3 });
    const inst = compileInstance(profile, cluster, 'comm');
    const result = btspChain(inst);
    if (!('chain' in result)) throw new Error(result.reason);
    expect(result.chain.lastBlocks).toEqual([1, 3, 5]);
    expect(chainBottleneckMs(inst, result.chain)).toBeLessThan(Infinity);
  });
});
