/**
 * SEIFER's partitioning exactly as the notebooks that produced the published CSVs ran it, quirks kept:
 * - (a) off-by-one: DAG node (i, j) counts segments i..j-2 and sends T[j-1]; the next node starts at j, so the
 *   segment between p_{j-1} and p_j is neither counted nor run; the memory test is strict (< capacity);
 * - (b) the memo of min-cost continuations is keyed by the end index only and, in the published runs, never
 *   cleared: pass one PaperMemo for a whole grid (filled by its first call) to reproduce that, a fresh one to fix it;
 * - (c) it minimises the sum of transfers, and the node limit applies only to whole root paths;
 * - (d) the caller maps 0 partitions to "infeasible" (inf) and 1 partition to 0 s.
 */
import type { PaperModel } from './profiles';

/** end index j -> the continuation chosen from there: its DAG nodes and their summed transfer (Mbit). */
export type PaperMemo = Map<number, { path: [number, number][]; cost: number }>;

export interface PaperPartition {
  /** The chosen DAG nodes (i, j), in order ([] when nothing fits). */
  partitions: [number, number][];
  /** The transfers between them, Mbit. */
  transfersMbit: number[];
}

/** Python's sum(values[start:stop]) including its negative-stop wrap-around (values[0:-1] is all but the last). */
export function pythonSliceSum(values: number[], start: number, stop: number): number {
  const n = values.length;
  const from = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
  const to = stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum;
}

export function paperPartition(model: PaperModel, capacityBytes: number, numNodes: number, memo: PaperMemo = new Map()): PaperPartition {
  const n = model.partitionPoints.length;
  const mems = model.segmentMemBytes;
  const T = model.transferMbit;
  const prefix = [0];
  for (const m of mems) prefix.push(prefix[prefix.length - 1] + m);
  const exists = (i: number, j: number) => prefix[j - 1] - prefix[i] < capacityBytes; // sum(mems[i:j-1]), j - 1 >= i
  const minCostPath = (i: number, j: number): { path: [number, number][]; cost: number } => {
    if (j === n) return { path: [[i, j]], cost: 0 };
    let continuation = memo.get(j);
    if (!continuation) {
      let best = { path: [] as [number, number][], cost: Infinity };
      // children (j, k), k ascending (networkx insertion order); the first minimum is kept
      for (let k = j + 1; k <= n && exists(j, k); k++) {
        const child = minCostPath(j, k);
        if (child.cost < best.cost) best = child;
      }
      continuation = best;
      memo.set(j, continuation);
    }
    return { path: [[i, j], ...continuation.path], cost: T[j - 1] + continuation.cost };
  };
  let chosen: [number, number][] = [];
  let chosenCost = Infinity;
  for (let j = 1; j <= n && exists(0, j); j++) {
    const { path, cost } = minCostPath(0, j);
    if (path.length > numNodes) continue;
    if (cost < chosenCost) [chosen, chosenCost] = [path, cost];
  }
  return { partitions: chosen, transfersMbit: chosen.slice(0, -1).map(([, j]) => T[j - 1]) };
}
