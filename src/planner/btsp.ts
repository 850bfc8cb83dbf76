/**
 * `btsp`: SEIFER's workshop algorithm (arXiv 2210.12218) in correct mode: a greedy partition that, node by
 * node, ends each stage at the smallest transfer it can reach within memory (once past 1/n of the capacity); a
 * bottleneck Hamiltonian path over all nodes by threshold binary search with an exact search (SEIFER called
 * Concorde); then "shifting": the chain of stages slides along that path to the window with the smallest bottleneck.
 * The off-by-one of the original (a segment skipped at every cut) is fixed.
 */
import { type BaselineResult, capacityReason, seiferCapacityBytes } from './baseline';
import { hamiltonianPath } from './hamiltonian';
import { type Chain, chainBottleneckMs, type Instance } from './instance';

/** Spec 6's partitionModel with every block counted once; null when the stages do not fit. */
export function greedyPartition(inst: Instance): number[] | null {
  const B = inst.blockCount;
  const cap = seiferCapacityBytes(inst);
  const minCap = cap / inst.candidates.length;
  const mem = (first: number, last: number) => inst.memPrefix[last + 1] - inst.memPrefix[first];
  // the cut after the last block costs nothing: ending there is always the greedy's choice when it fits
  const cutBytes = (p: number) => (p === B - 1 ? 0 : inst.outBytes[p]);
  const lastBlocks: number[] = [];
  let first = 0;
  for (let stage = 0; stage < inst.candidates.length && first < B; stage++) {
    if (mem(first, first) > cap) return null;
    let best = cutBytes(first);
    let bestAt = first;
    for (let p = first; p < B && mem(first, p) <= cap; p++) {
      if (cutBytes(p) < best && mem(first, p) > minCap) [best, bestAt] = [cutBytes(p), p];
    }
    lastBlocks.push(bestAt);
    first = bestAt + 1;
  }
  if (first < B) {
    // like the original, the last stage takes whatever is left
    const stageFirst = lastBlocks.length > 1 ? lastBlocks[lastBlocks.length - 2] + 1 : 0;
    if (mem(stageFirst, B - 1) > cap) return null;
    lastBlocks[lastBlocks.length - 1] = B - 1;
  }
  return lastBlocks;
}

/** The Hamiltonian path over the candidates whose slowest link is fastest (threshold binary search). */
export function bottleneckHamiltonianPath(inst: Instance): number[] | null {
  const cands = inst.candidates;
  const bw = inst.cluster.bandwidthMbps;
  const speeds = [...new Set(cands.flatMap((u) => cands.filter((v) => v !== u && bw[u][v] > 0).map((v) => bw[u][v])))].sort((a, b) => b - a);
  let [lo, hi] = [0, speeds.length];
  let best: number[] | null = cands.length === 1 ? [0] : null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const path = hamiltonianPath(cands.length, (u, v) => bw[cands[u]][cands[v]] >= speeds[mid]);
    if (path) [hi, best] = [mid, path];
    else lo = mid + 1;
  }
  return best && best.map((i) => cands[i]);
}

export function btspChain(inst: Instance): BaselineResult {
  const lastBlocks = greedyPartition(inst);
  if (!lastBlocks) return { reason: capacityReason(inst) };
  const tour = bottleneckHamiltonianPath(inst);
  if (!tour) return { reason: 'it needs a Hamiltonian path over all the nodes, and their links have none' };
  let best: Chain | null = null;
  let bestMs = Infinity;
  for (let i = 0; i + lastBlocks.length <= tour.length; i++) {
    const chain = { nodes: tour.slice(i, i + lastBlocks.length), lastBlocks };
    const ms = chainBottleneckMs(inst, chain);
    if (ms < bestMs) [best, bestMs] = [chain, ms];
  }
  return best ? { chain: best } : { reason: 'no window of its Hamiltonian path has links to and from the dispatcher' };
}
