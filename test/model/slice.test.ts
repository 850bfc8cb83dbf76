import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeModel, balancedCuts, decodeModel, encodeModel, singleTensorCuts, sliceBlocks, splitModel, verifyChain, type ModelAnalysis } from '../../src/model/index';
import { statefulChain } from '../helpers/stateful-chain';
import { SeiferError } from '../../src/errors';
import { floatTensor, model, node, residualChain } from '../helpers/tiny-graphs';

async function check(analysis: ModelAnalysis, cuts: number[], bytes = encodeModel(analysis.model)) {
  const stages = splitModel(analysis, cuts);
  const { maxAbsDiff } = await verifyChain(analysis, stages, 3, bytes);
  return { stages, maxAbsDiff };
}

describe('splitModel(analysis, cuts)', () => {
  it('splits at every position of a residual graph, single- and multi-tensor cuts alike', async () => {
    const analysis = await analyzeModel(residualChain(), { inputShape: [1, 4] });
    for (let p = 0; p <= 3; p++) {
      const { stages, maxAbsDiff } = await check(analysis, [p]);
      expect(maxAbsDiff, `cut at ${p}`).toBeLessThanOrEqual(1e-6);
      expect(stages[0].outputs.length).toBe(p === 2 ? 2 : 1); // after Relu c, the skip b crosses too
    }
  });

  it('carries a skip through a middle stage with an Identity under the original name', async () => {
    const analysis = await analyzeModel(residualChain(), { inputShape: [1, 4] });
    // cuts after Neg (b) and after Relu (b, c): nothing in stage 1 but Relu c; b passes through it
    const { stages, maxAbsDiff } = await check(analysis, [1, 2]);
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-6);
    expect(stages[1].inputs).toEqual(['b__stage1_in']);
    expect(stages[1].outputs).toEqual(['b', 'c']);
    expect(stages[1].model.graph.nodes.map((n) => n.opType)).toEqual(['Identity', 'Relu']);
  });

  it('gives each stage only the weights it uses, copying shared Constants', async () => {
    const m = model(
      [
        node('Constant', [], ['k'], 'k', [{ name: 'value', kind: 'tensor', value: floatTensor('k', [4]) }]),
        node('Add', ['x', 'w1'], ['a']),
        node('Mul', ['a', 'k'], ['b']),
        node('Add', ['b', 'w2'], ['c']),
        node('Mul', ['c', 'k'], ['y']),
      ],
      { initializers: [floatTensor('w1', [4]), floatTensor('w2', [4], (i) => i)] },
    );
    const analysis = await analyzeModel(m, { inputShape: [1, 4] });
    const { stages, maxAbsDiff } = await check(analysis, [1]);
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-6);
    expect(stages[0].model.graph.initializers.map((t) => t.name)).toEqual(['w1']);
    expect(stages[1].model.graph.initializers.map((t) => t.name)).toEqual(['w2']);
    expect(stages.map((s) => s.model.graph.nodes.filter((n) => n.opType === 'Constant').length)).toEqual([1, 1]);
    expect(stages.map((s) => s.paramBytes)).toEqual([32, 32]);
  });

  it('keeps a graph output produced in an early stage and a graph input used late', async () => {
    const m = model([node('Relu', ['x'], ['early']), node('Neg', ['early'], ['b']), node('Add', ['b', 'z'], ['late'])], {
      inputs: [
        ['x', [1, 4]],
        ['z', [1, 4]],
      ],
      outputs: ['early', 'late'],
    });
    const analysis = await analyzeModel(m);
    for (const cuts of [[0], [1], [0, 1]]) expect((await check(analysis, cuts)).maxAbsDiff, String(cuts)).toBeLessThanOrEqual(1e-6);
  });

  it('rejects cuts that do not exist, saying which exist', async () => {
    const analysis = await analyzeModel(residualChain(), { inputShape: [1, 4] });
    for (const cuts of [[4], [-1], [2, 1], [1.5]]) {
      expect(() => splitModel(analysis, cuts)).toThrowError(SeiferError);
      expect(() => splitModel(analysis, cuts)).toThrowError(/Cut at position .* does not exist.*positions 0\.\.3/);
    }
  });

  it('splits the PaddleOCR classifier at each of its 59 single-tensor cuts exactly', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../public/models/ppocr-cls.onnx', import.meta.url)));
    const analysis = await analyzeModel(decodeModel(bytes), { inputShape: [1, 3, 48, 192] });
    expect(analysis.cuts.length).toBe(59);
    let worst = 0;
    for (const cut of analysis.cuts) worst = Math.max(worst, (await check(analysis, [cut.position], bytes)).maxAbsDiff);
    expect(worst).toBeLessThanOrEqual(1e-4);
    const four = await check(analysis, balancedCuts(analysis.blocks, 4), bytes);
    expect(four.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    // the stages share the weights out: together they hold each weight once
    expect(four.stages.reduce((s, st) => s + st.paramBytes, 0)).toBe(analysis.paramBytes - constantsOnlyOutsideCompute(analysis));
  });
});

/** Bytes of stored weights no compute node reads (none in this model, but say so explicitly). */
function constantsOnlyOutsideCompute(analysis: ModelAnalysis): number {
  const read = new Set(analysis.topology.order.flatMap((i) => analysis.topology.reads[i].flatMap((n) => analysis.weights.sources.get(n) ?? [])));
  let bytes = 0;
  for (const w of analysis.weights.stored.values()) if (!read.has(w.name)) bytes += w.bytes;
  return bytes;
}

describe('splitModel across IR and opset versions', () => {
  for (const [irVersion, opset] of [
    [3, 7],
    [6, 11],
    [10, 21],
  ]) {
    it(`splits an IR ${irVersion} / opset ${opset} model exactly`, async () => {
      const m = model(
        [
          node('Conv', ['x', 'w'], ['c'], 'conv', [
            { name: 'kernel_shape', kind: 'ints', value: [3, 3] },
            { name: 'pads', kind: 'ints', value: [1, 1, 1, 1] },
          ]),
          node('Relu', ['c'], ['r']),
          node('MaxPool', ['r'], ['p'], 'pool', [
            { name: 'kernel_shape', kind: 'ints', value: [2, 2] },
            { name: 'strides', kind: 'ints', value: [2, 2] },
          ]),
          node('Flatten', ['p'], ['f']),
          node('Softmax', ['f'], ['y']),
        ],
        { inputs: [['x', [1, 2, 6, 6]]], initializers: [floatTensor('w', [3, 2, 3, 3])], opset },
      );
      m.irVersion = irVersion;
      const analysis = await analyzeModel(decodeModel(encodeModel(m)));
      expect(analysis.cuts.length).toBe(4);
      for (const cut of analysis.cuts) expect((await check(analysis, [cut.position])).maxAbsDiff).toBeLessThanOrEqual(1e-6);
    });
  }
});

describe('splitModel with a subgraph node', () => {
  it('carries the outer tensors an If branch reads across the cut', async () => {
    // the branches read 'b' (an activation from before the If) and 'w' (a weight) from the outer scope
    const branch = (op: string) => {
      const g = model([node(op, ['b', 'w'], [`r_${op}`], `n_${op}`)], { inputs: [] }).graph;
      g.outputs = [{ name: `r_${op}`, dtype: 'float32' }];
      return g;
    };
    const m = model(
      [
        node('Relu', ['x'], ['a']),
        node('Neg', ['a'], ['b']),
        node('ReduceSum', ['a'], ['s'], 'sum', [{ name: 'keepdims', kind: 'int', value: 0 }]),
        node('Greater', ['s', 'zero'], ['cond']),
        node('If', ['cond'], ['y'], 'if', [
          { name: 'then_branch', kind: 'graph', value: branch('Add') },
          { name: 'else_branch', kind: 'graph', value: branch('Mul') },
        ]),
      ],
      { inputs: [['x', [1, 4]]], initializers: [floatTensor('w', [1, 4]), floatTensor('zero', [], () => 0)] },
    );
    const analysis = await analyzeModel(m);
    for (let p = 0; p <= 3; p++) {
      const { stages, maxAbsDiff } = await check(analysis, [p]);
      expect(maxAbsDiff, `cut at ${p}`).toBeLessThanOrEqual(1e-6);
      if (p === 3) expect(stages[1].inputs).toEqual(['b', 'cond']);
      expect(stages[1].model.graph.initializers.map((t) => t.name)).toContain('w');
    }
  });
});

describe('splitModel and sliceBlocks at multi-tensor cuts', () => {
  it('splits a recurrent-state model (no single-tensor cut at all) at every cut point exactly', async () => {
    const m = statefulChain(4, { batchName: 'batch' });
    const analysis = await analyzeModel(m, { inputShape: { x: [1, 16] } });
    expect(singleTensorCuts(analysis.cuts)).toEqual([]);
    expect(analysis.blocks.length).toBeGreaterThan(10);
    const { stages, maxAbsDiff } = await check(
      analysis,
      analysis.cuts.map((c) => c.position),
    );
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(stages.every((s, k) => k === stages.length - 1 || s.outputs.length >= 3)).toBe(true);
    const three = await check(analysis, balancedCuts(analysis.blocks, 3));
    expect(three.maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });

  it('sliceBlocks(analysis, i, i) for every block chains to the whole model, boundaries of several tensors included', async () => {
    const analysis = await analyzeModel(statefulChain(3));
    const stages = analysis.blocks.map((_, i) => sliceBlocks(analysis, i, i));
    expect(stages.map((s) => s.outputs.length)).toEqual(analysis.blocks.map((b) => b.outTensors));
    const { maxAbsDiff } = await verifyChain(analysis, stages, 9, encodeModel(analysis.model));
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });

  it('writes the shapes of the tensors crossing each cut into the stage files, so each can be analysed on its own', async () => {
    const analysis = await analyzeModel(statefulChain(2, { batchName: 'batch' }));
    const stages = splitModel(analysis, [analysis.cuts[3].position]);
    const second = decodeModel(stages[1].bytes);
    expect(second.graph.inputs.map((i) => [i.name, i.shape])).toEqual(stages[1].inputs.map((name, k) => [name, analysis.tensors.get(stages[0].outputs[k])?.shape]));
    const alone = await analyzeModel(second);
    expect(alone.inputShapes).toEqual(Object.fromEntries(second.graph.inputs.map((i) => [i.name, i.shape])));
  });

  it('splits the PaddleOCR detector at multi-tensor cuts of its feature pyramid exactly', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../public/models/ppocr-det.onnx', import.meta.url)));
    const analysis = await analyzeModel(decodeModel(bytes), { inputShape: [1, 3, 160, 160] });
    const multi = analysis.cuts.filter((c) => c.tensors.length > 1);
    expect(multi.length).toBeGreaterThan(20);
    const picks = [multi[0], multi[Math.floor(multi.length / 2)], multi[multi.length - 1]].map((c) => c.position);
    const { stages, maxAbsDiff } = await check(analysis, picks, bytes);
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(stages.slice(0, -1).every((s) => s.outputs.length > 1)).toBe(true);
  });
});
