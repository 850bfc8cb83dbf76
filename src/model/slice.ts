/**
 * Slicing: stage ONNX models whose chained output equals the whole model's.
 * Contract between stages is positional: outputs[i] of stage k feeds inputs[i] of stage k + 1.
 */
import { errors } from '../errors';
import type { ModelAnalysis } from './analyze';
import { liveTensorsAt } from './liveness';
import { encodeModel } from './onnx-encode';
import type { Graph, Model, Node, ValueInfo } from './types';
import { bytesOf, storedWeightsOf } from './weights';

export interface StageModel {
  index: number;
  /** Positions (topological order) of the first and last compute node of the stage. */
  firstPosition: number;
  lastPosition: number;
  /** Compute nodes of the stage (weights and pass-throughs not counted). */
  nodeCount: number;
  inputs: string[];
  outputs: string[];
  paramBytes: number;
  model: Model;
  bytes: Uint8Array;
}

/**
 * Splits at the given cut positions (a cut at p runs between positions p and p + 1; any position is valid, and a cut
 * where several activations are live carries all of them). Each stage holds only the weights it uses.
 */
export function splitModel(analysis: ModelAnalysis, cuts: readonly number[]): StageModel[] {
  const n = analysis.topology.order.length;
  checkCuts(cuts, n);
  const bounds = [-1, ...cuts, n - 1];
  const stages: StageModel[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    stages.push(buildStage(analysis, k, bounds[k], bounds[k + 1], k + 2 === bounds.length));
  }
  return stages;
}

/**
 * One stage alone: blocks firstBlock..lastBlock (numbered like analysis.blocks) as a stage model, without
 * slicing the rest of the model. Used when a plan moves one stage to another node.
 */
export function sliceBlocks(analysis: ModelAnalysis, firstBlock: number, lastBlock: number): StageModel {
  const blocks = analysis.blocks;
  if (!(Number.isInteger(firstBlock) && Number.isInteger(lastBlock) && 0 <= firstBlock && firstBlock <= lastBlock && lastBlock < blocks.length)) {
    throw errors.noSuchCut(`around blocks ${firstBlock}..${lastBlock}`, `blocks 0..${blocks.length - 1}`);
  }
  const before = firstBlock === 0 ? -1 : blocks[firstBlock - 1].lastPosition;
  return buildStage(analysis, firstBlock, before, blocks[lastBlock].lastPosition, lastBlock === blocks.length - 1);
}

function checkCuts(cuts: readonly number[], nodeCount: number): void {
  if (!Array.isArray(cuts)) throw new TypeError(`'cuts' must be an array of positions, got ${typeof cuts}`);
  const range = nodeCount >= 2 ? `positions 0..${nodeCount - 2} (after each node but the last), in increasing order` : 'none: the model has a single node';
  cuts.forEach((c, k) => {
    if (!Number.isInteger(c) || c < 0 || c > nodeCount - 2) throw errors.noSuchCut(`at position ${c}`, range);
    if (k > 0 && c <= cuts[k - 1]) throw errors.noSuchCut(`at position ${c} after ${cuts[k - 1]}`, range);
  });
}

function buildStage(analysis: ModelAnalysis, index: number, before: number, last: number, isLast: boolean): StageModel {
  const { model, topology, liveness, tensors } = analysis;
  const graph = model.graph;
  const computeNodes = topology.order.slice(before + 1, last + 1);
  const produced = new Set(computeNodes.flatMap((i) => graph.nodes[i].outputs));
  const inputNames = before === -1 ? topology.activationInputs : liveTensorsAt(liveness, before);
  const outputNames = isLast ? graph.outputs.map((o) => o.name) : liveTensorsAt(liveness, last);
  // boundary tensors carry their dtype and shape, so a stage file can be inspected and run on its own
  const info = (name: string): ValueInfo => {
    const known = tensors.get(name);
    return known ? { name, dtype: known.dtype, shape: [...known.shape] } : { name, dtype: 'float32' };
  };

  // Tensors that only pass through this stage: ORT rejects a graph output that is also a graph input, so the
  // stage takes them under a new name and an Identity restores the original one.
  const inputSet = new Set(inputNames);
  const passThrough = new Set(outputNames.filter((name) => inputSet.has(name) && !produced.has(name)));
  const stageInputName = (name: string) => (passThrough.has(name) ? `${name}__stage${index}_in` : name);
  const identities: Node[] = [...passThrough].map((name) => ({
    name: `${name}__stage${index}_pass`,
    opType: 'Identity',
    domain: '',
    inputs: [stageInputName(name)],
    outputs: [name],
    attributes: [],
  }));

  const freeNodes = freeClosure(analysis, computeNodes);
  const nodes = [...freeNodes.map((i) => graph.nodes[i]), ...identities, ...computeNodes.map((i) => graph.nodes[i])];
  const used = new Set([...computeNodes, ...freeNodes].flatMap((i) => topology.reads[i]));
  const declared = new Map(graph.inputs.map((v) => [v.name, v]));
  const declaredOut = new Map(graph.outputs.map((v) => [v.name, v]));
  const internal = new Set(nodes.flatMap((node) => node.outputs));
  for (const name of outputNames) internal.delete(name);

  const stageGraph: Graph = {
    name: `${graph.name || 'model'}_stage${index}`,
    nodes,
    initializers: graph.initializers.filter((t) => used.has(t.name)),
    inputs: inputNames.map((name) => ({ ...(before === -1 ? (declared.get(name) ?? info(name)) : info(name)), name: stageInputName(name) })),
    outputs: outputNames.map((name) => (isLast ? (declaredOut.get(name) ?? info(name)) : info(name))),
    valueInfo: graph.valueInfo.filter((v) => internal.has(v.name)),
  };
  const stageModel: Model = { ...model, graph: stageGraph, metadata: { ...model.metadata, 'seifer-lab.stage': String(index) } };
  return {
    index,
    firstPosition: before + 1,
    lastPosition: last,
    nodeCount: computeNodes.length,
    inputs: stageGraph.inputs.map((v) => v.name),
    outputs: outputNames,
    paramBytes: bytesOf(storedWeightsOf(computeNodes, topology, analysis.weights), analysis.weights),
    model: stageModel,
    bytes: encodeModel(stageModel),
  };
}

/** The free nodes (Constants and weight-only computations) the given nodes need, in dependency order. */
function freeClosure(analysis: ModelAnalysis, computeNodes: number[]): number[] {
  const { topology } = analysis;
  const result: number[] = [];
  const visited = new Set<number>();
  const visit = (name: string) => {
    const p = topology.producer.get(name);
    if (p === undefined || !topology.isFree[p] || visited.has(p)) return;
    visited.add(p);
    for (const input of topology.reads[p]) visit(input);
    result.push(p);
  };
  for (const i of computeNodes) for (const name of topology.reads[i]) visit(name);
  return result;
}
