import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { constant, expectMatchesProbe, f32, i64, inferred, int, ints, model, op } from './build';

// int64's maximum as a double (2^63 - 1 rounds to 2^63)
const INT64_MAX = 2 ** 63;

group('slicing ops', () => {
  it('inferShapes(Slice-9) reads starts/ends/axes attributes', () => {
    const m = model({ opset: 9, nodes: [op('Slice', ['x'], 'y', ints('starts', [1, 0]), ints('ends', [INT64_MAX, -1]), ints('axes', [1, 3]))] });
    expect(inferred(m, { x: [1, 5, 4, 6] }, ['y'])).toEqual(['float32[1,4,4,5]']);
  });

  it('inferShapes(Slice-10+) reads inputs, clamps ends, steps backwards, and slices known values', () => {
    const m = model({
      inputs: { x: ['float32', [1, 8, 6]] },
      nodes: [
        constant(i64('st', [-1, 1])),
        constant(i64('en', [-INT64_MAX, 100])),
        constant(i64('ax', [1, 2])),
        constant(i64('sp', [-2, 2])),
        op('Slice', ['x', 'st', 'en', 'ax', 'sp'], 'y'),
        op('Shape', ['x'], 'shp'),
        constant(i64('s1', [1])),
        constant(i64('e1', [INT64_MAX])),
        op('Slice', ['shp', 's1', 'e1'], 'tail'),
        constant(i64('back', [-1])),
        constant(i64('front', [-INT64_MAX])),
        constant(i64('a0', [0])),
        constant(i64('m1', [-1])),
        op('Slice', ['shp', 'back', 'front', 'a0', 'm1'], 'reversed'),
      ],
      outputs: ['y', 'tail', 'reversed'],
    });
    const infos = inferShapes(m, { x: [1, 8, 6] });
    expect(infos.get('y')?.shape).toEqual([1, 4, 3]);
    expect(infos.get('tail')).toEqual({ dtype: 'int64', shape: [2], value: [8, 6] });
    expect(infos.get('reversed')).toEqual({ dtype: 'int64', shape: [3], value: [6, 8, 1] });
    return expectMatchesProbe(m, { x: [1, 8, 6] });
  });

  it('inferShapes(Gather) inserts the indices shape at axis, takes negative indices, and gathers values', () => {
    const m = model({
      nodes: [
        op('Shape', ['x'], 'shp'),
        constant(i64('last', [-1], [])),
        op('Gather', ['shp', 'last'], 'w'),
        constant(i64('idx', [0, 2, 1, 0], [2, 2])),
        op('Gather', ['x', 'idx'], 'g', int('axis', 1)),
      ],
    });
    const infos = inferShapes(m, { x: [2, 3, 5] });
    expect(infos.get('w')).toEqual({ dtype: 'int64', shape: [], value: [5] });
    expect(infos.get('g')?.shape).toEqual([2, 2, 2, 5]);
    const bad = model({ nodes: [op('Shape', ['x'], 'shp'), constant(i64('i', [3], [])), op('Gather', ['shp', 'i'], 'w')] });
    expect(() => inferShapes(bad, { x: [2, 3, 5] })).toThrow(/out of range for axis 0 of size 3/);
  });

  it('inferShapes(Split) takes sizes from the attribute (opset 11), the input (13), num_outputs (18) or splits evenly', () => {
    const byAttr = model({ opset: 11, nodes: [op('Split', ['x'], ['a', 'b'], int('axis', 1), ints('split', [2, 4]))] });
    expect(inferred(byAttr, { x: [1, 6] }, ['a', 'b'])).toEqual(['float32[1,2]', 'float32[1,4]']);
    const byInput = model({ opset: 13, nodes: [constant(i64('sz', [1, 5])), op('Split', ['x', 'sz'], ['a', 'b'], int('axis', -1))] });
    expect(inferred(byInput, { x: [1, 6] }, ['a', 'b'])).toEqual(['float32[1,1]', 'float32[1,5]']);
    const uneven = model({ opset: 18, nodes: [op('Split', ['x'], ['a', 'b', 'c'], int('axis', 1), int('num_outputs', 3))] });
    expect(inferred(uneven, { x: [1, 7] }, ['a', 'b', 'c'])).toEqual(['float32[1,3]', 'float32[1,3]', 'float32[1,1]']);
    const even = model({ opset: 13, nodes: [op('Split', ['x'], ['a', 'b'], int('axis', 1))] });
    expect(inferred(even, { x: [1, 6] }, ['a', 'b'])).toEqual(['float32[1,3]', 'float32[1,3]']);
    expect(() => inferShapes(even, { x: [1, 7] })).toThrow(/size 7 does not split evenly into 2 outputs/);
  });

  it('inferShapes(Split) splits known values', () => {
    const m = model({ nodes: [op('Shape', ['x'], 's'), op('Split', ['s'], ['a', 'b'])] });
    const infos = inferShapes(m, { x: [2, 3, 4, 5] });
    expect(infos.get('a')?.value).toEqual([2, 3]);
    expect(infos.get('b')?.value).toEqual([4, 5]);
  });

  it('inferShapes(Concat) adds up the axis, joins values, and reports mismatched dims', () => {
    const m = model({
      inputs: { x: ['float32'], y: ['float32'] },
      nodes: [op('Concat', ['x', 'y'], 'c', int('axis', -1)), constant(i64('a', [1, 2, 3, 4], [2, 2])), constant(i64('b', [5, 6], [2, 1])), op('Concat', ['a', 'b'], 'ab', int('axis', 1))],
      outputs: ['c', 'ab'],
    });
    const infos = inferShapes(m, { x: [2, 3], y: [2, 5] });
    expect(infos.get('c')?.shape).toEqual([2, 8]);
    expect(infos.get('ab')).toEqual({ dtype: 'int64', shape: [2, 3], value: [1, 2, 5, 3, 4, 6] });
    expect(() => inferShapes(m, { x: [2, 3], y: [3, 5] })).toThrow(/Concat node 'Concat_c'.*\[2,3\], \[3,5\] differ outside axis 1/);
  });

  it('inferShapes(Pad) reads pads from the attribute (opset 2-10) and the input (11+)', async () => {
    const old = model({ opset: 10, nodes: [op('Pad', ['x'], 'y', ints('pads', [0, 0, 1, 2, 0, 0, 3, 4]))] });
    expect(inferred(old, { x: [1, 2, 5, 5] }, ['y'])).toEqual(['float32[1,2,9,11]']);
    const next = model({ opset: 11, nodes: [constant(i64('p', [0, 0, 1, -1, 0, 0, 1, 2])), constant(f32('v', [0], [])), op('Pad', ['x', 'p', 'v'], 'y')] });
    expect(inferred(next, { x: [1, 2, 5, 5] }, ['y'])).toEqual(['float32[1,2,7,6]']);
    await expectMatchesProbe(next, { x: [1, 2, 5, 5] });
  });

  it('inferShapes(OneHot) inserts depth at axis; NonZero of data fails as data-dependent', () => {
    const m = model({
      inputs: { i: ['int64'] },
      nodes: [constant(i64('depth', [10], [])), constant(f32('vals', [0, 1])), op('OneHot', ['i', 'depth', 'vals'], 'h', int('axis', 1))],
    });
    expect(inferred(m, { i: [2, 3] }, ['h'])).toEqual(['float32[2,10,3]']);
    expect(() => inferShapes(model({ nodes: [op('NonZero', ['x'], 'nz')] }), { x: [4] })).toThrow(/NonZero node 'NonZero_nz'.*depends on the input data/);
  });
});
