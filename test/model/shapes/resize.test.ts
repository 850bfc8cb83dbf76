import { describe as group, expect, it } from 'vitest';
import { constant, expectMatchesProbe, f32, floats, i64, inferred, int, model, op, str } from './build';

group('resampling ops', () => {
  it('inferShapes(Resize-10) scales from input 1', () => {
    const m = model({ opset: 10, nodes: [constant(f32('sc', [1, 1, 2, 2])), op('Resize', ['x', 'sc'], 'y')] });
    expect(inferred(m, { x: [1, 3, 5, 7] }, ['y'])).toEqual(['float32[1,3,10,14]']);
  });

  it('inferShapes(Resize-11) uses sizes when given, with empty roi and scales', () => {
    const m = model({
      opset: 11,
      nodes: [constant(f32('roi', [], [0])), constant(f32('sc', [], [0])), constant(i64('sz', [1, 3, 9, 4])), op('Resize', ['x', 'roi', 'sc', 'sz'], 'y')],
    });
    expect(inferred(m, { x: [1, 3, 5, 7] }, ['y'])).toEqual(['float32[1,3,9,4]']);
    return expectMatchesProbe(m, { x: [1, 3, 5, 7] });
  });

  it('inferShapes(Resize-13) floors dim * scale computed in float32, as onnxruntime does', () => {
    const m = model({
      opset: 13,
      nodes: [constant(f32('sc', [1, 1, 0.7, 1.7])), op('Resize', ['x', '', 'sc'], 'y', str('mode', 'linear'))],
    });
    // 10 * float32(0.7) is 6.9999999 in double precision but exactly 7 in float32
    expect(inferred(m, { x: [1, 2, 10, 7] }, ['y'])).toEqual(['float32[1,2,7,11]']);
    return expectMatchesProbe(m, { x: [1, 2, 10, 7] });
  });

  it('inferShapes(Resize) resolves sizes computed from Shape at run time (the FPN pattern)', () => {
    const m = model({
      opset: 13,
      inputs: { x: ['float32'], skip: ['float32'] },
      nodes: [
        op('Shape', ['skip'], 'ss'),
        constant(i64('s2', [2])),
        constant(i64('e4', [4])),
        op('Slice', ['ss', 's2', 'e4'], 'hw'),
        op('Shape', ['x'], 'xs'),
        constant(i64('z', [0])),
        constant(i64('two', [2])),
        op('Slice', ['xs', 'z', 'two'], 'nc'),
        op('Concat', ['nc', 'hw'], 'sizes', int('axis', 0)),
        op('Resize', ['x', '', '', 'sizes'], 'up', str('mode', 'nearest')),
        op('Add', ['up', 'skip'], 'y'),
      ],
    });
    expect(inferred(m, { x: [1, 4, 5, 5], skip: [1, 4, 10, 10] }, ['up'])).toEqual(['float32[1,4,10,10]']);
    return expectMatchesProbe(m, { x: [1, 4, 5, 5], skip: [1, 4, 10, 10] });
  });

  it('inferShapes(Resize-18) applies axes and keep_aspect_ratio_policy', () => {
    const m = model({
      opset: 18,
      nodes: [constant(i64('sz', [8, 8])), op('Resize', ['x', '', '', 'sz'], 'y', { name: 'axes', kind: 'ints', value: [2, 3] }, str('keep_aspect_ratio_policy', 'not_larger'))],
    });
    expect(inferred(m, { x: [1, 3, 4, 2] }, ['y'])).toEqual(['float32[1,3,8,4]']);
  });

  it('inferShapes(Upsample) reads scales from the attribute (opset 7) or the input (opset 9)', () => {
    const at7 = model({ opset: 7, nodes: [op('Upsample', ['x'], 'y', floats('scales', [1, 1, 2, 3]))] });
    expect(inferred(at7, { x: [1, 3, 4, 5] }, ['y'])).toEqual(['float32[1,3,8,15]']);
    const at9 = model({ opset: 9, nodes: [constant(f32('sc', [1, 1, 2, 2])), op('Upsample', ['x', 'sc'], 'y')] });
    expect(inferred(at9, { x: [1, 3, 4, 5] }, ['y'])).toEqual(['float32[1,3,8,10]']);
    return expectMatchesProbe(at9, { x: [1, 3, 4, 5] });
  });

  it('inferShapes(DepthToSpace, SpaceToDepth) move blocksize² between channels and space', () => {
    const m = model({ nodes: [op('SpaceToDepth', ['x'], 's', int('blocksize', 2)), op('DepthToSpace', ['s'], 'd', int('blocksize', 2), str('mode', 'CRD'))] });
    expect(inferred(m, { x: [1, 3, 4, 6] }, ['s', 'd'])).toEqual(['float32[1,12,2,3]', 'float32[1,3,4,6]']);
    return expectMatchesProbe(m, { x: [1, 3, 4, 6] });
  });
});
