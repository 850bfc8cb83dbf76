import { describe, expect, it } from 'vitest';
import { analyzeModel, decodeModel, encodeModel, splitModel, verifyChain } from '../../src/model/index';
import { inlineKnownIfs } from '../../src/model/inline-if';
import { int64Tensor, sampleRateModel } from '../helpers/sample-rate-model';

describe('inlineKnownIfs(model, inputShapes)', () => {
  it('replaces an If with a constant condition by the branch it takes, under the If output names', () => {
    const m = sampleRateModel();
    m.graph.inputs = m.graph.inputs.filter((i) => i.name !== 'sr');
    m.graph.initializers.push(int64Tensor('sr', [8000]));
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
    for (const [sr, branchNodes] of [
      [16000, 4],
      [8000, 2],
    ]) {
      const a = await analyzeModel(m, { inputValues: { sr: [sr] } });
      expect(a.inlinedIfs).toEqual(['if_sr']);
      expect(a.topology.activationInputs).toEqual(['x']);
      expect(a.topology.order.length).toBe(branchNodes + 1);
      expect(a.blocks.length).toBe(branchNodes + 1);
      const stages = splitModel(
        a,
        a.cuts.map((c) => c.position),
      );
      const check = await verifyChain(a, stages, 5, bytes);
      expect(check.maxAbsDiff, `sr=${sr}`).toBeLessThanOrEqual(1e-6);
    }
  });
});
