/** Cut points (positions where exactly one activation is live) and the blocks between them. */
import type { Liveness } from './liveness';

export interface CutPoint {
  /** Cut after the node at this position of the topological order (0 .. nodeCount - 2). */
  position: number;
  /** The one tensor crossing the cut. */
  tensor: string;
  bytes: number;
}

/** Single-tensor cuts, in order. Linear in the number of positions. */
export function findCutPoints(liveness: Liveness): CutPoint[] {
  const cuts: CutPoint[] = [];
  const n = liveness.duringBytes.length;
  for (let position = 0; position <= n - 2; position++) {
    const tensor = liveness.singleLive[position + 1];
    if (tensor) cuts.push({ position, tensor, bytes: liveness.liveBytes[position + 1] });
  }
  return cuts;
}

/** Checks cut positions given by a caller; throws a RangeError naming the bad one. Any position is sliceable. */
export function isValidCutList(cuts: readonly number[], nodeCount: number): string | undefined {
  for (let k = 0; k < cuts.length; k++) {
    const c = cuts[k];
    if (!Number.isInteger(c) || c < 0 || c > nodeCount - 2) return `position ${c} is outside 0..${nodeCount - 2}`;
    if (k > 0 && c <= cuts[k - 1]) return `positions must increase, but ${c} follows ${cuts[k - 1]}`;
  }
  return undefined;
}
