/** One model, fully measured: shapes, topology, liveness, cut points, blocks and totals. The input of everything else. */
import { errors, SeiferError } from '../errors';
import { tensorBytes } from './dtype';
import { buildBlocks, type Block } from './blocks';
import { findCutPoints, type CutPoint } from './cut-points';
import { nodeFlops } from './flops';
import { computeLiveness, type Liveness } from './liveness';
import { inlineKnownIfs } from './inline-if';
import { bindInputValues } from './input-values';
import type { TensorValue } from './ort-run';
import { inferShapes, probeShapes, resolveInputShapes, type PartialShape, type TensorInfo } from './shapes/index';
import { analyzeTopology, type Topology } from './topology';
import type { Model } from './types';
import { indexWeights, type WeightIndex } from './weights';

export interface ModelAnalysis {
  name: string;
  /** The model as analysed: inputs given a value are constants and the Ifs they decide are inlined (else the model as read). */
  model: Model;
  inputShapes: Record<string, number[]>;
  /** Inputs of the model as read that were fixed to a value (`inputValues`): feed them when running that model. */
  fixedInputs: Record<string, TensorValue>;
  /** If nodes replaced by the branch their statically known condition takes. */
  inlinedIfs: string[];
  tensors: Map<string, TensorInfo>;
  /** 'inferred' by our own rules, or 'probed' by one onnxruntime-web run when the rules could not. */
  shapeSource: 'inferred' | 'probed';
  topology: Topology;
  liveness: Liveness;
  weights: WeightIndex;
  /** FLOPs of the node at each position of the topological order. */
  flopsAt: Float64Array;
  /** Every cut point (single- and multi-tensor), in order. */
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
  /**
   * One shape (single-input models) or one per input name; a null dim, or an input not named, comes from the
   * model's declared dims and the named-dim bindings (a batch-like dim is 1).
   */
  inputShape?: PartialShape | Record<string, PartialShape>;
  /** Values of named (symbolic) dims, e.g. { batch: 1, time: 16000 }: each binds every input that names it. */
  dims?: Record<string, number>;
  /** Inputs fixed to a value, e.g. { sr: [16000] }: they become constants, and an If they decide is inlined. */
  inputValues?: Record<string, number[]>;
}

export async function analyzeModel(model: Model, options: AnalyzeOptions = {}): Promise<ModelAnalysis> {
  const name = options.name ?? (model.graph.name || 'model');
  const asRead = analyzeTopology(model.graph); // the structural checks, on the model as read
  const fixed = bindInputValues(model, options.inputValues ?? {});
  const inputShapes = resolveInputShapes(fixed.model, options.inputShape, options.dims);
  const { model: working, inlined } = inlineKnownIfs(fixed.model, inputShapes);
  const topology = working === model ? asRead : analyzeTopology(working.graph);
  checkSomethingToRun(name, working, topology);
  let tensors: Map<string, TensorInfo>;
  let shapeSource: ModelAnalysis['shapeSource'] = 'inferred';
  try {
    tensors = inferShapes(working, inputShapes);
  } catch (error) {
    if (!(error instanceof SeiferError) || error.code !== 'shape-inference') throw error;
    // our rules do not know this op (or the shape depends on data): ask onnxruntime-web, which runs it once
    tensors = await probeShapes(working, inputShapes);
    shapeSource = 'probed';
  }
  return { ...measure(working, name, inputShapes, tensors, shapeSource, topology), fixedInputs: fixed.feeds, inlinedIfs: inlined };
}

function checkSomethingToRun(name: string, model: Model, topology: Topology): void {
  const graph = model.graph;
  if (graph.nodes.length === 0) throw errors.emptyGraph(name, 'its graph has no nodes');
  if (graph.outputs.length === 0) throw errors.emptyGraph(name, 'its graph declares no outputs');
  if (topology.order.length === 0) throw errors.emptyGraph(name, `none of its ${graph.nodes.length} node(s) computes on an input (they compute from weights alone)`);
}

function measure(
  model: Model,
  name: string,
  inputShapes: Record<string, number[]>,
  tensors: Map<string, TensorInfo>,
  shapeSource: ModelAnalysis['shapeSource'],
  topology: Topology,
): Omit<ModelAnalysis, 'fixedInputs' | 'inlinedIfs'> {
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
