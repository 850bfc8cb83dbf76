import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/planner/types';
import { planningProfile, toBlockPlan } from '../../src/ui/lab/coarse-profile';

const block = (i: number) => ({
  index: i,
  firstPosition: i,
  lastPosition: i,
  firstNode: `a${i}`,
  lastNode: `b${i}`,
  nodeCount: 1,
  paramBytes: 100,
  activationBytes: 10 + i,
  flops: 1000,
  outBytes: 50 + i,
  outTensors: 1,
});
const analysis = (n: number) => ({ name: 'm', inputBytes: 8, outputBytes: 4, blocks: Array.from({ length: n }, (_, i) => block(i)) });

describe('planningProfile(analysis, maxBlocks)', () => {
  it('is the plain profile when the chain is short enough', () => {
    const { profile, groups } = planningProfile(analysis(3), 5);
    expect(profile.blocks).toEqual([0, 1, 2].map((i) => ({ name: `b${i}`, memoryBytes: 110 + i, flops: 1000, outBytes: 50 + i, outTensors: 1 })));
    expect(groups).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('groups long chains: memory and FLOPs add up as a stage holding the blocks costs, cuts stay at group ends', () => {
    const { profile, groups } = planningProfile(analysis(10), 4);
    // each group ends at the smallest transfer of its window (here the first: transfers grow along the chain)
    expect(groups).toEqual([
      [0, 2],
      [3, 5],
      [6, 7],
      [8, 9],
    ]);
    expect(profile.blocks[0]).toEqual({ name: 'b0 .. b2', memoryBytes: 110 + 111 + 112, flops: 3000, outBytes: 52, outTensors: 1 });
    expect(profile.blocks[3]).toMatchObject({ memoryBytes: 118 + 119, outBytes: 59 });
    expect(profile.inputBytes).toBe(8);
    expect(() => planningProfile(analysis(2), 0)).toThrow(RangeError);
  });
});

describe('toBlockPlan(plan, groups)', () => {
  it('maps group numbers back to block numbers, and leaves identity groups alone', () => {
    const plan = {
      stages: [
        { node: 'n1', firstBlock: 0, lastBlock: 1, memoryBytes: 1, computeMs: 1 },
        { node: 'n2', firstBlock: 2, lastBlock: 3, memoryBytes: 1, computeMs: 1 },
      ],
    } as PlanReport;
    expect(
      toBlockPlan(plan, [
        [0, 2],
        [3, 5],
        [6, 8],
        [9, 9],
      ]).stages.map((s) => [s.firstBlock, s.lastBlock]),
    ).toEqual([
      [0, 5],
      [6, 9],
    ]);
    const identity: [number, number][] = [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ];
    expect(toBlockPlan(plan, identity)).toBe(plan);
  });
});
