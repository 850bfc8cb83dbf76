import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { constant, expectMatchesProbe, f32, float, floats, i64, int, ints, model, op, str, tensor, tensorAttr } from './build';

group('constants and casts', () => {
  it('inferShapes(Constant) reads the value tensor and the value_float/_floats/_int/_ints forms', () => {
    const m = model({
      nodes: [
        constant(tensor('t', 'int32', [2, 2], [1, 2, 3, 4])),
        op('Constant', [], 'f', float('value_float', 0.1)),
        op('Constant', [], 'fs', floats('value_floats', [1.5, 2])),
        op('Constant', [], 'i', int('value_int', 7)),
        op('Constant', [], 'is', ints('value_ints', [3, 4, 5])),
        op('Constant', [], 's', str('value_string', 'hi')),
      ],
    });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('t')).toEqual({ dtype: 'int32', shape: [2, 2], value: [1, 2, 3, 4] });
    expect(infos.get('f')).toEqual({ dtype: 'float32', shape: [], value: [Math.fround(0.1)] });
    expect(infos.get('fs')).toEqual({ dtype: 'float32', shape: [2], value: [1.5, 2] });
    expect(infos.get('i')).toEqual({ dtype: 'int64', shape: [], value: [7] });
    expect(infos.get('is')).toEqual({ dtype: 'int64', shape: [3], value: [3, 4, 5] });
    expect(infos.get('s')).toEqual({ dtype: 'string', shape: [] });
  });

  it('inferShapes keeps the values of small weights only (<= 4096 elements)', () => {
    const big = f32('big', new Array(4097).fill(1));
    const m = model({ initializers: [f32('small', [1, 2])], nodes: [constant(big), op('Identity', ['small'], 'y')] });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('big')).toEqual({ dtype: 'float32', shape: [4097] });
    expect(infos.get('small')?.value).toEqual([1, 2]);
  });

  it('inferShapes(Cast) converts values: floats truncate to ints, narrow ints wrap, non-zero is true, float32 rounds', () => {
    const m = model({
      nodes: [
        constant(f32('v', [-1.7, 0, 2.9])),
        op('Cast', ['v'], 'asInt', int('to', 7)),
        op('Cast', ['v'], 'asBool', int('to', 9)),
        op('Cast', ['asInt'], 'asU8', int('to', 2)),
        constant(tensor('d', 'float64', [1], [0.1])),
        op('Cast', ['d'], 'asF32', int('to', 1)),
        op('CastLike', ['asBool', 'v'], 'like'),
      ],
    });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('asInt')).toEqual({ dtype: 'int64', shape: [3], value: [-1, 0, 2] });
    expect(infos.get('asBool')?.value).toEqual([1, 0, 1]);
    expect(infos.get('asU8')?.value).toEqual([255, 0, 2]);
    expect(infos.get('asF32')?.value).toEqual([Math.fround(0.1)]);
    expect(infos.get('like')).toEqual({ dtype: 'float32', shape: [3], value: [1, 0, 1] });
  });

  it('inferShapes(Cast-1) accepts the type named as a string', () => {
    const m = model({ opset: 1, nodes: [op('Cast', ['x'], 'y', str('to', 'INT32'))] });
    expect(inferShapes(m, { x: [2] }).get('y')?.dtype).toBe('int32');
  });

  it('inferShapes(ConstantOfShape) takes the fill value and type from its attribute', () => {
    const m = model({
      nodes: [op('Shape', ['x'], 's'), op('ConstantOfShape', ['s'], 'ones', tensorAttr('value', i64('one', [1]))), op('ConstantOfShape', ['s'], 'zeros')],
      outputs: ['ones', 'zeros'],
    });
    const infos = inferShapes(m, { x: [2, 2] });
    expect(infos.get('ones')).toEqual({ dtype: 'int64', shape: [2, 2], value: [1, 1, 1, 1] });
    expect(infos.get('zeros')).toEqual({ dtype: 'float32', shape: [2, 2], value: [0, 0, 0, 0] });
    return expectMatchesProbe(m, { x: [2, 2] });
  });
});
