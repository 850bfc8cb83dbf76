/**
 * `joint`: the greedy joint baseline of SEIFER's evaluation: the same partition as `kpath`, placed by
 * nearest neighbour (always the fastest link onward) from every start node, keeping the start whose chain has the
 * smallest bottleneck (judged with our cost model).
 */
import { type BaselineResult, capacityReason, seiferCapacityBytes, singleStage } from './baseline';
import { type Chain, chainBottleneckMs, type Instance } from './instance';
import { minTransferPartition } from './partition-dag';

export function jointChain(inst: Instance): BaselineResult {
  const lastBlocks = minTransferPartition(inst.profile, seiferCapacityBytes(inst), inst.candidates.length);
  if (!lastBlocks) return { reason: capacityReason(inst) };
  if (lastBlocks.length === 1) return singleStage(inst);
  const bw = inst.cluster.bandwidthMbps;
  let best: Chain | null = null;
  let bestMs = Infinity;
  for (const start of inst.candidates) {
    const nodes = [start];
    const left = new Set(inst.candidates.filter((w) => w !== start));
    for (let stage = 1; stage < lastBlocks.length; stage++) {
      const u = nodes[nodes.length - 1];
      let next = -1;
      for (const w of left) if (bw[u][w] > 0 && (next < 0 || bw[u][w] > bw[u][next])) next = w;
      if (next < 0) break;
      nodes.push(next);
      left.delete(next);
    }
    if (nodes.length < lastBlocks.length) continue;
    const chain = { nodes, lastBlocks };
    const ms = chainBottleneckMs(inst, chain);
    if (ms < bestMs) [best, bestMs] = [chain, ms];
  }
  return best ? { chain: best } : { reason: 'from no start node does nearest-neighbour placement reach enough distinct linked nodes' };
}
