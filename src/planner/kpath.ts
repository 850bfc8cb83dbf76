/**
 * `kpath`: SEIFER's ITNAC algorithm in correct mode: the least-total-transfer partition for the smallest node's
 * memory, transfers binned into C size classes (clamped to 1..C), then K-path matching with an exact k-path search
 * that gives up on a run it cannot place instead of keeping stale placements. Like SEIFER it looks only at
 * bandwidth when placing.
 */
import type { Rng } from '../util/rng';
import { type BaselineResult, candidateBandwidth, capacityReason, seiferCapacityBytes, singleStage } from './baseline';
import { chainBottleneckMs, type Instance } from './instance';
import { matchRuns, transferClasses } from './kpath-matching';
import { minTransferPartition } from './partition-dag';

export function kpathChain(inst: Instance, rng: Rng, classCount = 20): BaselineResult {
  const lastBlocks = minTransferPartition(inst.profile, seiferCapacityBytes(inst), inst.candidates.length);
  if (!lastBlocks) return { reason: capacityReason(inst) };
  if (lastBlocks.length === 1) return singleStage(inst);
  const out = inst.profile.blocks.map((b) => b.outBytes);
  const all = [inst.profile.inputBytes, ...out.slice(0, -1), 0];
  const chosen = lastBlocks.slice(0, -1).map((b) => out[b]);
  const classes = transferClasses(all, chosen, classCount, true);
  const available = new Uint8Array(inst.candidates.length).fill(1);
  const { placed, noPath } = matchRuns({ bandwidth: candidateBandwidth(inst), available, classes, classCount, rng, strict: true });
  if (noPath) {
    return { reason: `its K-path matching found no chain of distinct linked nodes for stages ${noPath.first}..${noPath.last} (a run of transfers of one size class) joining the nodes already placed` };
  }
  const chain = { nodes: placed.map((v) => inst.candidates[v!]), lastBlocks };
  // SEIFER places without the dispatcher in mind: with one, the chain's ends may lack the links it needs
  if (inst.dispatcher >= 0 && chainBottleneckMs(inst, chain) === Infinity) return { reason: 'it places without the dispatcher in mind, and its first or last node has no link to it' };
  return { chain };
}
