import { describe as group, expect, it } from 'vitest';
import { SeiferError } from '../../../src/errors';
import { inferShapes } from '../../../src/model/shapes';
import { constant, expectMatchesProbe, f32, i64, inferred, int, model, op, tensor } from './build';

group('broadcasting ops', () => {
  it('inferShapes(Add) broadcasts numpy-style and keeps the element type', () => {
    const m = model({ inputs: { a: ['float32'], b: ['float32'] }, nodes: [op('Add', ['a', 'b'], 'y')] });
    expect(inferred(m, { a: [2, 1, 5], b: [3, 1] }, ['y'])).toEqual(['float32[2,3,5]']);
    expect(inferred(m, { a: [], b: [4] }, ['y'])).toEqual(['float32[4]']);
  });

  it('inferShapes(Mul) reports shapes that do not broadcast as a shape-inference error naming node and op', () => {
    const m = model({ inputs: { a: ['float32'], b: ['float32'] }, nodes: [op('Mul', ['a', 'b'], 'y')] });
    let error: unknown;
    try {
      inferShapes(m, { a: [2, 3], b: [4] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeiferError);
    expect((error as SeiferError).code).toBe('shape-inference');
    expect((error as SeiferError).message).toMatch(/Mul node 'Mul_y': the input shapes \[2,3\] and \[4\] do not broadcast/);
  });

  it('inferShapes(comparisons, logic) give bool; Where takes the type of X', () => {
    const m = model({
      inputs: { a: ['float32'], b: ['float32'] },
      nodes: [op('Less', ['a', 'b'], 'lt'), op('Equal', ['a', 'b'], 'eq'), op('Not', ['lt'], 'ge'), op('And', ['lt', 'eq'], 'both'), op('Where', ['lt', 'a', 'b'], 'min')],
    });
    expect(inferred(m, { a: [2, 3], b: [3] }, ['lt', 'eq', 'ge', 'both', 'min'])).toEqual(['bool[2,3]', 'bool[2,3]', 'bool[2,3]', 'bool[2,3]', 'float32[2,3]']);
  });

  it('inferShapes folds integer arithmetic: division truncates toward zero, by zero has no value', () => {
    const m = model({
      nodes: [
        constant(i64('a', [7, -7, 6])),
        constant(i64('b', [2, 2, 0])),
        constant(i64('two', [2], [])),
        op('Div', ['a', 'two'], 'q'),
        op('Div', ['a', 'b'], 'byZero'),
        op('Mod', ['a', 'two'], 'r'),
        op('Mod', ['a', 'two'], 'fr', int('fmod', 1)),
        op('Sub', ['a', 'b'], 'd'),
        op('Max', ['a', 'b', 'two'], 'mx'),
        op('Min', ['a', 'b'], 'mn'),
        op('Sum', ['a', 'b', 'two'], 'sum'),
      ],
    });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('q')?.value).toEqual([3, -3, 3]);
    expect(infos.get('byZero')).toEqual({ dtype: 'int64', shape: [3] });
    expect(infos.get('r')?.value).toEqual([1, 1, 0]);
    expect(infos.get('fr')?.value).toEqual([1, -1, 0]);
    expect(infos.get('d')?.value).toEqual([5, -9, 6]);
    expect(infos.get('mx')?.value).toEqual([7, 2, 6]);
    expect(infos.get('mn')?.value).toEqual([2, -7, 0]);
    expect(infos.get('sum')?.value).toEqual([11, -3, 8]);
  });

  it('inferShapes folds float arithmetic in float32', () => {
    const m = model({ nodes: [constant(f32('a', [1, 2])), constant(f32('b', [3], [])), op('Div', ['a', 'b'], 'q'), op('Pow', ['a', 'b'], 'p')] });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('q')?.value).toEqual([Math.fround(1 / 3), Math.fround(2 / 3)]);
    expect(infos.get('p')?.value).toEqual([1, 8]);
  });

  it('inferShapes(Add-6) with broadcast=1 keeps the shape of A', () => {
    const m = model({ opset: 6, initializers: [f32('bias', [1, 2, 3])], nodes: [op('Add', ['x', 'bias'], 'y', int('broadcast', 1), int('axis', 1))] });
    expect(inferred(m, { x: [2, 3, 4, 4] }, ['y'])).toEqual(['float32[2,3,4,4]']);
  });

  it('inferShapes(PRelu) keeps X, and rejects a slope that does not broadcast to X', () => {
    const m = model({ initializers: [f32('slope', [0.1, 0.2, 0.3], [3, 1, 1])], nodes: [op('PRelu', ['x', 'slope'], 'y')] });
    expect(inferred(m, { x: [1, 3, 4, 4] }, ['y'])).toEqual(['float32[1,3,4,4]']);
    expect(() => inferShapes(m, { x: [1, 1, 4, 4] })).toThrow(/slope of shape \[3,1,1\] does not broadcast to X/);
  });

  it('inferShapes agrees with onnxruntime on a mixed broadcasting graph', () => {
    const m = model({
      inputs: { a: ['float32'], b: ['float32'] },
      nodes: [
        op('Sub', ['a', 'b'], 's'),
        op('Greater', ['s', 'b'], 'g'),
        op('Where', ['g', 'a', 'b'], 'w'),
        op('Mean', ['a', 'b', 'w'], 'm'),
        op('Cast', ['g'], 'gi', int('to', 6)),
        constant(tensor('k', 'int32', [], [3])),
        op('Mul', ['gi', 'k'], 'gk'),
        constant(i64('e', [1, 4, 1])),
        op('Expand', ['m', 'e'], 'big'),
        op('Or', ['g', 'g'], 'o'),
        op('Xor', ['o', 'g'], 'xo'),
      ],
      outputs: ['big', 'gk', 'xo'],
    });
    return expectMatchesProbe(m, { a: [2, 1, 3], b: [3] });
  });
});
