/**
 * `kpath`: SEIFER's ITNAC algorithm in correct mode: the least-total-transfer partition for the smallest node's
 * memory, transfers binned into C size classes (clamped to 1..C), then K-path matching with an exact k-path search
 * that gives up on a run it cannot place instead of keeping stale placements. Like SEIFER it looks only at
 * bandwidth when placing.
 */
import type { Rng } from '../util/rng';
import { type BaselineResult, candidateBandwidth, capacityReason, seiferCapacityBytes, singleStage } from './baseline';
import { chainBottleneckMs, type Instance } from './instance';
import { classEdges, matchRuns, transferClasses } from './kpath-matching';
import { minTransferPartition } from './partition-dag';

/** One run of transfers of one size class, placed on a path of nodes whose slowest link is `thresholdMbps`. */
export interface KpathRun {
  /** The size class (1 = smallest transfers, classCount = largest). */
  cls: number;
  /** Stages first..first+length joined by the run's transfers. */
  first: number;
  length: number;
  /** Candidate indices of the nodes the run was placed on (empty: no path, the matching stopped). */
  path: number[];
}

/** What kpath did, step by step (for explaining SEIFER's method): the partition, the classes, the runs in order. */
export interface KpathTrace {
  capacityBytes: number;
  /** Last block of each partition (null: no partition fits). */
  lastBlocks: number[] | null;
  /** Class edges in bytes (classCount + 1 of them) and the class of each chosen transfer. */
  edgesBytes: number[];
  classes: number[];
  runs: KpathRun[];
}

export function kpathChain(inst: Instance, rng: Rng, classCount = 20, trace?: KpathTrace): BaselineResult {
  const lastBlocks = minTransferPartition(inst.profile, seiferCapacityBytes(inst), inst.candidates.length);
  if (trace) Object.assign(trace, { capacityBytes: seiferCapacityBytes(inst), lastBlocks, edgesBytes: [], classes: [], runs: [] });
  if (!lastBlocks) return { reason: capacityReason(inst) };
  if (lastBlocks.length === 1) return singleStage(inst);
  const out = inst.profile.blocks.map((b) => b.outBytes);
  const all = [inst.profile.inputBytes, ...out.slice(0, -1), 0];
  const chosen = lastBlocks.slice(0, -1).map((b) => out[b]);
  const classes = transferClasses(all, chosen, classCount, true);
  if (trace) Object.assign(trace, { edgesBytes: classEdges(all, classCount), classes });
  const available = new Uint8Array(inst.candidates.length).fill(1);
  const onRun = trace ? (run: KpathRun) => void trace.runs.push({ ...run, path: [...run.path] }) : undefined;
  const { placed, noPath } = matchRuns({ bandwidth: candidateBandwidth(inst), available, classes, classCount, rng, strict: true, onRun });
  if (noPath) {
    return { reason: `its K-path matching found no chain of distinct linked nodes for stages ${noPath.first}..${noPath.last} (a run of transfers of one size class) joining the nodes already placed` };
  }
  const chain = { nodes: placed.map((v) => inst.candidates[v!]), lastBlocks };
  // SEIFER places without the dispatcher in mind: with one, the chain's ends may lack the links it needs
  if (inst.dispatcher >= 0 && chainBottleneckMs(inst, chain) === Infinity) return { reason: 'it places without the dispatcher in mind, and its first or last node has no link to it' };
  return { chain };
}
