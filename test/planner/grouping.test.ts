import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { coarseProfile, groupEnds, groupProfile, MAX_PLAN_BLOCKS, singleTensorProfile, toBlockPlan } from '../../src/planner/grouping';
import { isInfeasible, plan, planProblems, replan } from '../../src/planner/index';
import type { Plan, Profile } from '../../src/planner/types';
import { createRng, randomInt } from '../../src/util/rng';

const MiB = 2 ** 20;

function longChain(blocks: number, seed: number, tensors = false): Profile {
  const rng = createRng(seed);
  return {
    model: `long-${blocks}`,
    inputBytes: 600_000,
    outputBytes: 4000,
    blocks: Array.from({ length: blocks }, (_, i) => ({
      name: `b${i}`,
      memoryBytes: randomInt(rng, 1, 400) * 1000,
      flops: randomInt(rng, 1, 100) * 1e6,
      outBytes: i === blocks - 1 ? 4000 : randomInt(rng, 1, 500) * 1000,
      ...(tensors ? { outTensors: rng() < 0.7 ? 2 : 1 } : {}),
    })),
  };
}

describe('grouping', () => {
  test('groupEnds(profile, {maxGroups}) covers every block in order, in at most maxGroups groups, ending at small transfers', () => {
    for (const [blocks, max] of [
      [1000, 200],
      [201, 200],
      [10, 3],
      [5000, 37],
    ]) {
      const p = longChain(blocks, blocks);
      const ends = groupEnds(p, { maxGroups: max });
      expect(ends.length).toBeLessThanOrEqual(max);
      expect(ends.at(-1)).toBe(blocks - 1);
      expect(ends.every((e, g) => g === 0 || e > ends[g - 1])).toBe(true);
      // a group ends at the smallest transfer of its window: on average well below a block's mean transfer
      const mean = p.blocks.reduce((s, b) => s + b.outBytes, 0) / blocks;
      const atEnds = ends.slice(0, -1).reduce((s, e) => s + p.blocks[e].outBytes, 0) / Math.max(1, ends.length - 1);
      if (blocks / max >= 4) expect(atEnds).toBeLessThan(mean / 2);
    }
  });

  test('groupProfile(profile, ends) adds memory and FLOPs, keeps the last transfer, and maps plans back to blocks', () => {
    const p = longChain(10, 1);
    const { profile, groups } = groupProfile(p, [3, 4, 9]);
    expect(groups).toEqual([
      [0, 3],
      [4, 4],
      [5, 9],
    ]);
    expect(profile.blocks[0]).toEqual({
      name: 'b0 .. b3',
      memoryBytes: p.blocks.slice(0, 4).reduce((s, b) => s + b.memoryBytes, 0),
      flops: p.blocks.slice(0, 4).reduce((s, b) => s + b.flops, 0),
      outBytes: p.blocks[3].outBytes,
    });
    expect(profile.blocks[1]).toEqual(p.blocks[4]);
    const onGroups: Plan = {
      stages: [
        { node: 'x', firstBlock: 0, lastBlock: 1 },
        { node: 'y', firstBlock: 2, lastBlock: 2 },
      ],
    };
    expect(toBlockPlan(onGroups, groups).stages).toEqual([
      { node: 'x', firstBlock: 0, lastBlock: 4 },
      { node: 'y', firstBlock: 5, lastBlock: 9 },
    ]);
    expect(coarseProfile(p).profile).toBe(p);
  });

  test('groupEnds(...) honours mustCut, canCut and maxGroupBytes', () => {
    const p = longChain(400, 2, true);
    const must = new Set([17, 203]);
    const ends = groupEnds(p, { maxGroups: 20, mustCut: must, canCut: (b) => (p.blocks[b].outTensors ?? 1) === 1, maxGroupBytes: 8 * MiB });
    expect(ends).toEqual(expect.arrayContaining([17, 203]));
    for (const e of ends.slice(0, -1)) expect(must.has(e) || p.blocks[e].outTensors === 1).toBe(true);
    const { profile } = groupProfile(p, ends);
    // a group passes the cap only when no single-tensor cut came in time
    expect(profile.blocks.filter((b) => b.memoryBytes > 8 * MiB).length).toBeLessThan(profile.blocks.length / 4);
  });

  test('singleTensorProfile(profile) merges the blocks between single-tensor cuts', () => {
    const p: Profile = {
      model: 'm',
      inputBytes: 1,
      outputBytes: 1,
      blocks: [2, 1, 3, 2, 1, undefined].map((outTensors, i) => ({ name: `b${i}`, memoryBytes: 1, flops: 1, outBytes: 1, ...(outTensors ? { outTensors } : {}) })),
    };
    expect(singleTensorProfile(p).groups).toEqual([
      [0, 1],
      [2, 4],
      [5, 5],
    ]);
  });

  test('plan(...) on a chain of 20,000 blocks plans on groups and answers in block numbers, for best and a baseline', () => {
    const p = longChain(20_000, 3);
    const cluster = randomGeometricCluster({ nodes: 30, memoryBytes: 1024 * MiB, gflops: 10, seed: 3 });
    for (const algorithm of ['best', 'kpath'] as const) {
      const r = plan(p, cluster, { algorithm });
      if (isInfeasible(r)) throw new Error(r.reason);
      expect(planProblems(p, cluster, r)).toEqual([]);
      expect(r.stages.at(-1)!.lastBlock).toBe(19_999);
      expect(r.lowerBoundMs).toBeLessThanOrEqual(r.bottleneckMs);
      expect(r.lowerBoundMs).toBeGreaterThan(0);
    }
    expect(MAX_PLAN_BLOCKS).toBeLessThan(20_000);
  });

  test("replan(...) on a long chain keeps the old plan's cuts available, so an unused dead node moves nothing", () => {
    const p = longChain(3000, 4);
    const cluster = randomGeometricCluster({ nodes: 12, memoryBytes: 256 * MiB, gflops: 10, seed: 4 });
    const before = plan(p, cluster, { objective: 'comm' });
    if (isInfeasible(before)) throw new Error(before.reason);
    const unused = cluster.nodes.find((n) => !before.stages.some((s) => s.node === n.id))!.id;
    const after = replan(p, { stages: before.stages }, cluster, [unused], [], { objective: 'comm' });
    if (isInfeasible(after)) throw new Error(after.reason);
    expect(after.redeployBytes).toBe(0);
    expect(after.stages.map(({ node, firstBlock, lastBlock }) => [node, firstBlock, lastBlock])).toEqual(before.stages.map(({ node, firstBlock, lastBlock }) => [node, firstBlock, lastBlock]));
  });
});
