import { describe, expect, it } from 'vitest';
import { plan, seiferSteps } from '../../src/planner/index';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import type { Profile } from '../../src/planner/types';

const MiB = 2 ** 20;

/** 12 blocks of 4 MiB with transfers of varied size. */
const profile: Profile = {
  model: 'chain',
  inputBytes: 150_000,
  outputBytes: 4_000,
  blocks: Array.from({ length: 12 }, (_, i) => ({ name: `b${i}`, memoryBytes: 4 * MiB, flops: 1e7, outBytes: i === 11 ? 4_000 : [100_000, 800_000, 20_000, 400_000][i % 4] })),
};

describe('seiferSteps(profile, cluster)', () => {
  it('replays kpath: its partitions and the nodes of its runs are the stages plan(kpath) returns', () => {
    let compared = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const cluster = randomGeometricCluster({ nodes: 8, memoryBytes: 13 * MiB, gflops: 1, seed });
      const steps = seiferSteps(profile, cluster, { seed });
      const report = plan(profile, cluster, { algorithm: 'kpath', seed });
      if ('error' in report) continue;
      compared++;
      expect(steps.smallestNode).toBe(cluster.nodes[0].id);
      expect(steps.capacityBytes).toBe(13 * MiB);
      expect(steps.partitions?.map((p) => [p.firstBlock, p.lastBlock])).toEqual(report.stages.map((s) => [s.firstBlock, s.lastBlock]));
      for (const p of steps.partitions ?? []) expect(p.memoryBytes).toBeLessThanOrEqual(13 * MiB);
      const placed: string[] = new Array(report.stages.length);
      for (const run of steps.runs) run.nodes.forEach((id, i) => (placed[run.firstPartition + i] = id));
      expect(placed).toEqual(report.stages.map((s) => s.node));
      // the largest transfers are placed first
      expect(steps.runs.map((r) => r.cls)).toEqual([...steps.runs.map((r) => r.cls)].sort((a, b) => b - a));
      expect(steps.edgesBytes).toHaveLength(steps.classCount + 1);
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('says when the smallest node is too small for any partition', () => {
    const cluster = randomGeometricCluster({ nodes: 3, memoryBytes: [3 * MiB, 64 * MiB, 64 * MiB], gflops: 1, seed: 1 });
    const steps = seiferSteps(profile, cluster);
    expect(steps.partitions).toBeNull();
    expect(steps.capacityBytes).toBe(3 * MiB);
  });
});
