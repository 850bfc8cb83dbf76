/** Tiny hand-built ONNX graphs for the shape tests, plus a cross-check against onnxruntime-web. */
import { expect } from 'vitest';
import type { DType } from '../../../src/model/dtype';
import { inferShapes, probeShapes, type TensorInfo } from '../../../src/model/shapes';
import type { Attribute, Graph, Model, Node, Tensor } from '../../../src/model/types';

export const int = (name: string, value: number): Attribute => ({ name, kind: 'int', value });
export const ints = (name: string, value: number[]): Attribute => ({ name, kind: 'ints', value });
export const float = (name: string, value: number): Attribute => ({ name, kind: 'float', value });
export const floats = (name: string, value: number[]): Attribute => ({ name, kind: 'floats', value });
export const str = (name: string, value: string): Attribute => ({ name, kind: 'string', value });
export const tensorAttr = (name: string, value: Tensor): Attribute => ({ name, kind: 'tensor', value });
export const graphAttr = (name: string, value: Graph): Attribute => ({ name, kind: 'graph', value });

export function op(opType: string, inputs: string[], outputs: string[] | string, ...attributes: Attribute[]): Node {
  const outs = typeof outputs === 'string' ? [outputs] : outputs;
  return { name: `${opType}_${outs[0]}`, opType, domain: '', inputs, outputs: outs, attributes };
}

const ARRAYS: Partial<Record<DType, (n: number[]) => ArrayBufferView>> = {
  float32: (v) => Float32Array.from(v),
  float64: (v) => Float64Array.from(v),
  // 2^63 - 1 is not exact as a double: saturate like exporters write it
  int64: (v) => BigInt64Array.from(v.map((x) => (x >= 2 ** 63 ? 2n ** 63n - 1n : x <= -(2 ** 63) ? -(2n ** 63n) : BigInt(x)))),
  int32: (v) => Int32Array.from(v),
  int8: (v) => Int8Array.from(v),
  uint8: (v) => Uint8Array.from(v),
  bool: (v) => Uint8Array.from(v),
};

export function tensor(name: string, dtype: DType, dims: number[], values: number[]): Tensor {
  const view = ARRAYS[dtype]!(values);
  return { name, dtype, dims, data: new Uint8Array(view.buffer, view.byteOffset, view.byteLength) };
}

export const i64 = (name: string, values: number[], dims = [values.length]) => tensor(name, 'int64', dims, values);
export const f32 = (name: string, values: number[], dims = [values.length]) => tensor(name, 'float32', dims, values);
/** A float32 weight of `dims` with small deterministic values. */
export const weight = (name: string, dims: number[]) =>
  f32(
    name,
    Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => ((i % 7) - 3) / 10),
    dims,
  );
/** A Constant node holding `t` (the Paddle style: weights in Constant nodes, no initializers). */
export const constant = (t: Tensor): Node => op('Constant', [], t.name, tensorAttr('value', t));

export interface GraphSpec {
  /** name -> [dtype, declared shape]; defaults to a float32 'x' of undeclared shape. */
  inputs?: Record<string, [DType, (number | string)[]?]>;
  nodes: Node[];
  initializers?: Tensor[];
  opset?: number;
  /** Defaults to the outputs of the last node. */
  outputs?: string[];
}

export function model(spec: GraphSpec): Model {
  const last = spec.nodes[spec.nodes.length - 1];
  return {
    irVersion: 8,
    opsetImports: [{ domain: '', version: spec.opset ?? 13 }],
    producerName: 'shape-test',
    producerVersion: '',
    metadata: {},
    functions: [],
    graph: {
      name: 'g',
      nodes: spec.nodes,
      initializers: spec.initializers ?? [],
      inputs: Object.entries(spec.inputs ?? { x: ['float32'] }).map(([name, [dtype, shape]]) => (shape ? { name, dtype, shape } : { name, dtype })),
      outputs: (spec.outputs ?? last.outputs.filter((o) => o)).map((name) => ({ name, dtype: 'float32' as DType })),
      valueInfo: [],
    },
  };
}

/** dtype and shape of one tensor, as `float32[1,3,8,8]`. */
export function describe(info: TensorInfo | undefined): string {
  return info ? `${info.dtype}[${info.shape.join(',')}]` : 'missing';
}

/** Shorthand: infer and describe some tensors. */
export function inferred(m: Model, shapes: Record<string, number[]>, names: string[]): string[] {
  const infos = inferShapes(m, shapes);
  return names.map((name) => describe(infos.get(name)));
}

/**
 * inferShapes agrees with one onnxruntime-web run on every tensor the run saw: dtype, shape, and the integer
 * values inference claims to know. Returns the number of tensors compared.
 */
export async function expectMatchesProbe(m: Model, shapes: Record<string, number[]>): Promise<number> {
  const infos = inferShapes(m, shapes);
  const truth = await probeShapes(m, shapes);
  const nodeOutputs = m.graph.nodes.flatMap((n) => n.outputs.filter((o) => o));
  for (const name of nodeOutputs) expect(truth.has(name), `probe saw ${name}`).toBe(true);
  const mismatches: string[] = [];
  for (const [name, actual] of truth) {
    const mine = infos.get(name);
    if (describe(mine) !== describe(actual)) mismatches.push(`${name}: inferred ${describe(mine)}, ran ${describe(actual)}`);
    else if (mine?.value && actual.value && mine.value.join(',') !== actual.value.join(',')) {
      mismatches.push(`${name}: inferred values ${mine.value.slice(0, 8)}, ran ${actual.value.slice(0, 8)}`);
    }
  }
  expect(mismatches).toEqual([]);
  return truth.size;
}
