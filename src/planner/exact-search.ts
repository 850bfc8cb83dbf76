/**
 * The exact search: a DP over (set of used nodes, last node, last block), which is what "distinct nodes" costs.
 * f[mask][w][e] is the best value of blocks 0..e on the nodes in mask with the last stage on w; a stage s..e on a
 * new node w extends the best predecessor ending at s-1 (min over the nodes already used). The state space is
 * 2^n·n·B and the work 2^n·n·B·(n + L) for stages of up to L blocks, so it is exact but only for small clusters.
 */
import type { Chain } from './instance';
import type { PieceTable } from './piece-costs';

/** Size of the search in elementary steps: 2^n·n·B·(n + B). */
export function exactWork(candidateCount: number, blockCount: number): number {
  return 2 ** candidateCount * candidateCount * blockCount * (candidateCount + blockCount);
}

/** Twelve nodes and sixty blocks (the range): about 2·10^8 steps, a second or two in V8. */
export const EXACT_WORK_LIMIT = exactWork(12, 60);

export interface ExactResult {
  chain: Chain;
  value: number;
}

/**
 * The chain with the smallest value strictly below `upperBound` (null when there is none: then nothing beats the
 * caller's incumbent, or no plan exists at all). Exact: tests compare it with brute force.
 */
export function exactSearch(t: PieceTable, upperBound = Infinity): ExactResult | null {
  const { k, blockCount: B, sum } = t;
  const masks = 1 << k;
  const size = masks * k * B;
  const f = new Float64Array(size).fill(Infinity);
  const fromStart = new Int16Array(size);
  const fromNode = new Int8Array(size).fill(-1);
  const alive = new Uint8Array(masks);
  const g = new Float64Array(B);
  const gFrom = new Int8Array(B);
  const combine = (a: number, b: number) => (sum ? a + b : a > b ? a : b);

  for (let i = 0; i < k; i++) {
    const start = t.input[i];
    if (!(start < upperBound)) continue;
    const base = ((1 << i) * k + i) * B;
    const reach = t.reach[i * B];
    const at = t.stageAt[i * B];
    for (let e = 0; e <= reach; e++) {
      const value = combine(start, t.stage[at + e]);
      if (!(value < upperBound)) break;
      f[base + e] = value;
      fromStart[base + e] = 0;
      alive[1 << i] = 1;
    }
  }

  for (let mask = 1; mask < masks; mask++) {
    if (!alive[mask]) continue;
    for (let i = 0; i < k; i++) {
      if (mask & (1 << i)) continue;
      g.fill(Infinity);
      for (let j = 0; j < k; j++) {
        if (!(mask & (1 << j))) continue;
        const row = (mask * k + j) * B;
        for (let s = 1; s < B; s++) {
          const before = f[row + s - 1];
          if (before === Infinity) continue;
          const value = combine(before, t.hop[((s - 1) * k + j) * k + i]);
          if (value < g[s]) {
            g[s] = value;
            gFrom[s] = j;
          }
        }
      }
      const next = mask | (1 << i);
      const base = (next * k + i) * B;
      for (let s = 1; s < B; s++) {
        const start = g[s];
        if (!(start < upperBound)) continue;
        const reach = t.reach[i * B + s];
        const at = t.stageAt[i * B + s] - s;
        for (let e = s; e <= reach; e++) {
          const value = combine(start, t.stage[at + e]);
          if (!(value < upperBound)) break;
          if (value < f[base + e]) {
            f[base + e] = value;
            fromStart[base + e] = s;
            fromNode[base + e] = gFrom[s];
            alive[next] = 1;
          }
        }
      }
    }
  }

  let best = upperBound;
  let bestMask = -1;
  let bestNode = -1;
  for (let mask = 1; mask < masks; mask++) {
    if (!alive[mask]) continue;
    for (let i = 0; i < k; i++) {
      if (!(mask & (1 << i))) continue;
      const last = f[(mask * k + i) * B + B - 1];
      if (last === Infinity) continue;
      const value = combine(last, t.output[i]);
      if (value < best) [best, bestMask, bestNode] = [value, mask, i];
    }
  }
  if (bestMask < 0) return null;

  const nodes: number[] = [];
  const lastBlocks: number[] = [];
  let [mask, i, e] = [bestMask, bestNode, B - 1];
  for (;;) {
    const at = (mask * k + i) * B + e;
    nodes.push(t.nodes[i]);
    lastBlocks.push(e);
    const s = fromStart[at];
    const j = fromNode[at];
    if (j < 0) break;
    [mask, i, e] = [mask ^ (1 << i), j, s - 1];
  }
  return { chain: { nodes: nodes.reverse(), lastBlocks: lastBlocks.reverse() }, value: best };
}
