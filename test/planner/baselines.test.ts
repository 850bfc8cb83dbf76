import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { compileInstance } from '../../src/planner/instance';
import { jointChain } from '../../src/planner/joint';
import { kpathChain } from '../../src/planner/kpath';
import { randomChain } from '../../src/planner/random';
import type { Profile } from '../../src/planner/types';
import { createRng } from '../../src/util/rng';

const MiB = 2 ** 20;
const profile: Profile = {
  model: 'p',
  inputBytes: 1000,
  outputBytes: 10,
  blocks: Array.from({ length: 10 }, (_, i) => ({ name: `b${i}`, memoryBytes: 20 * MiB, flops: 0, outBytes: (1 + ((i * 7) % 10)) * 100_000 })),
};

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

  test('kpathChain, jointChain and randomChain(inst) say why when SEIFER\'s single capacity cannot fit the model', () => {
    const inst = compileInstance(profile, randomGeometricCluster({ nodes: 3, memoryBytes: [200, 200, 20].map((m) => m * MiB), seed: 2 }), 'comm');
    for (const result of [kpathChain(inst, createRng(1)), jointChain(inst), randomChain(inst, createRng(1))]) {
      expect(result).toEqual({ reason: expect.stringContaining('smallest node') });
    }
  });
});
