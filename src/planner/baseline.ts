/**
 * What the SEIFER baselines share: like SEIFER they plan for one capacity (the smallest node's memory, as its
 * runtime does) and see only the stage-hosting nodes; a baseline either returns a chain or says why it has none.
 */
import type { Chain, Instance } from './instance';
import { chainBottleneckMs } from './instance';

/** A chain, or why there is none (a phrase: "it plans for ...", "K-path matching found no ..."). */
export type BaselineResult = { chain: Chain } | { reason: string };

export function seiferCapacityBytes(inst: Instance): number {
  return Math.min(...inst.candidates.map((w) => inst.memoryBytes[w]));
}

/** The candidates' bandwidth matrix, indexed by candidate position. */
export function candidateBandwidth(inst: Instance): number[][] {
  return inst.candidates.map((u) => inst.candidates.map((v) => (u === v ? 0 : inst.cluster.bandwidthMbps[u][v])));
}

/** One stage holding the whole model: the node where it runs best (SEIFER itself stops at "one partition"). */
export function singleStage(inst: Instance): BaselineResult {
  let best: Chain | null = null;
  let bestMs = Infinity;
  for (const w of inst.candidates) {
    const chain = { nodes: [w], lastBlocks: [inst.blockCount - 1] };
    const ms = chainBottleneckMs(inst, chain);
    if (ms < bestMs) [best, bestMs] = [chain, ms];
  }
  return best ? { chain: best } : { reason: 'no node that can hold the whole model has links to the dispatcher both ways' };
}

/** Why a baseline has no partition: SEIFER's single capacity. */
export function capacityReason(inst: Instance): string {
  const mib = (seiferCapacityBytes(inst) / 2 ** 20).toFixed(1);
  return `it plans for the smallest node's memory (${mib} MiB), as SEIFER does, and at that size the model does not fit in ${inst.candidates.length} nodes`;
}
