/**
 * Shape and dtype of every tensor of a model for given input shapes: our own synchronous inference
 * (inferShapes), and the ground truth from one onnxruntime-web run (probeShapes) for what it cannot do.
 */
export type { TensorInfo } from './types';
export { inferShapes } from './infer';
export { describeInputs, resolveInputShapes, type PartialShape } from './input-shapes';
export { combineInputShapes, parseInputShape } from './input-shape-text';
export { probeShapes } from './probe';
export { supportedOps } from './registry';
