/** Hand-made little models for unit tests: each a few nodes, built from plain data. */
import type { Model, Node, Tensor } from '../../src/model/types';

export function node(opType: string, inputs: string[], outputs: string[], name = outputs[0], attributes: Node['attributes'] = []): Node {
  return { name, opType, domain: '', inputs, outputs, attributes };
}

export function floatTensor(name: string, dims: number[], fill: (i: number) => number = (i) => ((i % 7) - 3) / 10): Tensor {
  const size = dims.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: size }, (_, i) => fill(i));
  return { name, dtype: 'float32', dims, data: new Uint8Array(values.buffer) };
}

export function model(nodes: Node[], options: { inputs?: [string, number[]][]; outputs?: string[]; initializers?: Tensor[]; opset?: number } = {}): Model {
  const inputs = options.inputs ?? [['x', [1, 4]]];
  return {
    irVersion: 8,
    opsetImports: [{ domain: '', version: options.opset ?? 13 }],
    producerName: 'test',
    producerVersion: '',
    metadata: {},
    functions: [],
    graph: {
      name: 'test',
      nodes,
      initializers: options.initializers ?? [],
      inputs: inputs.map(([name, shape]) => ({ name, dtype: 'float32', shape })),
      outputs: (options.outputs ?? [nodes[nodes.length - 1].outputs[0]]).map((name) => ({ name, dtype: 'float32' })),
      valueInfo: [],
    },
  };
}

/**
 * x -> a(Relu) -> b(Neg) -> c(Relu) -> s = Add(b, c) -> d(Sigmoid) -> y
 * Single-tensor cuts after a and after s; b is a residual skip crossing the cut after c.
 */
export function residualChain(): Model {
  return model([node('Relu', ['x'], ['a']), node('Neg', ['a'], ['b']), node('Relu', ['b'], ['c']), node('Add', ['b', 'c'], ['s']), node('Sigmoid', ['s'], ['y'])]);
}
