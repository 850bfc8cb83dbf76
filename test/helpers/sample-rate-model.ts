/** A model with an If on an int64 sample-rate input, as voice-activity detectors are exported. */
import { decodeModel, encodeModel } from '../../src/model/index';
import type { Graph, Model, Tensor } from '../../src/model/types';
import { floatTensor, model, node } from './tiny-graphs';

export const int64Tensor = (name: string, values: number[], dims: number[] = []): Tensor => {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dtype: 'int64', dims, data: new Uint8Array(data.buffer) };
};

function branch(name: string, nodes: Graph['nodes'], output: string, untyped = false): Graph {
  return { name, nodes, initializers: [], inputs: [], outputs: [{ name: output, dtype: 'float32', ...(untyped ? { opaqueType: null } : {}) }], valueInfo: [] };
}

/**
 * A voice-activity-detector-like front: the sample rate `sr` (int64 scalar) picks one of two processing chains
 * through an If, as exported models do. The 16 kHz branch has four nodes, the 8 kHz one two; the branches read `x`
 * and a weight from the outer scope, and their outputs are untyped, as exporters write them.
 */
export function sampleRateModel(): Model {
  const m = model(
    [
      node('Equal', ['sr', 'k16000'], ['is16k']),
      node('If', ['is16k'], ['features'], 'if_sr', [
        {
          name: 'then_branch',
          kind: 'graph',
          value: branch('at16k', [node('Relu', ['x'], ['t1']), node('Mul', ['t1', 'w'], ['t2']), node('Neg', ['t2'], ['t3']), node('Sigmoid', ['t3'], ['t4'])], 't4', true),
        },
        { name: 'else_branch', kind: 'graph', value: branch('at8k', [node('Tanh', ['x'], ['e1']), node('Flatten', ['e1'], ['e2'], 'e2', [{ name: 'axis', kind: 'int', value: 0 }])], 'e2', true) },
      ]),
      node('Relu', ['features'], ['y']),
    ],
    { inputs: [['x', [1, 4]]], initializers: [floatTensor('w', [1, 4]), int64Tensor('k16000', [16000])] },
  );
  m.graph.inputs.push({ name: 'sr', dtype: 'int64', shape: [] });
  return decodeModel(encodeModel(m));
}
