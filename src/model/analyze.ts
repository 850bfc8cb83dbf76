/** One model, fully measured: shapes, topology, liveness, cut points, blocks and totals. The input of everything else. */
import { SeiferError } from '../errors';
import { tensorBytes } from './dtype';
import { buildBlocks, type Block } from './blocks';
import { findCutPoints, type CutPoint } from './cut-points';
import { nodeFlops } from './flops';
import { computeLiveness, type Liveness } from './liveness';
import { inferShapes, probeShapes, resolveInputShapes, type TensorInfo } from './shapes/index';
import { analyzeTopology, type Topology } from './topology';
import type { Model } from './types';
import { indexWeights, type WeightIndex } from './weights';

export interface ModelAnalysis {
  name: string;
  model: Model;
  inputShapes: Record<string, number[]>;
  tensors: Map<string, TensorInfo>;
  /** 'inferred' by our own rules, or 'probed' by one onnxruntime-web run when the rules could not. */
  shapeSource: 'inferred' | 'probed';
  topology: Topology;
  liveness: Liveness;
  weights: WeightIndex;
  /** FLOPs of the node at each position of the topological order. */
  flopsAt: Float64Array;
  cuts: CutPoint[];
  blocks: Block[];
  paramCount: number;
  paramBytes: number;
  flops: number;
  inputBytes: number;
  outputBytes: number;
}

export interface AnalyzeOptions {
  /** Shown in messages and summaries. */
  name?: string;
  /** One shape (single-input models) or one per input name; unset dims otherwise come from the model (batch -> 1). */
  inputShape?: number[] | Record<string, number[]>;
}

export async function analyzeModel(model: Model, options: AnalyzeOptions = {}): Promise<ModelAnalysis> {
  const topology = analyzeTopology(model.graph);
  const inputShapes = resolveInputShapes(model, options.inputShape);
  let tensors: Map<string, TensorInfo>;
  let shapeSource: ModelAnalysis['shapeSource'] = 'inferred';
  try {
    tensors = inferShapes(model, inputShapes);
  } catch (error) {
    if (!(error instanceof SeiferError) || error.code !== 'shape-inference') throw error;
    // our rules do not know this op (or the shape depends on data): ask onnxruntime-web, which runs it once
    tensors = await probeShapes(model, inputShapes);
    shapeSource = 'probed';
  }
  return measure(model, options.name ?? (model.graph.name || 'model'), inputShapes, tensors, shapeSource, topology);
}

function measure(
  model: Model,
  name: string,
  inputShapes: Record<string, number[]>,
  tensors: Map<string, TensorInfo>,
  shapeSource: ModelAnalysis['shapeSource'],
  topology: Topology,
): ModelAnalysis {
  const graph = model.graph;
  const bytesOf = (tensor: string) => {
    const info = tensors.get(tensor);
    return info ? tensorBytes(info.dtype, info.shape) : 0;
  };
  const shapeOf = (tensor: string) => tensors.get(tensor)?.shape;
  const liveness = computeLiveness(graph, topology, bytesOf);
  const weights = indexWeights(graph, topology);
  const flopsAt = Float64Array.from(topology.order, (index) => nodeFlops(graph.nodes[index], shapeOf));
  const cuts = findCutPoints(liveness);
  const outputBytes = graph.outputs.reduce((sum, o) => sum + bytesOf(o.name), 0);
  const blocks = buildBlocks(graph, topology, liveness, cuts, flopsAt, weights, outputBytes);
  let paramCount = 0;
  let paramBytes = 0;
  for (const w of weights.stored.values()) {
    paramCount += w.elements;
    paramBytes += w.bytes;
  }
  return {
    name,
    model,
    inputShapes,
    tensors,
    shapeSource,
    topology,
    liveness,
    weights,
    flopsAt,
    cuts,
    blocks,
    paramCount,
    paramBytes,
    flops: flopsAt.reduce((a, b) => a + b, 0),
    inputBytes: topology.activationInputs.reduce((sum, input) => sum + bytesOf(input), 0),
    outputBytes,
  };
}
