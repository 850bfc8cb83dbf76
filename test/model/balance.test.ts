import { describe, expect, it } from 'vitest';
import { balancedCuts } from '../../src/model/balance';
import type { Block } from '../../src/model/blocks';

const blocks = (flops: number[]): Block[] =>
  flops.map((f, i) => ({
    index: i,
    firstPosition: i * 2,
    lastPosition: i * 2 + 1,
    firstNode: '',
    lastNode: '',
    nodeCount: 2,
    paramBytes: 0,
    activationBytes: 0,
    flops: f,
    outBytes: 0,
    outTensors: 1,
  }));

describe('balancedCuts(blocks, stageCount)', () => {
  it('minimises the largest stage', () => {
    // best 3-way split of 5 4 3 2 1 9 is [5 4] [3 2 1] [9] -> max 9
    expect(balancedCuts(blocks([5, 4, 3, 2, 1, 9]), 3)).toEqual([3, 9]);
  });

  it('returns no cuts for one stage and one cut per block boundary for as many stages as blocks', () => {
    expect(balancedCuts(blocks([1, 2, 3]), 1)).toEqual([]);
    expect(balancedCuts(blocks([1, 2, 3]), 3)).toEqual([1, 3]);
  });

  it('refuses more stages than blocks, saying how many are possible', () => {
    expect(() => balancedCuts(blocks([1, 2]), 3)).toThrowError(/2 stages or fewer/);
    expect(() => balancedCuts(blocks([1, 2]), 0)).toThrow(RangeError);
  });
});
