import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { constant, expectMatchesProbe, f32, float, i64, inferred, model, op } from './build';

group('same-shape ops', () => {
  it('inferShapes(activations) keep shape and dtype', () => {
    const ops = ['Relu', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Erf', 'Sqrt', 'Exp', 'Log', 'Abs', 'Neg', 'Reciprocal', 'Floor', 'Ceil', 'Round', 'Softplus', 'Identity'];
    const m = model({ nodes: ops.map((o) => op(o, ['x'], o.toLowerCase())) });
    expect(
      inferred(
        m,
        { x: [2, 5] },
        ops.map((o) => o.toLowerCase()),
      ),
    ).toEqual(ops.map(() => 'float32[2,5]'));
  });

  it('inferShapes folds Floor, Ceil, Round (half to even), Neg, Abs, Sqrt on known values', () => {
    const m = model({
      nodes: [constant(f32('v', [-2.5, -1.5, 0.5, 1.5, 2.5, 4])), ...['Floor', 'Ceil', 'Round', 'Neg', 'Abs', 'Relu'].map((o) => op(o, ['v'], o))],
    });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('Floor')?.value).toEqual([-3, -2, 0, 1, 2, 4]);
    expect(infos.get('Ceil')?.value).toEqual([-2, -1, 1, 2, 3, 4]);
    expect(infos.get('Round')?.value).toEqual([-2, -2, 0, 2, 2, 4]);
    expect(infos.get('Neg')?.value).toEqual([2.5, 1.5, -0.5, -1.5, -2.5, -4]);
    expect(infos.get('Relu')?.value).toEqual([0, 0, 0.5, 1.5, 2.5, 4]);
  });

  it('inferShapes(Clip) reads min/max attributes before opset 11 and inputs after', () => {
    const old = model({ opset: 6, nodes: [constant(f32('v', [-3, 0.5, 9])), op('Clip', ['v'], 'c', float('min', 0), float('max', 6))] });
    expect(inferShapes(old, { x: [1] }).get('c')?.value).toEqual([0, 0.5, 6]);
    const next = model({ opset: 11, nodes: [constant(f32('v', [-3, 0.5, 9])), constant(f32('lo', [-1], [])), op('Clip', ['v', 'lo', ''], 'c')] });
    expect(inferShapes(next, { x: [1] }).get('c')?.value).toEqual([-1, 0.5, 9]);
    const unknown = model({ opset: 11, inputs: { x: ['float32'], lo: ['float32'] }, nodes: [op('Clip', ['x', 'lo'], 'c')] });
    expect(inferred(unknown, { x: [4], lo: [] }, ['c'])).toEqual(['float32[4]']);
  });

  it('inferShapes(Dropout) passes X through; its mask is bool from opset 10 on', () => {
    const m = (opset: number) => model({ opset, nodes: [op('Dropout', ['x'], ['y', 'mask'])] });
    expect(inferred(m(12), { x: [2, 3] }, ['y', 'mask'])).toEqual(['float32[2,3]', 'bool[2,3]']);
    expect(inferred(m(9), { x: [2, 3] }, ['y', 'mask'])).toEqual(['float32[2,3]', 'float32[2,3]']);
  });

  it('inferShapes(Cast, Identity) carry int values through', () => {
    const m = model({ nodes: [constant(i64('v', [1, 2])), op('Identity', ['v'], 'w'), op('Sqrt', ['x'], 's')] });
    expect(inferShapes(m, { x: [1] }).get('w')?.value).toEqual([1, 2]);
  });

  it('inferShapes agrees with onnxruntime on unary ops, Clip-11 and Dropout-12', () => {
    const m = model({
      opset: 13,
      nodes: [
        op('HardSigmoid', ['x'], 'hs'),
        op('Mul', ['x', 'hs'], 'hsw'),
        op('Erf', ['hsw'], 'erf'),
        op('Softplus', ['erf'], 'sp'),
        constant(f32('lo', [0], [])),
        constant(f32('hi', [6], [])),
        op('Clip', ['sp', 'lo', 'hi'], 'c'),
        op('Dropout', ['c'], ['d', 'mask']),
        op('IsNaN', ['d'], 'nan'),
        op('Not', ['nan'], 'ok'),
      ],
      outputs: ['ok', 'mask'],
    });
    return expectMatchesProbe(m, { x: [1, 3, 4] });
  });
});
