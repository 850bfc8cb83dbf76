/**
 * The pieces a chain is made of (input hop, stages, hops between stages, result hop) priced two ways, so one set
 * of dynamic programmes serves both questions the planner asks:
 * - `bottleneckCosts`: the piece's time, combined by max (minimise the bottleneck);
 * - `sumCosts`: an additive price (end-to-end latency, bytes to redeploy), allowed only for pieces whose time is
 *   within a threshold (minimise the price among plans no slower than the threshold).
 * Every price is nondecreasing as a stage grows, which lets the loops stop early (Infinity = not allowed).
 */
import { type Chain, cutHopMs, inputMs, type Instance, outputMs, stageMs } from './instance';

export interface PieceCosts {
  combine: 'max' | 'sum';
  /** Blocks first..last on node (memory is checked by the caller through inst.maxEnd). */
  stage(node: number, first: number, last: number): number;
  /** The hop after block `cut`. */
  hop(from: number, to: number, cut: number): number;
  input(node: number): number;
  output(node: number): number;
  /** Every allowed hop's price is at least hopFloor x its time in ms (lets the big-cluster searches stop scanning). */
  hopFloor: number;
  /** Hops slower than this are not allowed (Infinity: all are). */
  maxHopMs: number;
  /** Nodes with the same key price every stage the same (so the searches compute each price once per key). */
  stageKey(node: number): number;
}

export function bottleneckCosts(inst: Instance): PieceCosts {
  return {
    combine: 'max',
    stage: (node, first, last) => stageMs(inst, node, first, last),
    hop: (from, to, cut) => cutHopMs(inst, from, to, cut),
    input: (node) => inputMs(inst, node),
    output: (node) => outputMs(inst, node),
    hopFloor: 1,
    maxHopMs: Infinity,
    stageKey: (node) => inst.stageClass[node],
  };
}

/** Additive prices of the pieces; the default prices are the pieces' times (end-to-end latency). */
export interface Prices {
  stage?(node: number, first: number, last: number, ms: number): number;
  hop?(from: number, to: number, cut: number, ms: number): number;
  input?(node: number, ms: number): number;
  output?(node: number, ms: number): number;
  /** A hop's price is at least this times its ms (default: 1 with the default hop price, else 0). */
  hopPerMs?: number;
  /** Nodes with the same key price stages the same (default: the node's class with the default stage price, else its own key). */
  stageKey?(node: number): number;
}

export function sumCosts(inst: Instance, thresholdMs: number, prices: Prices = {}): PieceCosts {
  const within = (ms: number, price: number) => (ms <= thresholdMs ? price : Infinity);
  return {
    combine: 'sum',
    stage: (node, first, last) => {
      const ms = stageMs(inst, node, first, last);
      return within(ms, prices.stage ? prices.stage(node, first, last, ms) : ms);
    },
    hop: (from, to, cut) => {
      const ms = cutHopMs(inst, from, to, cut);
      return within(ms, prices.hop ? prices.hop(from, to, cut, ms) : ms);
    },
    input: (node) => {
      const ms = inputMs(inst, node);
      return within(ms, prices.input ? prices.input(node, ms) : ms);
    },
    output: (node) => {
      const ms = outputMs(inst, node);
      return within(ms, prices.output ? prices.output(node, ms) : ms);
    },
    hopFloor: prices.hopPerMs ?? (prices.hop ? 0 : 1),
    maxHopMs: thresholdMs,
    stageKey: prices.stageKey ?? (prices.stage ? (node) => inst.stageClass.length + node : (node) => inst.stageClass[node]),
  };
}

export function combineCosts(costs: PieceCosts, a: number, b: number): number {
  return costs.combine === 'max' ? (a > b ? a : b) : a + b;
}

/** A whole chain priced with `costs` (Infinity when a piece is not allowed or a stage does not fit). */
export function chainValue(inst: Instance, costs: PieceCosts, chain: Chain): number {
  let value = costs.input(chain.nodes[0]);
  let first = 0;
  for (let i = 0; i < chain.nodes.length; i++) {
    const node = chain.nodes[i];
    const last = chain.lastBlocks[i];
    if (inst.maxEnd[node * inst.blockCount + first] < last) return Infinity;
    value = combineCosts(costs, value, costs.stage(node, first, last));
    if (i + 1 < chain.nodes.length) value = combineCosts(costs, value, costs.hop(node, chain.nodes[i + 1], last));
    first = last + 1;
  }
  return combineCosts(costs, value, costs.output(chain.nodes[chain.nodes.length - 1]));
}

/**
 * Every piece's cost, computed once into arrays over candidate-local node indices, so the searches' inner loops are
 * array reads. Stages are stored only as far as they can reach (memory, then the threshold).
 */
export interface PieceTable {
  sum: boolean;
  /** Candidate count; local index i is cluster node nodes[i]. */
  k: number;
  blockCount: number;
  nodes: number[];
  input: Float64Array;
  output: Float64Array;
  /** [(cut * k + i) * k + j]: the hop after block cut from local i to local j (Infinity on the diagonal). */
  hop: Float64Array;
  /** [i * B + s]: the last block a stage starting at s on local i can end at (s - 1 if none). */
  reach: Int32Array;
  /** [i * B + s]: where that stage's costs for e = s..reach start in `stage`. */
  stageAt: Int32Array;
  stage: Float64Array;
}

export function tabulate(inst: Instance, costs: PieceCosts): PieceTable {
  const nodes = inst.candidates;
  const k = nodes.length;
  const B = inst.blockCount;
  const input = Float64Array.from(nodes, (w) => costs.input(w));
  const output = Float64Array.from(nodes, (w) => costs.output(w));
  const hop = new Float64Array(Math.max(0, B - 1) * k * k).fill(Infinity);
  for (let cut = 0; cut + 1 < B; cut++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) if (i !== j) hop[(cut * k + i) * k + j] = costs.hop(nodes[i], nodes[j], cut);
    }
  }
  const reach = new Int32Array(k * B);
  const stageAt = new Int32Array(k * B);
  let size = 0;
  for (let i = 0; i < k; i++) {
    for (let s = 0; s < B; s++) {
      stageAt[i * B + s] = size;
      size += inst.maxEnd[nodes[i] * B + s] - s + 1;
    }
  }
  const stage = new Float64Array(size);
  for (let i = 0; i < k; i++) {
    for (let s = 0; s < B; s++) {
      const memoryReach = inst.maxEnd[nodes[i] * B + s];
      const at = stageAt[i * B + s];
      let e = s;
      for (; e <= memoryReach; e++) {
        const c = costs.stage(nodes[i], s, e);
        if (c === Infinity) break;
        stage[at + e - s] = c;
      }
      reach[i * B + s] = e - 1;
    }
  }
  return { sum: costs.combine === 'sum', k, blockCount: B, nodes, input, output, hop, reach, stageAt, stage };
}
