/** Cuts for K stages with FLOPs as even as the block boundaries allow (minimises the largest stage). */
import { errors } from '../errors';
import type { Block } from './blocks';

/** Cut positions (after the last node of a block) splitting `blocks` into `stageCount` stages; exact DP, O(K * B^2). */
export function balancedCuts(blocks: readonly Block[], stageCount: number): number[] {
  if (!Number.isInteger(stageCount) || stageCount < 1) throw new RangeError(`'stageCount' must be a positive integer, got ${stageCount}`);
  const b = blocks.length;
  if (stageCount > b) {
    throw errors.tooManyStages(stageCount, b);
  }
  const prefix = [0];
  for (const block of blocks) prefix.push(prefix[prefix.length - 1] + block.flops);
  // best[k][j]: smallest possible largest stage when the first j blocks form k stages
  const best: number[][] = Array.from({ length: stageCount + 1 }, () => new Array<number>(b + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: stageCount + 1 }, () => new Array<number>(b + 1).fill(-1));
  best[0][0] = 0;
  for (let k = 1; k <= stageCount; k++) {
    for (let j = k; j <= b - (stageCount - k); j++) {
      for (let i = k - 1; i < j; i++) {
        const cost = Math.max(best[k - 1][i], prefix[j] - prefix[i]);
        if (cost < best[k][j]) {
          best[k][j] = cost;
          from[k][j] = i;
        }
      }
    }
  }
  const cuts: number[] = [];
  for (let k = stageCount, j = b; k > 1; k--) {
    const i = from[k][j];
    cuts.unshift(blocks[i - 1].lastPosition);
    j = i;
  }
  return cuts;
}
