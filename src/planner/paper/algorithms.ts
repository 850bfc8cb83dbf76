/**
 * SEIFER's three evaluated algorithms as its notebooks computed them, returning the bottleneck in
 * seconds with the notebooks' encodings: a number, 0 for "one partition" or "matching failed", Infinity for
 * "does not fit". Bandwidth is a symmetric n x n matrix in Mbit/s over a complete graph (paperBandwidthMatrix).
 */
import { randomInt, type Rng } from '../../util/rng';
import { kPathMatching, transferClasses } from '../kpath-matching';
import { type PaperMemo, paperPartition, pythonSliceSum } from './partition';
import type { PaperModel } from './profiles';

export type PaperOutcome = { kind: 'value'; seconds: number; nodes?: number[]; transfersMbit?: number[] } | { kind: 'single' } | { kind: 'unplaced' } | { kind: 'infeasible' };

/** The notebooks' number: 0 s for one partition or a failed matching, Infinity when nothing fits. */
export function outcomeSeconds(o: PaperOutcome): number {
  return o.kind === 'value' ? o.seconds : o.kind === 'infeasible' ? Infinity : 0;
}

/** get_bottleneck: max over hops of transfer / bandwidth (starting from 0, strictly greater replaces). */
function bottleneckSeconds(transfersMbit: number[], bandwidth: number[][], nodes: number[]): number {
  let worst = 0;
  transfersMbit.forEach((t, i) => {
    const s = t / bandwidth[nodes[i]][nodes[i + 1]];
    if (s > worst) worst = s;
  });
  return worst;
}

/** ITNAC K-path matching (algorithms.ipynb). */
export function paperKPath(model: PaperModel, capMB: number, bandwidth: number[][], classCount: number, memo: PaperMemo, rng: Rng): PaperOutcome {
  const { partitions, transfersMbit } = paperPartition(model, capMB * 2 ** 20, bandwidth.length, memo);
  if (partitions.length === 0) return { kind: 'infeasible' };
  if (partitions.length === 1) return { kind: 'single' };
  const classes = transferClasses(model.transferMbit, transfersMbit, classCount, false);
  const available = new Uint8Array(bandwidth.length).fill(1);
  const placed = kPathMatching({ bandwidth, available, classes, classCount, undirected: true, rng });
  if (placed.some((v) => v === undefined)) return { kind: 'unplaced' };
  const nodes = placed as number[];
  return { kind: 'value', seconds: bottleneckSeconds(transfersMbit, bandwidth, nodes), nodes, transfersMbit };
}

/** The greedy joint baseline (joint_optimization.ipynb): nearest neighbour by 1/bandwidth from every start node. */
export function paperJoint(model: PaperModel, capMB: number, bandwidth: number[][], memo: PaperMemo): PaperOutcome {
  const { partitions, transfersMbit } = paperPartition(model, capMB * 2 ** 20, bandwidth.length, memo);
  if (partitions.length === 0) return { kind: 'infeasible' };
  if (partitions.length === 1) return { kind: 'single' };
  const n = bandwidth.length;
  let best = Infinity;
  for (let start = 0; start < n; start++) {
    const removed = new Uint8Array(n);
    const path = [start];
    let u = start;
    for (let p = 0; p + 1 < partitions.length; p++) {
      let minWeight = Infinity;
      let next = 0;
      for (let v = 0; v < n; v++) {
        if (v === u || removed[v]) continue;
        const weight = 1 / bandwidth[u][v];
        if (weight < minWeight) [minWeight, next] = [weight, v];
      }
      removed[u] = 1;
      u = next;
      path.push(next);
    }
    // the notebook's graph stores 1/bandwidth and multiplies
    let worst = 0;
    transfersMbit.forEach((t, i) => {
      const s = t * (1 / bandwidth[path[i]][path[i + 1]]);
      if (s > worst) worst = s;
    });
    if (worst < best) best = worst;
  }
  return { kind: 'value', seconds: best };
}

/**
 * The random baseline (random_algorithm.ipynb): greedy memory splits (Python slice semantics included, so the
 * first split lands at 0 and is ignored), a random cut between consecutive splits, random distinct nodes. Memory is
 * never re-checked. Too many parts for the nodes is the notebook's uncaught ValueError: reported as infeasible.
 */
export function paperRandom(model: PaperModel, capMB: number, bandwidth: number[][], rng: Rng): PaperOutcome {
  const cap = capMB * 2 ** 20;
  const n = model.partitionPoints.length;
  const splits: number[] = [];
  for (let i = 0; i < n;) {
    let j = i;
    while (pythonSliceSum(model.segmentMemBytes, i, j - 1) < cap) {
      j += 1;
      if (j > n - 1) break;
    }
    if (j !== n) splits.push(j);
    i = j + 1;
  }
  const choices = splits.slice(1).map((split, s) => randomInt(rng, splits[s] + 1, split));
  const transfersMbit = choices.map((c) => model.transferMbit[c]);
  const parts = transfersMbit.length + 1;
  if (parts > bandwidth.length) return { kind: 'infeasible' };
  const pool = Array.from({ length: bandwidth.length }, (_, i) => i);
  const nodes: number[] = [];
  for (let i = 0; i < parts; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
    nodes.push(pool[i]);
  }
  return { kind: 'value', seconds: bottleneckSeconds(transfersMbit, bandwidth, nodes), nodes, transfersMbit };
}
