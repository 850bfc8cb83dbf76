import { describe as group, expect, it } from 'vitest';
import { thrownSeiferError } from '../../helpers/asserts';
import { inferShapes, supportedOps } from '../../../src/model/shapes';
import { constant, describe, f32, i64, model, op, weight } from './build';

const thrown = thrownSeiferError;

group('inferShapes', () => {
  it('inferShapes(model, shapes) covers graph inputs, initializers, Constant outputs and nodes that feed nothing', () => {
    const m = model({
      initializers: [weight('w', [4, 2])],
      nodes: [constant(i64('k', [1])), op('MatMul', ['x', 'w'], 'y'), op('Shape', ['y'], 'dead'), op('Relu', ['y'], 'out')],
      outputs: ['out'],
    });
    const infos = inferShapes(m, { x: [3, 4] });
    expect([...infos.keys()].sort()).toEqual(['dead', 'k', 'out', 'w', 'x', 'y']);
    expect(['x', 'w', 'k', 'y', 'dead', 'out'].map((n) => describe(infos.get(n)))).toEqual(['float32[3,4]', 'float32[4,2]', 'int64[1]', 'float32[3,2]', 'int64[2]', 'float32[3,2]']);
  });

  it('inferShapes treats a graph input with an initializer of the same name as a weight', () => {
    const m = model({ inputs: { x: ['float32', [1, 3]], b: ['float32', [9]] }, initializers: [f32('b', [1, 2, 3])], nodes: [op('Add', ['x', 'b'], 'y')] });
    const infos = inferShapes(m, {});
    expect(describe(infos.get('b'))).toBe('float32[3]');
    expect(describe(infos.get('y'))).toBe('float32[1,3]');
  });

  it('inferShapes handles nodes listed out of order and skips omitted optional outputs', () => {
    const m = model({ nodes: [op('Relu', ['h'], 'y'), op('Dropout', ['x'], ['h', ''])] });
    expect(describe(inferShapes(m, { x: [2] }).get('y'))).toBe('float32[2]');
  });

  it('inferShapes throws shape-inference errors naming node and op for unknown ops and other domains', () => {
    const unknown = thrown(() => inferShapes(model({ nodes: [op('FancyOp', ['x'], 'y')] }), { x: [2] }));
    expect(unknown.code).toBe('shape-inference');
    expect(unknown.message).toMatch(/^Cannot work out the output shape of FancyOp node 'FancyOp_y': seifer-lab has no shape rule for this op/);
    expect(unknown.where).toBe("node 'FancyOp_y'");
    const custom = model({ nodes: [{ ...op('Gelu', ['x'], 'y'), domain: 'com.microsoft' }] });
    expect(thrown(() => inferShapes(custom, { x: [2] })).message).toMatch(/com\.microsoft\.Gelu node 'Gelu_y'/);
  });

  it('inferShapes reports tensors nobody produces and cycles', () => {
    expect(thrown(() => inferShapes(model({ nodes: [op('Add', ['x', 'ghost'], 'y')] }), { x: [2] })).code).toBe('dangling-tensor');
    const cyclic = model({ nodes: [op('Add', ['x', 'b'], 'a'), op('Relu', ['a'], 'b')] });
    expect(thrown(() => inferShapes(cyclic, { x: [2] })).code).toBe('cycle');
  });

  it('inferShapes checks its arguments at the door', () => {
    expect(() => inferShapes(null as never, {})).toThrow(TypeError);
    expect(() => inferShapes(model({ nodes: [op('Relu', ['x'], 'y')] }), [1, 2] as never)).toThrow(TypeError);
    expect(thrown(() => inferShapes(model({ nodes: [op('Relu', ['x'], 'y')] }), {})).code).toBe('unresolved-shape');
  });

  it('supportedOps() lists the ops the task names, sorted', () => {
    const ops = supportedOps();
    expect(ops).toEqual([...ops].sort());
    const required = [
      'Conv',
      'ConvTranspose',
      'BatchNormalization',
      'InstanceNormalization',
      'LayerNormalization',
      'Relu',
      'LeakyRelu',
      'PRelu',
      'Sigmoid',
      'HardSigmoid',
      'HardSwish',
      'Tanh',
      'Erf',
      'Gelu',
      'Softmax',
      'LogSoftmax',
      'Dropout',
      'Identity',
      'MaxPool',
      'AveragePool',
      'GlobalAveragePool',
      'GlobalMaxPool',
      'LRN',
      'Gemm',
      'MatMul',
      'Flatten',
      'Reshape',
      'Transpose',
      'Concat',
      'Split',
      'Slice',
      'Gather',
      'Squeeze',
      'Unsqueeze',
      'Pad',
      'Resize',
      'Upsample',
      'ReduceMean',
      'ReduceSum',
      'ReduceMax',
      'ReduceMin',
      'ReduceProd',
      'ReduceL2',
      'ArgMax',
      'ArgMin',
      'Cast',
      'Shape',
      'Size',
      'Expand',
      'Tile',
      'Range',
      'ConstantOfShape',
      'Where',
      'Equal',
      'Less',
      'Greater',
      'Not',
      'And',
      'Or',
      'Sqrt',
      'Pow',
      'Exp',
      'Log',
      'Abs',
      'Neg',
      'Reciprocal',
      'Floor',
      'Ceil',
      'Round',
      'Min',
      'Max',
      'Sum',
      'Mean',
      'Clip',
      'TopK',
      'DepthToSpace',
      'SpaceToDepth',
      'Einsum',
      'Constant',
      'Add',
      'Sub',
      'Mul',
      'Div',
      'If',
      'Loop',
      'Scan',
    ];
    expect(required.filter((o) => !ops.includes(o))).toEqual([]);
  });
});
