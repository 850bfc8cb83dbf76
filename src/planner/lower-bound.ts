/**
 * The walk relaxation: the same problem with the "distinct nodes" rule dropped (a node may host several stages,
 * just never two in a row). Every plan is such a walk, so its optimum is a valid lower bound, and a DP over
 * (last block, node) finds it in O(B·n² + B·n·L) time over a tabulated instance. This is the plain version over
 * every hop; walk-sparse.ts computes the same values without reading every hop, for big clusters.
 * Arrays are indexed [local node * B + block], local = index into table.nodes.
 */
import type { PieceTable } from './piece-costs';

/** forward[i * B + e]: best value of blocks 0..e with the last stage on local node i (Infinity if impossible). */
function walkForward(t: PieceTable): Float64Array {
  const { k, blockCount: B, sum } = t;
  const forward = new Float64Array(k * B).fill(Infinity);
  for (let s = 0; s < B; s++) {
    for (let i = 0; i < k; i++) {
      let start = Infinity;
      if (s === 0) start = t.input[i];
      else {
        const row = (s - 1) * k * k;
        for (let v = 0; v < k; v++) {
          const before = forward[v * B + s - 1];
          if (before === Infinity) continue;
          const h = t.hop[row + v * k + i];
          const value = sum ? before + h : before > h ? before : h;
          if (value < start) start = value;
        }
      }
      if (start === Infinity) continue;
      const reach = t.reach[i * B + s];
      const at = t.stageAt[i * B + s] - s;
      for (let e = s; e <= reach; e++) {
        const c = t.stage[at + e];
        const value = sum ? start + c : start > c ? start : c;
        if (value < forward[i * B + e]) forward[i * B + e] = value;
      }
    }
  }
  return forward;
}

/** The relaxation's optimum: a lower bound on every valid plan's value (Infinity: not even a walk exists). */
export function walkOptimum(t: PieceTable, forward = walkForward(t)): number {
  const { k, blockCount: B, sum } = t;
  let best = Infinity;
  for (let i = 0; i < k; i++) {
    const f = forward[i * B + B - 1];
    const o = t.output[i];
    const value = sum ? f + o : f > o ? f : o;
    if (value < best) best = value;
  }
  return best;
}
