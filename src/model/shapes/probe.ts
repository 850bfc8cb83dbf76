/**
 * Ground truth for shapes: run the model once in onnxruntime-web with every intermediate tensor exposed as a
 * graph output, and read what came out. Works in Node and in the browser.
 */
import * as ort from 'onnxruntime-web/wasm';
import { errors } from '../../errors';
import { explainOrtError } from '../ort-run';
import { elementCount, isFloatDType, type DType } from '../dtype';
import { encodeModel } from '../onnx-encode';
import type { Model, ValueInfo } from '../types';
import { realInputs, resolveInputShapes } from './input-shapes';
import { MAX_VALUE_ELEMENTS, tensorInfo, tensorValues } from './values';
import type { TensorInfo } from './types';

/**
 * Runs the model once (numThreads 1, graph optimisations off) and returns dtype and shape of every tensor it
 * ran: graph inputs, initializers and every node output. `value` holds the observed elements of small
 * integer and bool tensors (the shape arithmetic); float values depend on the synthetic input and are left out.
 */
export async function probeShapes(model: Model, inputShapes: Record<string, number[]>): Promise<Map<string, TensorInfo>> {
  const shapes = resolveInputShapes(model, inputShapes);
  const exposed = exposedTensors(model);
  // declared without a type: onnxruntime infers each one (a guessed type would be an error when wrong)
  const probe = withOutputs(
    model,
    shapes,
    exposed.map((name): ValueInfo => ({ name, dtype: 'float32', opaqueType: null })),
  );
  ort.env.wasm.numThreads = 1;
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(encodeModel(probe), { graphOptimizationLevel: 'disabled', logSeverityLevel: 3 });
  } catch (error) {
    throw explainOrtError(error, 'probeShapes', model);
  }
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of realInputs(model)) feeds[input.name] = syntheticTensor(input.name, input.dtype, shapes[input.name]);
    const results = await session.run(feeds);
    const infos = new Map<string, TensorInfo>();
    for (const t of model.graph.initializers) infos.set(t.name, tensorInfo(t.dtype, t.dims, isFloatDType(t.dtype) ? undefined : tensorValues(t)));
    for (const input of realInputs(model)) infos.set(input.name, tensorInfo(input.dtype, shapes[input.name]));
    for (const name of exposed) {
      const tensor = results[name];
      if (tensor) infos.set(name, observed(tensor));
    }
    return infos;
  } catch (error) {
    throw explainOrtError(error, 'probeShapes', model);
  } finally {
    await session.release();
  }
}

/** Every node output that is not a graph input or weight, the model's own outputs first. */
function exposedTensors(model: Model): string[] {
  const skip = new Set([...model.graph.initializers.map((t) => t.name), ...model.graph.inputs.map((i) => i.name)]);
  const names = new Set(model.graph.outputs.map((o) => o.name).filter((name) => !skip.has(name)));
  for (const node of model.graph.nodes) for (const out of node.outputs) if (out && !skip.has(out)) names.add(out);
  return [...names];
}

/** A copy of the model whose inputs have the concrete shapes and whose outputs are `outputs`. */
function withOutputs(model: Model, shapes: Record<string, number[]>, outputs: ValueInfo[]): Model {
  const inputs = model.graph.inputs.map((input) => (input.name in shapes ? { ...input, shape: shapes[input.name] } : input));
  // declared value_info could disagree with the run at other input sizes; the run itself is the truth here
  return { ...model, graph: { ...model.graph, inputs, outputs, valueInfo: [] } };
}

function observed(tensor: ort.Tensor): TensorInfo {
  const dtype = tensor.type as DType;
  const shape = [...tensor.dims];
  if (isFloatDType(dtype) || dtype === 'string' || elementCount(shape) > MAX_VALUE_ELEMENTS) return tensorInfo(dtype, shape);
  const data = tensor.data as ArrayLike<number | bigint>;
  return tensorInfo(
    dtype,
    shape,
    Array.from(data, (v) => Number(v)),
  );
}

/** Deterministic input data: a ramp in [0, 1) for floats (no NaN traps), zeros for integers, false for bools. */
function syntheticTensor(name: string, dtype: DType, shape: number[]): ort.Tensor {
  const count = elementCount(shape);
  const ramp = (i: number) => (i % 251) / 251;
  switch (dtype) {
    case 'float32':
      return new ort.Tensor(
        'float32',
        Float32Array.from({ length: count }, (_, i) => ramp(i)),
        shape,
      );
    case 'float64':
      return new ort.Tensor(
        'float64',
        Float64Array.from({ length: count }, (_, i) => ramp(i)),
        shape,
      );
    case 'float16':
      return new ort.Tensor('float16', new Uint16Array(count), shape);
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(count), shape);
    case 'uint64':
      return new ort.Tensor('uint64', new BigUint64Array(count), shape);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(count), shape);
    case 'uint32':
      return new ort.Tensor('uint32', new Uint32Array(count), shape);
    case 'int16':
      return new ort.Tensor('int16', new Int16Array(count), shape);
    case 'uint16':
      return new ort.Tensor('uint16', new Uint16Array(count), shape);
    case 'int8':
      return new ort.Tensor('int8', new Int8Array(count), shape);
    case 'uint8':
      return new ort.Tensor('uint8', new Uint8Array(count), shape);
    case 'bool':
      return new ort.Tensor('bool', new Uint8Array(count), shape);
    case 'string':
      return new ort.Tensor('string', new Array<string>(count).fill(''), shape);
    default:
      throw errors.runtime(`graph input '${name}'`, `inputs of element type ${dtype} cannot be fed from JavaScript`);
  }
}
