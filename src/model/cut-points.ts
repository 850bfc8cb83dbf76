/**
 * Cut points: positions of the topological order where a pipeline can be cut, with the activations that cross.
 * SEIFER's cuts carry exactly one tensor. Multi-tensor cuts carry several (a residual skip, a recurrent state, the
 * skips of a U-Net neck); the rule that picks them is in docs/design.md, "Cut points".
 */
import type { Liveness } from './liveness';

/** At most this many tensors cross a multi-tensor cut (docs/design.md, "Cut points"). */
export const MAX_CUT_TENSORS = 4;

export interface CutPoint {
  /** Cut after the node at this position of the topological order (0 .. nodeCount - 2). */
  position: number;
  /** The activations crossing the cut, in the order the next stage takes them (one for SEIFER's cuts). */
  tensors: string[];
  /** Total bytes of those tensors. */
  bytes: number;
}

/**
 * Every cut point, in order. A position is one when exactly one activation is live there (SEIFER's cut), or when
 * 2..MAX_CUT_TENSORS are live and together they weigh no more than the dearer of the nearest single-tensor cuts
 * before and after it (a side with none does not constrain). Linear in the number of positions.
 */
export function findCutPoints(liveness: Liveness): CutPoint[] {
  const n = liveness.duringBytes.length;
  const bytesAt = (position: number) => liveness.liveBytes[position + 1];
  const isSingle = (position: number) => liveness.liveCount[position + 1] === 1;
  // bytes of the nearest single-tensor cut at or after each position (-1: none)
  const nextSingle = new Float64Array(Math.max(n - 1, 0));
  for (let p = n - 2, next = -1; p >= 0; p--) {
    if (isSingle(p)) next = bytesAt(p);
    nextSingle[p] = next;
  }
  const cuts: CutPoint[] = [];
  let previousSingle = -1;
  for (let position = 0; position <= n - 2; position++) {
    const tensors = liveness.narrowLive[position + 1];
    if (!tensors) continue;
    const bytes = bytesAt(position);
    if (tensors.length > 1) {
      const limit = Math.max(previousSingle, nextSingle[position]);
      if (limit >= 0 && bytes > limit) continue;
    } else {
      previousSingle = bytes;
    }
    cuts.push({ position, tensors, bytes });
  }
  return cuts;
}

/** The single-tensor cuts alone (SEIFER's). */
export function singleTensorCuts(cuts: readonly CutPoint[]): CutPoint[] {
  return cuts.filter((c) => c.tensors.length === 1);
}
