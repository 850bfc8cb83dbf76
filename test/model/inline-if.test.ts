import { describe, expect, it } from 'vitest';
import { analyzeModel, decodeModel, encodeModel, splitModel, verifyChain } from '../../src/model/index';
import { inlineKnownIfs } from '../../src/model/inline-if';
import type { Graph, Model, Tensor } from '../../src/model/types';
import { floatTensor, model, node } from '../helpers/tiny-graphs';

const int64 = (name: string, values: number[], dims: number[] = []): Tensor => {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dtype: 'int64', dims, data: new Uint8Array(data.buffer) };
};

function branch(name: string, nodes: Graph['nodes'], output: string, untyped = false): Graph {
  return { name, nodes, initializers: [], inputs: [], outputs: [{ name: output, dtype: 'float32', ...(untyped ? { opaqueType: null } : {}) }], valueInfo: [] };
}

/**
 * A voice-activity-detector-like front: the sample rate `sr` (int64 scalar) picks one of two processing chains
 * through an If, as exported models do. The 16 kHz branch has four nodes, the 8 kHz one two; the branches read `x`
 * and a weight from the outer scope, and their outputs are untyped, as exporters write them.
 */
function sampleRateModel(): Model {
  const m = model(
    [
      node('Equal', ['sr', 'k16000'], ['is16k']),
      node('If', ['is16k'], ['features'], 'if_sr', [
        {
          name: 'then_branch',
          kind: 'graph',
          value: branch('at16k', [node('Relu', ['x'], ['t1']), node('Mul', ['t1', 'w'], ['t2']), node('Neg', ['t2'], ['t3']), node('Sigmoid', ['t3'], ['t4'])], 't4', true),
        },
        { name: 'else_branch', kind: 'graph', value: branch('at8k', [node('Tanh', ['x'], ['e1']), node('Flatten', ['e1'], ['e2'], 'e2', [{ name: 'axis', kind: 'int', value: 0 }])], 'e2', true) },
      ]),
      node('Relu', ['features'], ['y']),
    ],
    { inputs: [['x', [1, 4]]], initializers: [floatTensor('w', [1, 4]), int64('k16000', [16000])] },
  );
  m.graph.inputs.push({ name: 'sr', dtype: 'int64', shape: [] });
  return decodeModel(encodeModel(m));
}

describe('inlineKnownIfs(model, inputShapes)', () => {
  it('replaces an If with a constant condition by the branch it takes, under the If output names', () => {
    const m = sampleRateModel();
    m.graph.inputs = m.graph.inputs.filter((i) => i.name !== 'sr');
    m.graph.initializers.push(int64('sr', [8000]));
    const { model: inlined, inlined: names } = inlineKnownIfs(m, { x: [1, 4] });
    expect(names).toEqual(['if_sr']);
    expect(inlined.graph.nodes.map((n) => `${n.opType}:${n.outputs[0]}`)).toEqual(['Equal:is16k', 'Tanh:e1', 'Flatten:features', 'Relu:y']);
  });

  it('leaves an If whose condition is only known at run time alone', () => {
    const m = sampleRateModel();
    expect(inlineKnownIfs(m, { x: [1, 4], sr: [] }).inlined).toEqual([]);
  });
});

describe('analyzeModel with If', () => {
  it('reads a model whose If branches have untyped outputs, also through the shape probe', async () => {
    // Flatten at axis 2 makes the branches disagree in shape, so only a run can tell (the probe feeds sr = 0: else)
    const m = sampleRateModel();
    const elseBranch = m.graph.nodes[1].attributes[1];
    if (elseBranch.kind !== 'graph') throw new Error('else_branch missing');
    elseBranch.value.nodes[1].attributes = [{ name: 'axis', kind: 'int', value: 2 }];
    const reread = decodeModel(encodeModel(m));
    expect(reread.graph.nodes[1].attributes.every((a) => a.kind === 'graph' && a.value.outputs.length === 1)).toBe(true);
    const a = await analyzeModel(reread);
    expect(a.shapeSource).toBe('probed');
    expect(a.tensors.get('y')?.shape).toEqual([4, 1]);
  });

  it('inlines the branch a bound input value picks, so the branch can be cut, and the chain equals the model as read', async () => {
    const m = sampleRateModel();
    const bytes = encodeModel(m);
    for (const [sr, branchNodes] of [[16000, 4], [8000, 2]]) {
      const a = await analyzeModel(m, { inputValues: { sr: [sr] } });
      expect(a.inlinedIfs).toEqual(['if_sr']);
      expect(a.topology.activationInputs).toEqual(['x']);
      expect(a.topology.order.length).toBe(branchNodes + 1);
      expect(a.blocks.length).toBe(branchNodes + 1);
      const stages = splitModel(a, a.cuts.map((c) => c.position));
      const check = await verifyChain(a, stages, 5, bytes);
      expect(check.maxAbsDiff, `sr=${sr}`).toBeLessThanOrEqual(1e-6);
    }
  });
});
