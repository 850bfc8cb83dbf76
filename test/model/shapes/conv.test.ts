import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { expectMatchesProbe, inferred, int, ints, model, op, str, weight } from './build';

group('window ops', () => {
  it('inferShapes(Conv) applies pads, strides, dilations and groups', () => {
    const m = model({
      initializers: [weight('w', [16, 3, 3, 3]), weight('dw', [16, 1, 3, 3]), weight('b', [16])],
      nodes: [
        op('Conv', ['x', 'w', 'b'], 'c1', ints('pads', [1, 1, 1, 1]), ints('strides', [2, 2])),
        op('Conv', ['c1', 'dw'], 'c2', int('group', 16), ints('dilations', [2, 2])),
        op('Conv', ['x', 'w'], 'same', str('auto_pad', 'SAME_UPPER'), ints('strides', [2, 2])),
        op('Conv', ['x', 'w'], 'valid', str('auto_pad', 'VALID'), ints('strides', [2, 2])),
      ],
      outputs: ['c2', 'same', 'valid'],
    });
    expect(inferred(m, { x: [1, 3, 15, 16] }, ['c1', 'c2', 'same', 'valid'])).toEqual(['float32[1,16,8,8]', 'float32[1,16,4,4]', 'float32[1,16,8,8]', 'float32[1,16,7,7]']);
    return expectMatchesProbe(m, { x: [1, 3, 15, 16] });
  });

  it('inferShapes(Conv) names the node when channels do not match the weight', () => {
    const m = model({ initializers: [weight('w', [8, 3, 3, 3])], nodes: [op('Conv', ['x', 'w'], 'y')] });
    expect(() => inferShapes(m, { x: [1, 4, 8, 8] })).toThrow(/Conv node 'Conv_y': the input has 4 channels but the weight \[8,3,3,3\] with group 1 expects 3/);
    expect(() => inferShapes(m, { x: [1, 3, 2, 2] })).toThrow(/smaller than the window/);
  });

  it('inferShapes(Conv) rejects a stride, dilation or kernel of 0 as an invalid model (no Infinity sizes)', () => {
    const m = (...attributes: Parameters<typeof op>[3][]) => model({ initializers: [weight('w', [8, 3, 3, 3])], nodes: [op('Conv', ['x', 'w'], 'y', ...attributes)] });
    const cases: [ReturnType<typeof m>, RegExp][] = [
      [m(ints('strides', [0, 1])), /Conv node 'Conv_y' has strides \[0,1\]; every stride must be a whole number >= 1/],
      [m(ints('dilations', [1, 0])), /has dilations \[1,0\]/],
      [m(ints('kernel_shape', [0, 3])), /has the kernel \[0,3\]/],
      [m(ints('pads', [-1, 0, 0, 0])), /has pads \[-1,0,0,0\]/],
    ];
    for (const [bad, message] of cases) {
      expect(() => inferShapes(bad, { x: [1, 3, 8, 8] })).toThrow(message);
      expect(() => inferShapes(bad, { x: [1, 3, 8, 8] })).toThrow(/^The model is not valid ONNX/);
    }
  });

  it('inferShapes(ConvTranspose) grows by the stride, with output_padding, output_shape, groups and SAME', () => {
    const m = model({
      initializers: [weight('w', [4, 2, 3, 3]), weight('g', [4, 1, 2, 2])],
      nodes: [
        op('ConvTranspose', ['x', 'w'], 'up', ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1]), ints('output_padding', [1, 0])),
        op('ConvTranspose', ['x', 'g'], 'grouped', ints('strides', [2, 2]), int('group', 2)),
        op('ConvTranspose', ['x', 'w'], 'fixed', ints('strides', [2, 2]), ints('output_shape', [11, 12])),
        op('ConvTranspose', ['x', 'w'], 'same', ints('strides', [2, 2]), str('auto_pad', 'SAME_UPPER')),
      ],
      outputs: ['up', 'grouped', 'fixed', 'same'],
    });
    expect(inferred(m, { x: [1, 4, 5, 6] }, ['up', 'grouped', 'fixed', 'same'])).toEqual(['float32[1,2,10,11]', 'float32[1,2,10,12]', 'float32[1,2,11,12]', 'float32[1,2,10,12]']);
    return expectMatchesProbe(m, { x: [1, 4, 5, 6] });
  });

  it('inferShapes(MaxPool, AveragePool) floor by default, ceil with ceil_mode, and never start a window in the end padding', () => {
    const m = model({
      opset: 12,
      nodes: [
        op('MaxPool', ['x'], ['mp', 'idx'], ints('kernel_shape', [3, 3]), ints('strides', [2, 2])),
        op('MaxPool', ['x'], 'ceil', ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), int('ceil_mode', 1)),
        op('AveragePool', ['x'], 'edge', ints('kernel_shape', [2, 2]), ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1]), int('ceil_mode', 1)),
        op('MaxPool', ['x'], 'dil', ints('kernel_shape', [2, 2]), ints('dilations', [2, 2])),
        op('AveragePool', ['x'], 'same', ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), str('auto_pad', 'SAME_UPPER')),
        op('GlobalAveragePool', ['x'], 'gap'),
        op('GlobalMaxPool', ['x'], 'gmp'),
      ],
      outputs: ['mp', 'idx', 'ceil', 'edge', 'dil', 'same', 'gap', 'gmp'],
    });
    expect(inferred(m, { x: [1, 2, 8, 9] }, ['mp', 'idx', 'ceil', 'edge', 'dil', 'same', 'gap'])).toEqual([
      'float32[1,2,3,4]',
      'int64[1,2,3,4]',
      'float32[1,2,4,4]',
      'float32[1,2,5,5]',
      'float32[1,2,6,7]',
      'float32[1,2,4,5]',
      'float32[1,2,1,1]',
    ]);
    return expectMatchesProbe(m, { x: [1, 2, 8, 9] });
  });

  it('inferShapes(Conv1d, LRN, pooling) work on 3-D inputs too', () => {
    const m = model({
      initializers: [weight('w', [6, 3, 5])],
      nodes: [op('Conv', ['x', 'w'], 'c', ints('pads', [2, 2])), op('LRN', ['c'], 'n', int('size', 3)), op('MaxPool', ['n'], 'p', ints('kernel_shape', [2]), ints('strides', [2]))],
    });
    expect(inferred(m, { x: [2, 3, 11] }, ['c', 'p'])).toEqual(['float32[2,6,11]', 'float32[2,6,5]']);
  });
});
