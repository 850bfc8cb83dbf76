import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { constant, expectMatchesProbe, i64, inferred, int, ints, model, op } from './build';

group('reductions', () => {
  it('inferShapes(ReduceSum) takes axes as an attribute before opset 13 and as an input after', () => {
    const old = model({ opset: 11, nodes: [op('ReduceSum', ['x'], 'y', ints('axes', [1, -1]))] });
    expect(inferred(old, { x: [2, 3, 4] }, ['y'])).toEqual(['float32[2,1,1]']);
    const next = model({ opset: 13, nodes: [constant(i64('ax', [1])), op('ReduceSum', ['x', 'ax'], 'y', int('keepdims', 0))] });
    expect(inferred(next, { x: [2, 3, 4] }, ['y'])).toEqual(['float32[2,4]']);
  });

  it('inferShapes(ReduceMean) keeps the axes attribute until opset 18, then reads an input', () => {
    const at13 = model({ opset: 13, nodes: [op('ReduceMean', ['x'], 'y', ints('axes', [-1]))] });
    expect(inferred(at13, { x: [2, 3, 4] }, ['y'])).toEqual(['float32[2,3,1]']);
    const at18 = model({ opset: 18, nodes: [constant(i64('ax', [0, 2])), op('ReduceMean', ['x', 'ax'], 'y', int('keepdims', 0))] });
    expect(inferred(at18, { x: [2, 3, 4] }, ['y'])).toEqual(['float32[3]']);
  });

  it('inferShapes reduces every axis without axes, or none with noop_with_empty_axes', () => {
    const m = model({ opset: 18, nodes: [op('ReduceMax', ['x'], 'all', int('keepdims', 0)), op('ReduceMax', ['x'], 'none', int('noop_with_empty_axes', 1))] });
    expect(inferred(m, { x: [2, 3] }, ['all', 'none'])).toEqual(['float32[]', 'float32[2,3]']);
  });

  it('inferShapes(ReduceProd, ReduceSum, ReduceMin) fold known values', () => {
    const m = model({
      opset: 11,
      nodes: [op('Shape', ['x'], 's'), op('ReduceProd', ['s'], 'p', int('keepdims', 0)), op('ReduceSum', ['s'], 'sum'), op('ReduceMin', ['s'], 'min')],
    });
    const infos = inferShapes(m, { x: [2, 3, 4] });
    expect(infos.get('p')).toEqual({ dtype: 'int64', shape: [], value: [24] });
    expect(infos.get('sum')).toEqual({ dtype: 'int64', shape: [1], value: [9] });
    expect(infos.get('min')?.value).toEqual([2]);
  });

  it('inferShapes(ArgMax, ArgMin, TopK) give int64 indices; TopK takes k as attribute before opset 10', () => {
    const m = model({
      opset: 11,
      nodes: [op('ArgMax', ['x'], 'am', int('axis', 1)), op('ArgMin', ['x'], 'an', int('axis', -1), int('keepdims', 0)), constant(i64('k', [2])), op('TopK', ['x', 'k'], ['v', 'i'], int('axis', 1))],
      outputs: ['am', 'an', 'v', 'i'],
    });
    expect(inferred(m, { x: [2, 5, 3] }, ['am', 'an', 'v', 'i'])).toEqual(['int64[2,1,3]', 'int64[2,5]', 'float32[2,2,3]', 'int64[2,2,3]']);
    const old = model({ opset: 9, nodes: [op('TopK', ['x'], ['v', 'i'], int('k', 3))] });
    expect(inferred(old, { x: [2, 5] }, ['v', 'i'])).toEqual(['float32[2,3]', 'int64[2,3]']);
    expect(() => inferShapes(old, { x: [2, 2] })).toThrow(/K = 3 is not within the size 2/);
    return expectMatchesProbe(m, { x: [2, 5, 3] });
  });

  it('inferShapes agrees with onnxruntime on ReduceL2, ReduceSumSquare and ReduceLogSumExp', () => {
    const m = model({
      opset: 13,
      nodes: [op('ReduceL2', ['x'], 'l2', ints('axes', [1])), op('ReduceSumSquare', ['l2'], 'ss', int('keepdims', 0)), op('ReduceLogSumExp', ['x'], 'lse', ints('axes', [0, 2]))],
      outputs: ['ss', 'lse'],
    });
    return expectMatchesProbe(m, { x: [2, 5, 3] });
  });
});
