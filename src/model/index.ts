/** The model layer: read any ONNX file, measure it, find its cut points, slice it into stages. No DOM, no workers. */
export type { Attribute, Dim, DType, Graph, Model, Node, Tensor, ValueInfo } from './types';
export { decodeModel } from './onnx-decode';
export { encodeModel } from './onnx-encode';
export { analyzeModel, type AnalyzeOptions, type ModelAnalysis } from './analyze';
export { describeInputs, resolveInputShapes, type InputDescription, type PartialShape } from './shapes/index';
export { bindInputValues, parseInputValues } from './input-values';
export type { Block } from './blocks';
export { MAX_CUT_TENSORS, singleTensorCuts, type CutPoint } from './cut-points';
export { toProfile, summarize, type ModelSummary } from './profile';
export type { Profile, ProfileBlock } from '../planner/types';
export { splitModel, sliceBlocks, cutPositionOf, type StageModel } from './slice';
export { balancedCuts } from './balance';
export { createSession, randomInputs, maxAbsDiff, type Session, type TensorValue } from './ort-run';
export { runChain, verifyChain, type ChainCheck } from './chain';
export { opsetVersion } from './opset';
