import { describe, expect, it } from 'vitest';
import { analyzeModel, summarize, toProfile } from '../../src/model/index';
import { floatTensor, model, node, residualChain } from '../helpers/tiny-graphs';

describe('analyzeModel(model, options)', () => {
  it('measures the blocks between single-tensor cuts', async () => {
    const a = await analyzeModel(residualChain(), { name: 'chain', inputShape: [1, 4] });
    // cuts after a, b and s -> blocks [Relu a], [Neg b], [Relu c, Add s], [Sigmoid y]; every tensor is 16 bytes
    expect(a.cuts.map((c) => c.tensors)).toEqual([['a'], ['b'], ['s']]);
    expect(a.blocks.map((b) => [b.firstPosition, b.lastPosition, b.nodeCount])).toEqual([
      [0, 0, 1],
      [1, 1, 1],
      [2, 3, 2],
      [4, 4, 1],
    ]);
    expect(a.blocks.map((b) => b.outBytes)).toEqual([16, 16, 16, 16]);
    expect(a.blocks.map((b) => b.activationBytes)).toEqual([32, 32, 48, 32]);
    expect(a.blocks.map((b) => b.flops)).toEqual([4, 4, 8, 4]);
    expect(a.inputBytes).toBe(16);
    expect(a.outputBytes).toBe(16);
    expect(a.shapeSource).toBe('inferred');
  });

  it('charges weights to the blocks that read them, each once per block', async () => {
    const m = model([node('Add', ['x', 'w'], ['a']), node('Mul', ['a', 'w'], ['b']), node('Relu', ['b'], ['y'])], { initializers: [floatTensor('w', [1, 4])] });
    const a = await analyzeModel(m);
    expect(a.paramCount).toBe(4);
    expect(a.paramBytes).toBe(16);
    expect(a.blocks.map((b) => b.paramBytes)).toEqual([16, 16, 0]);
  });

  it('falls back to one onnxruntime run for shapes its own rules cannot work out', async () => {
    // NonZero's output length depends on the data: no static rule can know it
    const m = model([node('Relu', ['x'], ['a']), node('NonZero', ['a'], ['nz']), node('Cast', ['nz'], ['y'], 'cast', [{ name: 'to', kind: 'int', value: 1 }])]);
    const a = await analyzeModel(m, { inputShape: [1, 4] });
    expect(a.shapeSource).toBe('probed');
    expect(a.tensors.get('nz')?.shape[0]).toBe(2);
  });
});

describe('analyzeModel on models with nothing to split', () => {
  it('rejects an empty graph, a graph without outputs and one that computes from weights alone', async () => {
    const empty = model([node('Relu', ['x'], ['y'])]);
    empty.graph.nodes = [];
    empty.graph.outputs = [{ name: 'x', dtype: 'float32' }];
    await expect(analyzeModel(empty, { name: 'e' })).rejects.toThrow(/^The model has nothing to run or split: its graph has no nodes \(e\)/);
    const noOutputs = model([node('Relu', ['x'], ['y'])]);
    noOutputs.graph.outputs = [];
    await expect(analyzeModel(noOutputs)).rejects.toThrow(/declares no outputs/);
    const constant = model([node('Neg', ['w'], ['y'])], { initializers: [floatTensor('w', [1, 4])] });
    await expect(analyzeModel(constant)).rejects.toThrow(/none of its 1 node\(s\) computes on an input/);
  });

  it('rejects a Conv with stride 0 as an invalid model before any size (or Infinity FLOPs) is computed', async () => {
    const m = model([node('Conv', ['x', 'w'], ['y'], 'conv', [{ name: 'strides', kind: 'ints', value: [0, 0] }])], {
      inputs: [['x', [1, 1, 4, 4]]],
      initializers: [floatTensor('w', [1, 1, 1, 1])],
    });
    await expect(analyzeModel(m)).rejects.toMatchObject({ code: 'invalid-model' });
  });
});

describe('toProfile(analysis)', () => {
  it('is the block chain with memory = parameters + peak activations', async () => {
    const m = model([node('Add', ['x', 'w'], ['a']), node('Relu', ['a'], ['y'])], { initializers: [floatTensor('w', [1, 4])] });
    const profile = toProfile(await analyzeModel(m, { name: 'tiny' }));
    expect(profile).toEqual({
      model: 'tiny',
      inputBytes: 16,
      outputBytes: 16,
      blocks: [
        { name: 'a', memoryBytes: 16 + 32, flops: 4, outBytes: 16, outTensors: 1 },
        { name: 'y', memoryBytes: 32, flops: 4, outBytes: 16, outTensors: 1 },
      ],
    });
  });
});

describe('summarize(analysis)', () => {
  it('has the fields seifer-lab inspect --json promises', async () => {
    const s = summarize(await analyzeModel(residualChain(), { name: 'chain', inputShape: [1, 4] }));
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['name', 'opset', 'nodeCount', 'paramCount', 'paramBytes', 'flops', 'inputs', 'outputs', 'cutCount', 'blocks']));
    expect(s.inputs).toEqual([{ name: 'x', shape: [1, 4], dtype: 'float32' }]);
    expect(Object.keys(s.blocks[0])).toEqual(expect.arrayContaining(['index', 'firstNode', 'lastNode', 'nodeCount', 'paramBytes', 'activationBytes', 'flops', 'outBytes']));
  });
});
