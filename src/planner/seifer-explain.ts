/**
 * SEIFER's method on a given model and cluster, step by step, for teaching: the capacity it plans for (the smallest
 * node's memory), the least-transfer partition under it, the transfer-size classes with their thresholds, and each
 * run of transfers of one class placed by K-path matching on a path whose slowest link sets the class of links it
 * used. It replays exactly what plan(..., {algorithm: 'kpath'}) does (same partition, classes and random stream).
 */
import { singleTensorProfile } from './grouping';
import { compileInstance } from './instance';
import { kpathChain, type KpathTrace } from './kpath';
import { streamFor } from './streams';
import type { Cluster, Objective, Profile } from './types';
import { validateCluster, validateProfile } from './validate';

export interface SeiferPartition {
  firstBlock: number;
  lastBlock: number;
  memoryBytes: number;
  /** Bytes it sends to the next partition (the transfer K-path matching classifies); null for the last. */
  outBytes: number | null;
  /** The size class of that transfer (1 = smallest); null for the last. */
  cls: number | null;
}

export interface SeiferRun {
  cls: number;
  /** The partitions the run joins (first..last, inclusive). */
  firstPartition: number;
  lastPartition: number;
  /** Node ids it placed them on, in order (empty when no path existed: the matching stopped). */
  nodes: string[];
  /** The slowest link on that path: every link the path uses is at least this fast. */
  thresholdMbps: number | null;
}

export interface SeiferSteps {
  /** The smallest node's memory: SEIFER plans every partition for it. */
  capacityBytes: number;
  smallestNode: string;
  /** null when the model does not fit in that many partitions of that size. */
  partitions: SeiferPartition[] | null;
  classCount: number;
  /** Class edges in bytes: a transfer of size x is in class k when edges[k-1] <= x < edges[k]. */
  edgesBytes: number[];
  runs: SeiferRun[];
}

export interface SeiferStepOptions {
  seed?: number;
  classes?: number;
  objective?: Objective;
}

export function seiferSteps(profile: Profile, cluster: Cluster, options: SeiferStepOptions = {}): SeiferSteps {
  const { seed = 1, classes = 20, objective = 'full' } = options;
  const grouping = singleTensorProfile(validateProfile(profile));
  const inst = compileInstance(grouping.profile, validateCluster(cluster), objective);
  const trace: KpathTrace = { capacityBytes: 0, lastBlocks: null, edgesBytes: [], classes: [], runs: [] };
  kpathChain(inst, streamFor(seed, 'kpath'), classes, trace);
  const smallest = inst.candidates.reduce((a, b) => (inst.memoryBytes[b] < inst.memoryBytes[a] ? b : a));
  const ends = trace.lastBlocks;
  const partitions = ends
    ? ends.map((end, k): SeiferPartition => {
        const start = k === 0 ? 0 : ends[k - 1] + 1;
        const isLast = k === ends.length - 1;
        return {
          firstBlock: grouping.groups[start][0],
          lastBlock: grouping.groups[end][1],
          memoryBytes: inst.memPrefix[end + 1] - inst.memPrefix[start],
          outBytes: isLast ? null : grouping.profile.blocks[end].outBytes,
          cls: isLast ? null : (trace.classes[k] ?? null),
        };
      })
    : null;
  const id = (candidate: number) => cluster.nodes[inst.candidates[candidate]].id;
  const runs = trace.runs.map((run): SeiferRun => {
    const nodes = run.path.map(id);
    let threshold = Infinity;
    for (let i = 0; i + 1 < run.path.length; i++) threshold = Math.min(threshold, cluster.bandwidthMbps[inst.candidates[run.path[i]]][inst.candidates[run.path[i + 1]]]);
    return { cls: run.cls, firstPartition: run.first, lastPartition: run.first + run.length, nodes, thresholdMbps: Number.isFinite(threshold) ? threshold : null };
  });
  return { capacityBytes: trace.capacityBytes || inst.memoryBytes[smallest], smallestNode: cluster.nodes[smallest].id, partitions, classCount: classes, edgesBytes: trace.edgesBytes, runs };
}
