/**
 * `kpath`: SEIFER's ITNAC algorithm in correct mode (spec 4.2 and 5 with the fixes of 11): the least-total-transfer
 * partition for the smallest node's memory, transfers binned into C size classes (clamped to 1..C), then K-path
 * matching with an exact k-path search. Like SEIFER it looks only at bandwidth when placing.
 */
import type { Rng } from '../util/rng';
import { type BaselineResult, candidateBandwidth, capacityReason, seiferCapacityBytes, singleStage } from './baseline';
import { chainBottleneckMs, type Instance } from './instance';
import { kPathMatching, transferClasses } from './kpath-matching';
import { minTransferPartition } from './partition-dag';

export function kpathChain(inst: Instance, rng: Rng, classCount = 20): BaselineResult {
  const lastBlocks = minTransferPartition(inst.profile, seiferCapacityBytes(inst), inst.candidates.length);
  if (!lastBlocks) return { reason: capacityReason(inst, 'kpath') };
  if (lastBlocks.length === 1) return singleStage(inst);
  const out = inst.profile.blocks.map((b) => b.outBytes);
  const all = [inst.profile.inputBytes, ...out.slice(0, -1), 0];
  const chosen = lastBlocks.slice(0, -1).map((b) => out[b]);
  const classes = transferClasses(all, chosen, classCount, true);
  const available = new Uint8Array(inst.candidates.length).fill(1);
  const placed = kPathMatching({ bandwidth: candidateBandwidth(inst), available, classes, classCount, rng });
  if (placed.some((v) => v === undefined)) return { reason: 'kpath: K-path matching found no path for every run of transfers (too few linked nodes)' };
  const chain = { nodes: placed.map((v) => inst.candidates[v!]), lastBlocks };
  // SEIFER places without the dispatcher in mind; with one, its ends may lack the links the input and result need
  if (chainBottleneckMs(inst, chain) === Infinity) return { reason: 'kpath: the placement ignores the dispatcher, and its first or last node has no link to it' };
  return { chain };
}
