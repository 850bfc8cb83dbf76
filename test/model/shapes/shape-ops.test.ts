import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { constant, expectMatchesProbe, i64, inferred, int, ints, model, op, tensor } from './build';

group('shape ops', () => {
  it('inferShapes(Shape) gives int64 dims as values, and start/end at opset 15', () => {
    const m = model({ opset: 15, nodes: [op('Shape', ['x'], 's'), op('Shape', ['x'], 't', int('start', 1), int('end', -1))] });
    const infos = inferShapes(m, { x: [2, 3, 5, 7] });
    expect(infos.get('s')).toEqual({ dtype: 'int64', shape: [4], value: [2, 3, 5, 7] });
    expect(infos.get('t')).toEqual({ dtype: 'int64', shape: [2], value: [3, 5] });
  });

  it('inferShapes(Size) is an int64 scalar holding the element count', () => {
    expect(inferShapes(model({ nodes: [op('Size', ['x'], 'n')] }), { x: [2, 3, 4] }).get('n')).toEqual({ dtype: 'int64', shape: [], value: [24] });
  });

  it('inferShapes(Reshape) copies 0 dims, infers -1, honours allowzero, and checks the element count', () => {
    const m = (target: number[], extra = {}) => model({ opset: 14, nodes: [constant(i64('t', target)), op('Reshape', ['x', 't'], 'y', ...(Object.keys(extra).length ? [int('allowzero', 1)] : []))] });
    expect(inferred(m([0, -1]), { x: [2, 3, 4] }, ['y'])).toEqual(['float32[2,12]']);
    expect(inferred(m([-1, 2, 0]), { x: [2, 3, 4] }, ['y'])).toEqual(['float32[3,2,4]']);
    expect(() => inferShapes(m([5, -1]), { x: [2, 3, 4] })).toThrow(/Reshape node 'Reshape_y'.*24 elements cannot be reshaped to \[5,-1\]/);
    expect(() => inferShapes(m([-1, -1]), { x: [2, 3, 4] })).toThrow(/more than one -1/);
    expect(() => inferShapes(m([0, 24], { allowzero: 1 }), { x: [2, 3, 4] })).toThrow(/cannot be reshaped to \[0,24\]/);
  });

  it('inferShapes(Reshape-1) reads the target from the shape attribute', () => {
    const m = model({ opset: 4, nodes: [op('Reshape', ['x'], 'y', ints('shape', [0, -1]))] });
    expect(inferred(m, { x: [2, 3, 4] }, ['y'])).toEqual(['float32[2,12]']);
  });

  it('inferShapes(Reshape) fails, naming the node, when the target is computed from data', () => {
    const m = model({ inputs: { x: ['float32', [2, 3]], t: ['int64', [2]] }, nodes: [op('Reshape', ['x', 't'], 'y')] });
    expect(() => inferShapes(m, { x: [2, 3], t: [2] })).toThrow(/Reshape node 'Reshape_y'.*the target shape \(input 1 't'\)/);
  });

  it('inferShapes(Flatten) splits the dims at axis, also 0 and negative', () => {
    const m = model({ nodes: [op('Flatten', ['x'], 'a'), op('Flatten', ['x'], 'b', int('axis', 0)), op('Flatten', ['x'], 'c', int('axis', -1))] });
    expect(inferred(m, { x: [2, 3, 4] }, ['a', 'b', 'c'])).toEqual(['float32[2,12]', 'float32[1,24]', 'float32[6,4]']);
  });

  it('inferShapes(Squeeze/Unsqueeze) reads axes from attributes before opset 13 and from inputs after', () => {
    const old = model({ opset: 11, nodes: [op('Unsqueeze', ['x'], 'u', ints('axes', [0, -1])), op('Squeeze', ['u'], 's', ints('axes', [0])), op('Squeeze', ['u'], 'all')] });
    expect(inferred(old, { x: [3, 4] }, ['u', 's', 'all'])).toEqual(['float32[1,3,4,1]', 'float32[3,4,1]', 'float32[3,4]']);
    const next = model({
      opset: 13,
      nodes: [constant(i64('ax', [0, -1])), op('Unsqueeze', ['x', 'ax'], 'u'), constant(i64('s0', [0])), op('Squeeze', ['u', 's0'], 's'), op('Squeeze', ['u'], 'all')],
    });
    expect(inferred(next, { x: [3, 4] }, ['u', 's', 'all'])).toEqual(['float32[1,3,4,1]', 'float32[3,4,1]', 'float32[3,4]']);
    expect(() => inferShapes(model({ opset: 11, nodes: [op('Squeeze', ['x'], 's', ints('axes', [1]))] }), { x: [3, 4] })).toThrow(/axis 1 has size 4, not 1/);
  });

  it('inferShapes(Transpose) permutes dims and values, reversing by default', () => {
    const m = model({ nodes: [constant(tensor('c', 'int64', [2, 3], [1, 2, 3, 4, 5, 6])), op('Transpose', ['c'], 'ct'), op('Transpose', ['x'], 'y', ints('perm', [0, 2, 1]))] });
    const infos = inferShapes(m, { x: [1, 2, 3] });
    expect(infos.get('ct')).toEqual({ dtype: 'int64', shape: [3, 2], value: [1, 4, 2, 5, 3, 6] });
    expect(infos.get('y')?.shape).toEqual([1, 3, 2]);
  });

  it('inferShapes(Expand) broadcasts both ways; Tile multiplies dims and repeats values', () => {
    const m = model({
      nodes: [constant(i64('target', [2, 1, 1])), op('Expand', ['x', 'target'], 'e'), constant(i64('small', [1, 2])), constant(i64('reps', [2])), op('Tile', ['small', 'reps'], 't')],
    });
    const infos = inferShapes(m, { x: [1, 3, 4] });
    expect(infos.get('e')?.shape).toEqual([2, 3, 4]);
    expect(infos.get('t')).toEqual({ dtype: 'int64', shape: [4], value: [1, 2, 1, 2] });
  });

  it('inferShapes(Range, ConstantOfShape) compute lengths and values', () => {
    const m = model({
      nodes: [
        constant(i64('start', [1], [])),
        constant(i64('limit', [10], [])),
        constant(i64('delta', [3], [])),
        op('Range', ['start', 'limit', 'delta'], 'r'),
        constant(i64('dims', [2, 3])),
        op('ConstantOfShape', ['dims'], 'z'),
        op('ConstantOfShape', ['dims'], 'ones', { name: 'value', kind: 'tensor', value: i64('one', [1]) }),
      ],
    });
    const infos = inferShapes(m, { x: [1] });
    expect(infos.get('r')).toEqual({ dtype: 'int64', shape: [3], value: [1, 4, 7] });
    expect(infos.get('z')).toEqual({ dtype: 'float32', shape: [2, 3], value: [0, 0, 0, 0, 0, 0] });
    expect(infos.get('ones')?.dtype).toBe('int64');
  });

  it('inferShapes resolves a Paddle-style Shape/Gather/Cast/Mul/Concat/Reshape chain, as onnxruntime does', async () => {
    // x [N,C,H,W] -> reshape to [N, C, H*W] with the sizes computed at run time, then transpose
    const m = model({
      opset: 11,
      inputs: { x: ['float32', ['n', 8, 'h', 'w']] },
      nodes: [
        op('Shape', ['x'], 'shp'),
        constant(i64('i0', [0], [])),
        constant(i64('i1', [1], [])),
        constant(i64('s2', [2])),
        constant(i64('e4', [4])),
        op('Gather', ['shp', 'i0'], 'n'),
        op('Gather', ['shp', 'i1'], 'c'),
        op('Slice', ['shp', 's2', 'e4'], 'hw'),
        op('Cast', ['hw'], 'hwf', int('to', 1)),
        op('ReduceProd', ['hwf'], 'areaf', int('keepdims', 0)),
        op('Cast', ['areaf'], 'area', int('to', 7)),
        op('Unsqueeze', ['n'], 'n1', ints('axes', [0])),
        op('Unsqueeze', ['c'], 'c1', ints('axes', [0])),
        op('Unsqueeze', ['area'], 'a1', ints('axes', [0])),
        op('Concat', ['n1', 'c1', 'a1'], 'target', int('axis', 0)),
        op('Reshape', ['x', 'target'], 'flat'),
        op('Transpose', ['flat'], 'seq', ints('perm', [0, 2, 1])),
      ],
    });
    const infos = inferShapes(m, { x: [1, 8, 6, 10] });
    expect(infos.get('target')).toEqual({ dtype: 'int64', shape: [3], value: [1, 8, 60] });
    expect(infos.get('seq')?.shape).toEqual([1, 60, 8]);
    expect(await expectMatchesProbe(m, { x: [1, 8, 6, 10] })).toBeGreaterThan(15);
  });
});
