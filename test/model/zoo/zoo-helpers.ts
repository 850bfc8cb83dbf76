/** Shared checks for the generated zoo models: run them in onnxruntime-web and judge the softmax. */
import * as ort from 'onnxruntime-web/wasm';
import { expect } from 'vitest';
import { encodeModel } from '../../../src/model/onnx-encode';
import type { Model } from '../../../src/model/types';
import { createRng } from '../../../src/util/rng';

ort.env.wasm.numThreads = 1;

/** Uniform [0, 1) values from `seed`, as the lab feeds the generated models. */
export function seededInput(shape: readonly number[], seed: number): Float32Array {
  const rng = createRng(seed);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng();
  return data;
}

/** Runs the model on a seeded input and returns its (only) output. */
export async function runModel(model: Model, inputSeed = 42): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(encodeModel(model));
  try {
    const input = model.graph.inputs[0];
    const shape = (input?.shape ?? []).map(Number);
    const feeds = { [input?.name ?? '']: new ort.Tensor('float32', seededInput(shape, inputSeed), shape) };
    const results = await session.run(feeds);
    return results[session.outputNames[0] ?? '']?.data as Float32Array;
  } finally {
    await session.release();
  }
}

/**
 * Runs the model with every declared value info as an extra output and returns the dims onnxruntime-web
 * actually produced for each, so a test can compare them with the shapes the builder declared.
 */
export async function producedShapes(model: Model, inputSeed = 42): Promise<Map<string, number[]>> {
  const probe: Model = { ...model, graph: { ...model.graph, outputs: [...model.graph.outputs, ...model.graph.valueInfo] } };
  const session = await ort.InferenceSession.create(encodeModel(probe));
  try {
    const input = model.graph.inputs[0];
    const shape = (input?.shape ?? []).map(Number);
    const results = await session.run({ [input?.name ?? '']: new ort.Tensor('float32', seededInput(shape, inputSeed), shape) });
    return new Map(Object.entries(results).map(([name, tensor]) => [name, [...tensor.dims]]));
  } finally {
    await session.release();
  }
}

/** Every declared shape (value infos and outputs) equals what onnxruntime-web computes. */
export async function expectDeclaredShapes(model: Model): Promise<void> {
  const produced = await producedShapes(model);
  const declared = [...model.graph.valueInfo, ...model.graph.outputs].map((v) => [v.name, v.shape]);
  expect(declared.map(([name]) => [name, produced.get(name as string)])).toEqual(declared);
}

/** Finite probabilities that sum to 1 and are not saturated on one class. */
export function expectSaneSoftmax(probabilities: Float32Array, classes: number): void {
  expect(probabilities.length).toBe(classes);
  expect(probabilities.every(Number.isFinite)).toBe(true);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  expect(Math.max(...probabilities)).toBeLessThan(0.99);
  // and not exactly uniform (a dead signal)
  expect(Math.max(...probabilities)).toBeGreaterThan(1 / classes + 1e-6);
}

/** Within `tolerance` (a fraction) of the published count. */
export function expectParamsNear(actual: number, reference: number, tolerance = 0.02): void {
  expect(Math.abs(actual / reference - 1)).toBeLessThan(tolerance);
}

export function opCounts(model: Model): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of model.graph.nodes) counts[node.opType] = (counts[node.opType] ?? 0) + 1;
  return counts;
}
