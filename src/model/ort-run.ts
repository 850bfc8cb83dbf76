/**
 * Running models with onnxruntime-web (wasm, one thread), the same in Node and in browsers/workers.
 * onnxruntime's failures become SeiferErrors that name the node and op.
 */
import * as ort from 'onnxruntime-web/wasm';
import { describeError, errors, SeiferError } from '../errors';
import { createRng, randomNormal } from '../util/rng';
import type { DType } from './dtype';
import type { Model } from './types';

ort.env.wasm.numThreads = 1;

export type TypedData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | Uint16Array | Int16Array;

/** A tensor value as plain data: what crosses postMessage (transfer data.buffer) and what tests compare. */
export interface TensorValue {
  dtype: DType;
  dims: number[];
  data: TypedData;
}

export interface Session {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>>;
  release(): Promise<void>;
}

/** Creates a session; `model` (when given) lets errors name the node behind an onnxruntime message. */
export async function createSession(bytes: Uint8Array, where: string, model?: Model): Promise<Session> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
  } catch (error) {
    throw explainOrtError(error, where, model);
  }
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, value] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(value.dtype as ort.Tensor.Type, value.data as ort.Tensor.DataType, value.dims);
      let results: ort.InferenceSession.OnnxValueMapType;
      try {
        results = await session.run(ortFeeds);
      } catch (error) {
        throw explainOrtError(error, where, model);
      }
      const out: Record<string, TensorValue> = {};
      for (const [name, tensor] of Object.entries(results)) {
        out[name] = { dtype: tensor.type as DType, dims: [...tensor.dims], data: tensor.data as TypedData };
      }
      return out;
    },
    release: () => session.release(),
  };
}

/** onnxruntime's message, turned into unsupportedOp (naming the node) when it names an op it cannot run. */
export function explainOrtError(error: unknown, where: string, model?: Model): SeiferError {
  if (error instanceof SeiferError) return error;
  const message = describeError(error);
  const nodes = model?.graph.nodes ?? [];
  const noKernel = /Could not find an implementation for (\w+)\((\d+)\) node with name '([^']*)'/.exec(message);
  if (noKernel) {
    const node = nodes.find((n) => n.name === noKernel[3]) ?? nodes.find((n) => n.opType === noKernel[1]);
    // an unnamed node is one onnxruntime made while expanding a function op (HardSwish -> HardSigmoid...)
    const at = node?.name ?? (noKernel[3] || `a ${noKernel[1]} inside an expanded op`);
    return errors.unsupportedOp(at, noKernel[1], node?.domain ?? '', `it has no kernel for opset ${noKernel[2]} with these input types`);
  }
  const unregistered = /([\w.]*):(\w+)\(-?\d+\) is not a registered function\/op/.exec(message);
  const noOp = /No Op registered for (\w+) with domain_version of (\d+)/.exec(message);
  const opType = unregistered?.[2] ?? noOp?.[1];
  if (opType) {
    const node = nodes.find((n) => n.opType === opType);
    return errors.unsupportedOp(node?.name ?? where, opType, node?.domain ?? unregistered?.[1] ?? '', 'it is not a registered op');
  }
  return errors.runtime(where, cleanOrtMessage(message));
}

/**
 * onnxruntime's reason without its wrapper ("Can't create a session. ERROR_CODE: 6, ERROR_MESSAGE:"), status
 * prefixes ("[ONNXRuntimeError] : 1 : FAIL :") and build locations: a source path with its line
 * ("/mnt/.../tensorprotoutils.cc:2184") and the C++ function named after it mean nothing to the person reading.
 */
export function cleanOrtMessage(message: string): string {
  let text = message.replace(/^[^]*?ERROR_MESSAGE:\s*/, '');
  const location = /(?:[\w./-]*\/)?[\w.-]+\.(?:cc|cpp|cxx|c|h|hpp):\d+\s*/;
  for (let guard = 0; guard < 20; guard++) {
    const found = location.exec(text);
    if (!found) break;
    text = text.slice(0, found.index) + skipFunction(text.slice(found.index + found[0].length));
  }
  return text
    .replace(/\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text after a build location: drops the function ORT names there (a signature up to its ')' or one identifier). */
function skipFunction(text: string): string {
  const signature = /^[\w:<>,*&~\s]*?\(/.exec(text);
  if (signature && /::|\w\s+\w/.test(signature[0])) {
    let depth = 0;
    for (let i = signature[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0)
        return text
          .slice(i + 1)
          .replace(/^\s*const\b/, '')
          .trimStart();
    }
  }
  return text.replace(/^[A-Za-z_][\w:~]*(?=\s)/, '').trimStart();
}

/** Seeded input values: uniform [0, 1) for floats, zeros for integers (token ids and indices stay valid). */
export function randomInputs(shapes: Record<string, number[]>, dtypes: Record<string, DType>, seed: number): Record<string, TensorValue> {
  const rng = createRng(seed);
  const feeds: Record<string, TensorValue> = {};
  for (const [name, dims] of Object.entries(shapes)) {
    const dtype = dtypes[name] ?? 'float32';
    const size = dims.reduce((a, b) => a * b, 1);
    feeds[name] = { dtype, dims, data: allocate(dtype, size, () => rng()) };
  }
  return feeds;
}

/** Seeded standard-normal float32 values, for tests that want signed data. */
export function normalTensor(dims: number[], seed: number): TensorValue {
  const rng = createRng(seed);
  const size = dims.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', dims, data: Float32Array.from({ length: size }, () => randomNormal(rng)) };
}

function allocate(dtype: DType, size: number, next: () => number): TypedData {
  switch (dtype) {
    case 'float32':
      return Float32Array.from({ length: size }, next);
    case 'float64':
      return Float64Array.from({ length: size }, next);
    case 'int64':
      return new BigInt64Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
    case 'uint8':
      return new Uint8Array(size);
    case 'int8':
      return new Int8Array(size);
    default:
      throw new RangeError(`random inputs of type ${dtype} are not supported`);
  }
}

/** Largest absolute difference between two tensors of the same shape (Infinity when shapes differ). */
export function maxAbsDiff(a: TensorValue, b: TensorValue): number {
  if (a.dims.join('x') !== b.dims.join('x') || a.data.length !== b.data.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(Number(a.data[i]) - Number(b.data[i]));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
