import { describe, expect, it } from 'vitest';
import { chainLayout, MIN_RECT_PX } from '../../src/ui/layout/chain-layout';

const block = (flops: number, outBytes = 1000) => ({ flops, memoryBytes: flops / 10, outBytes });

describe('chainLayout(blocks, stages, width, measure)', () => {
  it('gives every block a rectangle sized by FLOPs, filling the width, grey without a plan', () => {
    const { rects, cuts } = chainLayout([block(100), block(300)], null, 400, 'flops');
    expect(rects.map((r) => r.stage)).toEqual([-1, -1]);
    expect(rects[0].width + rects[1].width).toBeCloseTo(400, 6);
    expect(rects[1].width).toBeGreaterThan(2.5 * rects[0].width);
    expect(cuts).toEqual([]);
  });

  it('colours blocks by stage and labels the cuts between stages with their bytes', () => {
    const blocks = [block(1, 10), block(1, 20), block(1, 30), block(1, 40)];
    const { rects, cuts } = chainLayout(
      blocks,
      [
        { firstBlock: 0, lastBlock: 1 },
        { firstBlock: 2, lastBlock: 3 },
      ],
      400,
      'flops',
    );
    expect(rects.map((r) => r.stage)).toEqual([0, 0, 1, 1]);
    expect(cuts).toEqual([{ x: 200, afterBlock: 1, bytes: 20 }]);
  });

  it('merges blocks too thin to see, within a stage only: 5,000 blocks become a few hundred rectangles', () => {
    const blocks = Array.from({ length: 5000 }, () => block(10));
    const { rects } = chainLayout(
      blocks,
      [
        { firstBlock: 0, lastBlock: 2499 },
        { firstBlock: 2500, lastBlock: 4999 },
      ],
      1000,
      'flops',
    );
    expect(rects.length).toBeLessThanOrEqual(1000 / MIN_RECT_PX + 2);
    expect(rects.every((r) => r.width >= MIN_RECT_PX - 1e-9 || r.lastBlock === 4999 || r.lastBlock === 2499)).toBe(true);
    expect(rects.filter((r) => r.stage === 0).at(-1)?.lastBlock).toBe(2499);
    expect(rects[0].firstBlock).toBe(0);
    expect(rects.at(-1)?.lastBlock).toBe(4999);
  });

  it('sizes by memory when asked, and draws nothing for no width or no blocks', () => {
    const byMemory = chainLayout(
      [
        { flops: 1, memoryBytes: 100, outBytes: 0 },
        { flops: 100, memoryBytes: 1, outBytes: 0 },
      ],
      null,
      100,
      'memory',
    );
    expect(byMemory.rects[0].width).toBeGreaterThan(byMemory.rects[1].width);
    expect(chainLayout([], null, 100, 'flops')).toEqual({ rects: [], cuts: [] });
    expect(chainLayout([block(1)], null, 0, 'flops')).toEqual({ rects: [], cuts: [] });
  });
});

describe('chainLayout(blocks, stages of another model, ...)', () => {
  it('ignores stages that reach past the chain', () => {
    const { rects, cuts } = chainLayout(
      [block(1), block(1)],
      [
        { firstBlock: 0, lastBlock: 0 },
        { firstBlock: 1, lastBlock: 59 },
      ],
      100,
      'flops',
    );
    expect(rects.every((r) => r.stage === -1)).toBe(true);
    expect(cuts).toEqual([]);
  });
});
