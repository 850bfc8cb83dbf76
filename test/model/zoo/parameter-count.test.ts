import { describe, expect, it } from 'vitest';
import type { Model, Tensor } from '../../../src/model/types';
import { parameterCount } from '../../../src/model/zoo/parameter-count';

const tensor = (name: string, dtype: Tensor['dtype'], dims: number[]): Tensor => ({ name, dtype, dims, data: new Uint8Array() });

describe('parameterCount', () => {
  it('parameterCount(model) adds float initializers and float Constant nodes, not integer tensors', () => {
    const model: Model = {
      irVersion: 8,
      opsetImports: [{ domain: '', version: 13 }],
      producerName: '',
      producerVersion: '',
      metadata: {},
      functions: [],
      graph: {
        name: 'g',
        inputs: [],
        outputs: [],
        valueInfo: [],
        initializers: [tensor('w', 'float32', [4, 3, 3, 3]), tensor('h', 'float16', [10]), tensor('pads', 'int64', [8])],
        nodes: [
          { name: 'k', opType: 'Constant', domain: '', inputs: [], outputs: ['k'], attributes: [{ name: 'value', kind: 'tensor', value: tensor('k', 'float32', [2, 5]) }] },
          { name: 's', opType: 'Constant', domain: '', inputs: [], outputs: ['s'], attributes: [{ name: 'value', kind: 'tensor', value: tensor('s', 'int64', [3]) }] },
        ],
      },
    };
    expect(parameterCount(model)).toBe(108 + 10 + 10);
  });
});
