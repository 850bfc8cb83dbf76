import { describe as group, expect, it } from 'vitest';
import { expectMatchesProbe, f32, inferred, int, model, op, weight } from './build';

group('normalisation ops', () => {
  it('inferShapes(BatchNormalization, InstanceNormalization, Softmax, LogSoftmax) keep the input shape', () => {
    const c = [weight('s', [3]), weight('b', [3]), f32('mean', [0, 0, 0]), f32('var', [1, 1, 1])];
    const m = model({
      initializers: c,
      nodes: [
        op('BatchNormalization', ['x', 's', 'b', 'mean', 'var'], 'bn'),
        op('InstanceNormalization', ['bn', 's', 'b'], 'in'),
        op('Softmax', ['in'], 'sm', int('axis', 1)),
        op('LogSoftmax', ['sm'], 'lsm'),
        op('LRN', ['lsm'], 'lrn', int('size', 3)),
      ],
    });
    expect(inferred(m, { x: [2, 3, 4, 5] }, ['bn', 'in', 'sm', 'lsm', 'lrn'])).toEqual(Array(5).fill('float32[2,3,4,5]'));
    return expectMatchesProbe(m, { x: [2, 3, 4, 5] });
  });

  it('inferShapes(LayerNormalization) gives Mean and InvStdDev with the normalised axes set to 1', () => {
    const m = model({
      opset: 17,
      initializers: [weight('g', [4, 6]), weight('b', [4, 6])],
      nodes: [op('LayerNormalization', ['x', 'g', 'b'], ['y', 'mean', 'istd'], int('axis', -2))],
    });
    expect(inferred(m, { x: [2, 3, 4, 6] }, ['y', 'mean', 'istd'])).toEqual(['float32[2,3,4,6]', 'float32[2,3,1,1]', 'float32[2,3,1,1]']);
    return expectMatchesProbe(m, { x: [2, 3, 4, 6] });
  });
});
