/**
 * SEIFER's partitioning step, fixed: over the DAG of memory-feasible stages, the cut set
 * with the least total transfer, with every block counted exactly once (no off-by-one), the stage limit applied
 * properly (a DP over (last block, stages), not a memo keyed by the end only) and a fresh table per call.
 * Placement-agnostic, as in SEIFER: it is the partition K-path matching and joint placement then place.
 */
import type { Profile } from './types';

/**
 * Last block of each stage for the least total `outBytes` over the cuts, with at most `maxStages` stages each
 * within `capacityBytes`; ties go to fewer stages. null when no such partition exists.
 */
export function minTransferPartition(profile: Profile, capacityBytes: number, maxStages: number): number[] | null {
  const B = profile.blocks.length;
  const stages = Math.min(maxStages, B);
  const mem = new Float64Array(B + 1);
  profile.blocks.forEach((b, i) => (mem[i + 1] = mem[i] + b.memoryBytes));
  // cost[j * B + e]: least transfer covering blocks 0..e with j + 1 stages; from[...]: first block of the last one
  const cost = new Float64Array(stages * B).fill(Infinity);
  const from = new Int32Array(stages * B);
  for (let e = 0; e < B && mem[e + 1] <= capacityBytes; e++) cost[e] = 0;
  for (let j = 1; j < stages; j++) {
    for (let e = j; e < B; e++) {
      for (let s = e; s >= j && mem[e + 1] - mem[s] <= capacityBytes; s--) {
        const before = cost[(j - 1) * B + s - 1];
        if (before === Infinity) continue;
        const value = before + profile.blocks[s - 1].outBytes;
        if (value < cost[j * B + e]) {
          cost[j * B + e] = value;
          from[j * B + e] = s;
        }
      }
    }
  }
  let bestJ = -1;
  for (let j = 0; j < stages; j++) if (cost[j * B + B - 1] < (bestJ < 0 ? Infinity : cost[bestJ * B + B - 1])) bestJ = j;
  if (bestJ < 0) return null;
  const lastBlocks: number[] = [];
  for (let j = bestJ, e = B - 1; j >= 0; j--) {
    lastBlocks.push(e);
    e = from[j * B + e] - 1;
  }
  return lastBlocks.reverse();
}
