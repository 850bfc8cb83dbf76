import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { compileInstance } from '../../src/planner/instance';
import { distinctLinkBound } from '../../src/planner/link-bound';
import { linkOrder } from '../../src/planner/link-order';
import { instanceHosts, partitionBound } from '../../src/planner/partition-bound';
import { walkOptimum } from '../../src/planner/lower-bound';
import { optimalSolution } from '../../src/planner/optimal';
import { bottleneckCosts, tabulate } from '../../src/planner/piece-costs';
import type { Profile } from '../../src/planner/types';
import { randomInstance } from './helpers';

describe('lower bounds', () => {
  test('walkOptimum(table) and distinctLinkBound(...) never exceed the optimum, on 300 random instances', () => {
    let tighter = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { profile, cluster, objective } = randomInstance(seed, { maxNodes: 7, maxBlocks: 10 });
      const inst = compileInstance(profile, cluster, objective);
      const optimum = optimalSolution(inst);
      if (!optimum) continue;
      const table = tabulate(inst, bottleneckCosts(inst));
      const walk = walkOptimum(table);
      const links = distinctLinkBound(table, walk, optimum.bottleneckMs * 4);
      expect(walk).toBeLessThanOrEqual(optimum.bottleneckMs * (1 + 1e-12));
      expect(links).toBeLessThanOrEqual(optimum.bottleneckMs * (1 + 1e-12));
      expect(links).toBeGreaterThanOrEqual(walk);
      if (links > walk * (1 + 1e-6)) tighter++;
    }
    expect(tighter).toBeGreaterThan(0);
  });

  test('distinctLinkBound(...) sees that many stages cannot all use the one fast link', () => {
    // 6 equal blocks of 30 MiB on 64 MiB nodes: 3 stages at least, so 2 hops on 2 different pairs
    const profile: Profile = { model: 'p', inputBytes: 1, outputBytes: 1, blocks: Array.from({ length: 6 }, (_, i) => ({ name: `b${i}`, memoryBytes: 30 * 2 ** 20, flops: 0, outBytes: 1e6 })) };
    const cluster = randomGeometricCluster({ nodes: 8, memoryBytes: 64 * 2 ** 20, seed: 5 });
    const inst = compileInstance(profile, cluster, 'comm');
    const table = tabulate(inst, bottleneckCosts(inst));
    const walk = walkOptimum(table);
    const optimum = optimalSolution(inst)!.bottleneckMs;
    const links = distinctLinkBound(table, walk, optimum);
    expect(walk).toBeCloseTo((1e6 * 0.008) / Math.max(...cluster.bandwidthMbps.flat()), 9);
    expect(links).toBeGreaterThan(walk);
    expect(links).toBeLessThanOrEqual(optimum);
  });

  test('partitionBound(...) never exceeds the optimum on 300 random instances, and counts nodes where the walk cannot', () => {
    let tighter = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { profile, cluster, objective } = randomInstance(seed, { maxNodes: 7, maxBlocks: 10 });
      const inst = compileInstance(profile, cluster, objective);
      const optimum = optimalSolution(inst);
      const bound = partitionBound(profile, instanceHosts(inst, linkOrder(inst)), objective);
      if (!optimum) continue;
      expect(bound, `seed ${seed}`).toBeLessThanOrEqual(optimum.bottleneckMs * (1 + 1e-9));
      if (bound > walkOptimum(tabulate(inst, bottleneckCosts(inst))) * (1 + 1e-6)) tighter++;
    }
    expect(tighter).toBeGreaterThan(0);
    // 40 equal blocks of 1 GFLOP on 4 nodes of 10 GFLOPS that hold them all: at least 10 blocks a stage, 1 s
    const chain: Profile = { model: 'p', inputBytes: 1, outputBytes: 1, blocks: Array.from({ length: 40 }, (_, i) => ({ name: `b${i}`, memoryBytes: 1, flops: 1e9, outBytes: 1 })) };
    const inst = compileInstance(chain, randomGeometricCluster({ nodes: 4, memoryBytes: 100, gflops: 10, seed: 1 }), 'full');
    expect(partitionBound(chain, instanceHosts(inst, linkOrder(inst)), 'full')).toBeCloseTo(1000, 5);
  });
});
