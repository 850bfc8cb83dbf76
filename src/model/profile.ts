/**
 * The block chain the planner consumes (the planner's own Profile type: declared once, in src/planner/types.ts),
 * and the summary `seifer-lab inspect` prints. Plain JSON data.
 */
import type { Profile } from '../planner/types';
import type { ModelAnalysis } from './analyze';
import { singleTensorCuts } from './cut-points';
import { opsetVersion } from './opset';

export function toProfile(analysis: ModelAnalysis): Profile {
  return {
    model: analysis.name,
    inputBytes: analysis.inputBytes,
    outputBytes: analysis.outputBytes,
    blocks: analysis.blocks.map((b) => ({
      name: b.lastNode,
      memoryBytes: b.paramBytes + b.activationBytes,
      flops: b.flops,
      outBytes: b.outBytes,
      outTensors: b.outTensors,
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
  /** Inputs fixed to a value (they are constants of the model as analysed). */
  fixedInputs: Record<string, number[]>;
  /** If nodes replaced by the branch their known condition takes. */
  inlinedIfs: string[];
  /** SEIFER's single-tensor cut points. */
  cutCount: number;
  /** Cut points where several tensors cross (docs/design.md, "Cut points"); blocks end at both kinds. */
  multiTensorCutCount: number;
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
    outTensors: number;
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
    fixedInputs: Object.fromEntries(Object.entries(analysis.fixedInputs).map(([name, t]) => [name, Array.from(t.data, Number)])),
    inlinedIfs: analysis.inlinedIfs,
    cutCount: singleTensorCuts(analysis.cuts).length,
    multiTensorCutCount: analysis.cuts.length - singleTensorCuts(analysis.cuts).length,
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
      outTensors: b.outTensors,
    })),
  };
}
