/**
 * Shape and dtype of every tensor of a model for given input shapes: our own synchronous inference
 * (inferShapes), and the ground truth from one onnxruntime-web run (probeShapes) for what it cannot do.
 */
export type { TensorInfo } from './types';
export { inferShapes } from './infer';
export { resolveInputShapes, parseInputShape } from './input-shapes';
export { probeShapes } from './probe';
export { supportedOps } from './registry';
