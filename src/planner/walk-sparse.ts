/**
 * The walk relaxation (lower-bound.ts: a node may host several stages, never two in a row) for clusters too big to
 * tabulate every hop. Backward over the blocks, `after[u][e]` is the best value of everything after a stage that
 * ends at block e on u, and `from[v][s]` the best value of a stage starting at s on v plus everything after it.
 * The step after[u][e] = min over v of combine(hop(u, v, e), from[v][e + 1]) is a threshold-algorithm scan of two
 * sorted lists, u's links by speed and the cut's K smallest `from` values, stopped as soon as nothing unseen can
 * beat the best so far: when the hop dominates (a big tensor) only the few fastest links are read, when the rest
 * dominates only the few best next nodes. Work is then about B·n·(L + a few) instead of B·n².
 * Arrays are indexed [local node * B + block], local = index into order.nodes.
 */
import { type Chain, type Instance } from './instance';
import { type LinkOrder, sortRest } from './link-order';
import type { PieceCosts } from './piece-costs';
import { type StageRows, stageRows } from './stage-rows';

export interface SparseWalk {
  /** [u * B + e]: best value after a stage ending at block e on u (Infinity: no walk finishes from there). */
  after: Float64Array;
  /** [v * B + s]: best value of a stage starting at block s on v and everything after it. */
  from: Float64Array;
  /** The relaxation's optimum, a lower bound on every plan's value (Infinity: not even a walk exists). */
  optimum: number;
  /** One walk with that value (null when none): when its nodes are distinct it is an optimal plan. */
  walk: Chain | null;
  /** False when the walk stopped at its step budget: then `optimum` is -Infinity (no bound) and `walk` null. */
  complete: boolean;
}

export interface SparseWalkOptions {
  /** Stop (complete: false) once the scans have looked at more links than this (default: no limit). */
  maxSteps?: number;
  /** Called with the share of blocks done, now and then. */
  onProgress?: (fraction: number) => void;
}

/** How many of the smallest `from` values per block the scan keeps sorted (the rest are bounded by the last). */
const TOP = 16;

export function sparseWalk(inst: Instance, order: LinkOrder, costs: PieceCosts, options: SparseWalkOptions = {}): SparseWalk {
  const { maxSteps = Infinity, onProgress } = options;
  const { k, nodes } = order;
  const B = inst.blockCount;
  const sum = costs.combine === 'sum';
  const pass: Pass = {
    inst,
    order,
    costs,
    sum,
    B,
    rows: stageRows(inst, nodes, costs),
    after: new Float64Array(k * B).fill(Infinity),
    from: new Float64Array(k * B).fill(Infinity),
    nextNode: new Int32Array(k * B).fill(-1),
    stageEnd: new Int32Array(k * B).fill(-1),
    topValue: new Float64Array(TOP),
    topNode: new Int32Array(TOP),
    topLength: 0,
    steps: 0,
  };
  const { after, from, nextNode, stageEnd } = pass;
  for (let u = 0; u < k; u++) after[u * B + B - 1] = costs.output(nodes[u]);
  const progressEvery = Math.max(1, Math.floor(B / 50));
  for (let s = B - 1; s >= 0; s--) {
    fillFrom(pass, s);
    if (s === 0) break;
    // beyond the list, every `from` value is at least its last entry (or Infinity when the list holds them all)
    const restFrom = pass.topLength === TOP ? pass.topValue[TOP - 1] : Infinity;
    for (let u = 0; u < k; u++) scanAfter(pass, u, s, restFrom);
    if (pass.steps > maxSteps) return { after, from, optimum: -Infinity, walk: null, complete: false };
    if (onProgress && s % progressEvery === 0) onProgress((B - s) / B);
  }

  let optimum = Infinity;
  let first = -1;
  for (let v = 0; v < k; v++) {
    const value = join(sum, costs.input(nodes[v]), from[v * B]);
    if (value < optimum) [optimum, first] = [value, v];
  }
  let walk: Chain | null = null;
  if (first >= 0) {
    walk = { nodes: [], lastBlocks: [] };
    for (let v = first, s = 0; ;) {
      const e = stageEnd[v * B + s];
      walk.nodes.push(nodes[v]);
      walk.lastBlocks.push(e);
      if (e === B - 1) break;
      [v, s] = [nextNode[v * B + e], e + 1];
    }
  }
  return { after, from, optimum, walk, complete: true };
}

/** The two ways pieces combine: a sum of prices, or the slowest of times. */
function join(sum: boolean, a: number, b: number): number {
  return sum ? a + b : a > b ? a : b;
}

/** One backward pass's arrays (small functions over them get optimised early, which matters for a single run). */
interface Pass {
  inst: Instance;
  order: LinkOrder;
  costs: PieceCosts;
  sum: boolean;
  B: number;
  rows: StageRows;
  after: Float64Array;
  from: Float64Array;
  nextNode: Int32Array;
  stageEnd: Int32Array;
  /** The cut's smallest `from` values, ascending, and their nodes. */
  topValue: Float64Array;
  topNode: Int32Array;
  topLength: number;
  /** Links looked at by the scans so far. */
  steps: number;
}

/** from[v][s] for every v, and the TOP smallest of them. */
function fillFrom(pass: Pass, s: number): void {
  const { rows, after, from, stageEnd, topValue, topNode, sum, B } = pass;
  const k = pass.order.k;
  let topLength = 0;
  for (let v = 0; v < k; v++) {
    const r = rows.row[v] * B + s;
    const reach = rows.reach[r];
    const at = rows.at[r] - s;
    let best = Infinity;
    let bestEnd = -1;
    for (let e = s; e <= reach; e++) {
      const c = rows.price[at + e];
      if (!(c < best)) break; // prices only grow with the stage
      const value = join(sum, c, after[v * B + e]);
      if (value < best) {
        best = value;
        bestEnd = e;
      }
    }
    from[v * B + s] = best;
    stageEnd[v * B + s] = bestEnd;
    if (best === Infinity || (topLength === TOP && best >= topValue[TOP - 1])) continue;
    let i = topLength < TOP ? topLength++ : TOP - 1;
    for (; i > 0 && topValue[i - 1] > best; i--) {
      topValue[i] = topValue[i - 1];
      topNode[i] = topNode[i - 1];
    }
    topValue[i] = best;
    topNode[i] = v;
  }
  pass.topLength = topLength;
}

/** after[u][s - 1]: the best next node for the cut before block s, by the two-list scan. */
function scanAfter(pass: Pass, u: number, s: number, restFrom: number): void {
  const { order, costs, inst, from, after, nextNode, topValue, topNode, topLength, sum, B } = pass;
  const { start, count, to, perByte, nodes } = order;
  const cut = s - 1;
  const bytes = inst.outBytes[cut];
  const floor = costs.hopFloor;
  const maxMs = costs.maxHopMs;
  let best = Infinity;
  let bestNode = -1;
  let i = 0;
  let j = start[u];
  const end = start[u] + count[u];
  for (let turn = 0; ; turn ^= 1) {
    if (j === order.sorted[u] && j < end) sortRest(order, u);
    const ms = j < end ? bytes * perByte[j] : Infinity;
    if (ms > maxMs || ms === Infinity) break; // every allowed next node has been seen
    const fromLow = i < topLength ? topValue[i] : restFrom;
    const hopLow = floor * ms;
    if (join(sum, fromLow, hopLow) >= best) break;
    const v = turn === 0 && i < topLength ? topNode[i++] : to[j++];
    if (v === u) continue;
    const value = join(sum, costs.hop(nodes[u], nodes[v], cut), from[v * B + s]);
    if (value < best) {
      best = value;
      bestNode = v;
    }
  }
  after[u * B + cut] = best;
  nextNode[u * B + cut] = bestNode;
  pass.steps += j - start[u] + i;
}
