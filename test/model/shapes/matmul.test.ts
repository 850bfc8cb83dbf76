import { describe as group, expect, it } from 'vitest';
import { inferShapes } from '../../../src/model/shapes';
import { expectMatchesProbe, inferred, int, model, op, str, weight } from './build';

group('matrix products', () => {
  it('inferShapes(MatMul) follows numpy: rank-1 promotion and batch broadcasting', () => {
    const m = model({ inputs: { a: ['float32'], b: ['float32'] }, nodes: [op('MatMul', ['a', 'b'], 'y')] });
    expect(inferred(m, { a: [2, 1, 3, 4], b: [5, 4, 6] }, ['y'])).toEqual(['float32[2,5,3,6]']);
    expect(inferred(m, { a: [4], b: [3, 4, 6] }, ['y'])).toEqual(['float32[3,6]']);
    expect(inferred(m, { a: [3, 4], b: [4] }, ['y'])).toEqual(['float32[3]']);
    expect(inferred(m, { a: [4], b: [4] }, ['y'])).toEqual(['float32[]']);
    expect(() => inferShapes(m, { a: [3, 4], b: [5, 6] })).toThrow(/MatMul node 'MatMul_y': the inner dims of \[3,4\] and \[5,6\] differ/);
  });

  it('inferShapes(Gemm) handles transA/transB and checks C broadcasts to the product', () => {
    const m = model({ initializers: [weight('w', [10, 8]), weight('c', [10])], nodes: [op('Gemm', ['x', 'w', 'c'], 'y', int('transB', 1))] });
    expect(inferred(m, { x: [2, 8] }, ['y'])).toEqual(['float32[2,10]']);
    const t = model({ initializers: [weight('w', [8, 10]), weight('c', [3])], nodes: [op('Gemm', ['x', 'w', 'c'], 'y', int('transA', 1))] });
    expect(() => inferShapes(t, { x: [8, 2] })).toThrow(/C \[3\] does not broadcast to the product \[2,10\]/);
  });

  it('inferShapes(Einsum) reads explicit, implicit and ellipsis equations', () => {
    const m = model({
      inputs: { a: ['float32'], b: ['float32'] },
      nodes: [
        op('Einsum', ['a', 'b'], 'bmm', str('equation', 'bij,bjk->bik')),
        op('Einsum', ['a'], 'tr', str('equation', 'bij->bji')),
        op('Einsum', ['a', 'b'], 'implicit', str('equation', 'bij,bjk')),
        op('Einsum', ['a', 'b'], 'ell', str('equation', '...ij,...jk->...ik')),
        op('Einsum', ['a'], 'sum', str('equation', 'bij->b')),
      ],
      outputs: ['bmm', 'tr', 'implicit', 'ell', 'sum'],
    });
    expect(inferred(m, { a: [2, 3, 4], b: [2, 4, 5] }, ['bmm', 'tr', 'implicit', 'ell', 'sum'])).toEqual(['float32[2,3,5]', 'float32[2,4,3]', 'float32[3,5]', 'float32[2,3,5]', 'float32[2]']);
    return expectMatchesProbe(m, { a: [2, 3, 4], b: [2, 4, 5] });
  });

  it('inferShapes agrees with onnxruntime on a transformer-style attention block', () => {
    const m = model({
      initializers: [weight('wq', [8, 8]), weight('wk', [8, 8])],
      nodes: [
        op('MatMul', ['x', 'wq'], 'q'),
        op('MatMul', ['x', 'wk'], 'k'),
        op('Transpose', ['k'], 'kt', { name: 'perm', kind: 'ints', value: [0, 2, 1] }),
        op('MatMul', ['q', 'kt'], 'scores'),
        op('Softmax', ['scores'], 'attn', int('axis', -1)),
        op('MatMul', ['attn', 'x'], 'ctx'),
      ],
    });
    return expectMatchesProbe(m, { x: [2, 6, 8] });
  });
});
