/** The block chain the planner consumes, and the summary `seifer-lab inspect` prints. Plain JSON data. */
import type { ModelAnalysis } from './analyze';
import { opsetVersion } from './opset';

export interface ProfileBlock {
  name: string;
  /** Parameter bytes + peak activation bytes of the block. */
  memoryBytes: number;
  flops: number;
  /** Bytes crossing the cut after this block. */
  outBytes: number;
}

export interface ModelProfile {
  model: string;
  inputBytes: number;
  outputBytes: number;
  blocks: ProfileBlock[];
}

export function toProfile(analysis: ModelAnalysis): ModelProfile {
  return {
    model: analysis.name,
    inputBytes: analysis.inputBytes,
    outputBytes: analysis.outputBytes,
    blocks: analysis.blocks.map((b) => ({
      name: b.lastNode,
      memoryBytes: b.paramBytes + b.activationBytes,
      flops: b.flops,
      outBytes: b.outBytes,
    })),
  };
}

export interface TensorSummary {
  name: string;
  shape: number[];
  dtype: string;
}

export interface ModelSummary {
  name: string;
  opset: number;
  irVersion: number;
  producer: string;
  nodeCount: number;
  paramCount: number;
  paramBytes: number;
  flops: number;
  inputs: TensorSummary[];
  outputs: TensorSummary[];
  shapeSource: string;
  cutCount: number;
  blocks: {
    index: number;
    firstNode: string;
    lastNode: string;
    firstPosition: number;
    lastPosition: number;
    nodeCount: number;
    paramBytes: number;
    activationBytes: number;
    flops: number;
    outBytes: number;
  }[];
}

export function summarize(analysis: ModelAnalysis): ModelSummary {
  const { model, tensors } = analysis;
  const describe = (name: string): TensorSummary => ({ name, shape: tensors.get(name)?.shape ?? [], dtype: tensors.get(name)?.dtype ?? 'float32' });
  return {
    name: analysis.name,
    opset: opsetVersion(model),
    irVersion: model.irVersion,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    nodeCount: model.graph.nodes.length,
    paramCount: analysis.paramCount,
    paramBytes: analysis.paramBytes,
    flops: analysis.flops,
    inputs: analysis.topology.activationInputs.map(describe),
    outputs: model.graph.outputs.map((o) => describe(o.name)),
    shapeSource: analysis.shapeSource,
    cutCount: analysis.cuts.length,
    blocks: analysis.blocks.map((b) => ({
      index: b.index,
      firstNode: b.firstNode,
      lastNode: b.lastNode,
      firstPosition: b.firstPosition,
      lastPosition: b.lastPosition,
      nodeCount: b.nodeCount,
      paramBytes: b.paramBytes,
      activationBytes: b.activationBytes,
      flops: b.flops,
      outBytes: b.outBytes,
    })),
  };
}
