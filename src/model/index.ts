/** The model layer: read any ONNX file, measure it, find its cut points, slice it into stages. No DOM, no workers. */
export type { Model } from './types';
export { decodeModel } from './onnx-decode';
export { encodeModel } from './onnx-encode';
export { analyzeModel, type ModelAnalysis } from './analyze';
export { singleTensorCuts } from './cut-points';
export { toProfile, summarize, type ModelSummary } from './profile';
export { splitModel, sliceBlocks, type StageModel } from './slice';
export { balancedCuts } from './balance';
export { createSession, randomInputs, maxAbsDiff, type TensorValue } from './ort-run';
export { verifyChain } from './chain';
