/** Blocks: the node ranges between consecutive cut points (single- and multi-tensor), each measured for the planner. */
import type { CutPoint } from './cut-points';
import type { Liveness } from './liveness';
import { bytesOf, storedWeightsOf, type WeightIndex } from './weights';
import type { Topology } from './topology';
import type { Graph } from './types';

export interface Block {
  index: number;
  /** First and last position (topological order) of the block's nodes, both inclusive. */
  firstPosition: number;
  lastPosition: number;
  firstNode: string;
  lastNode: string;
  nodeCount: number;
  /** Bytes of the weights the block's nodes read, each weight once. */
  paramBytes: number;
  /** Peak bytes of activations held while the block runs (its input included). */
  activationBytes: number;
  flops: number;
  /** Bytes crossing the cut after the block, every tensor counted (the graph outputs for the last block). */
  outBytes: number;
  /** How many tensors cross the cut after the block: 1 at SEIFER's cuts (the graph outputs for the last block). */
  outTensors: number;
}

export function buildBlocks(graph: Graph, topology: Topology, liveness: Liveness, cuts: readonly CutPoint[], flopsAt: ArrayLike<number>, weights: WeightIndex, outputBytes: number): Block[] {
  const n = topology.order.length;
  const ends = [...cuts.map((c) => c.position), n - 1];
  const blocks: Block[] = [];
  let first = 0;
  for (const last of ends) {
    if (last < first) continue;
    let flops = 0;
    let peak = 0;
    for (let p = first; p <= last; p++) {
      flops += flopsAt[p];
      peak = Math.max(peak, liveness.duringBytes[p]);
    }
    const nodeIndices = topology.order.slice(first, last + 1);
    blocks.push({
      index: blocks.length,
      firstPosition: first,
      lastPosition: last,
      firstNode: graph.nodes[topology.order[first]].name,
      lastNode: graph.nodes[topology.order[last]].name,
      nodeCount: last - first + 1,
      paramBytes: bytesOf(storedWeightsOf(nodeIndices, topology, weights), weights),
      activationBytes: peak,
      flops,
      outBytes: last === n - 1 ? outputBytes : liveness.liveBytes[last + 1],
      outTensors: last === n - 1 ? graph.outputs.length : liveness.liveCount[last + 1],
    });
    first = last + 1;
  }
  return blocks;
}
