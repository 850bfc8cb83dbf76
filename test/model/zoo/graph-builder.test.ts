import { describe, expect, it } from 'vitest';
import { GraphBuilder, resolveBuildOptions } from '../../../src/model/zoo/graph-builder';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { expectDeclaredShapes, expectSaneSoftmax, runModel } from './zoo-helpers';

const floatsOf = (bytes: Uint8Array) => new Float32Array(bytes.slice().buffer);

describe('GraphBuilder', () => {
  it('build() gives an opset 13, IR 8 model by seifer-lab with shaped inputs, outputs and value infos', () => {
    const b = new GraphBuilder();
    const x = b.input('input', [1, 3, 8, 8]);
    b.output(b.relu(b.conv(x, { filters: 4, kernel: 3, padding: 'same' })));
    const model = b.build({ graphName: 'g', seed: 1 });
    expect([model.irVersion, model.opsetImports, model.producerName]).toEqual([8, [{ domain: '', version: 13 }], 'seifer-lab']);
    expect(model.graph.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: [1, 3, 8, 8] }]);
    expect(model.graph.outputs).toEqual([{ name: 'activation', dtype: 'float32', shape: [1, 4, 8, 8] }]);
    expect(model.graph.valueInfo).toEqual([{ name: 'conv2d', dtype: 'float32', shape: [1, 4, 8, 8] }]);
    expect(model.graph.initializers.map((t) => [t.name, t.dims])).toEqual([
      ['conv2d/kernel', [4, 3, 3, 3]],
      ['conv2d/bias', [4]],
    ]);
  });

  it('fresh(base) names like Keras: base, base_1, base_2; explicit names are kept', () => {
    const b = new GraphBuilder();
    const x = b.input('input', [1, 2, 4, 4]);
    const names = [b.conv(x, { filters: 2, kernel: 1 }), b.conv(x, { filters: 2, kernel: 1 }), b.conv(x, { filters: 2, kernel: 1, name: 'mine' })].map((v) => v.name);
    expect(names).toEqual(['conv2d', 'conv2d_1', 'mine']);
    expect(b.fresh('mine')).toBe('mine_1');
  });

  it('conv() writes He-uniform kernels (|w| < sqrt(6 / fanIn), E[w^2] ~ 2 / fanIn) and zero biases', () => {
    const b = new GraphBuilder();
    b.output(b.conv(b.input('input', [1, 16, 4, 4]), { filters: 64, kernel: 3 }));
    const [kernel, bias] = b.build({ graphName: 'g', seed: 3 }).graph.initializers.map((t) => floatsOf(t.data));
    const fanIn = 16 * 9;
    expect(Math.max(...(kernel ?? []).map(Math.abs))).toBeLessThan(Math.sqrt(6 / fanIn));
    const meanSquare = (kernel ?? new Float32Array()).reduce((s, w) => s + w * w, 0) / (kernel?.length ?? 1);
    expect(meanSquare * fanIn).toBeGreaterThan(1.9);
    expect(meanSquare * fanIn).toBeLessThan(2.1);
    expect(Array.from(bias ?? [])).toEqual(new Array(64).fill(0));
  });

  it("conv() pads 'same' like Keras (the odd pixel bottom/right) and checks groups", () => {
    const b = new GraphBuilder();
    const x = b.input('input', [1, 4, 224, 224]);
    const y = b.conv(x, { filters: 8, kernel: 3, stride: 2, padding: 'same', name: 'c' });
    expect(y.shape).toEqual([1, 8, 112, 112]);
    const depthwise = b.depthwiseConv(x, { kernel: 5, stride: 2, padding: [1, 1, 2, 2] });
    expect(depthwise.shape).toEqual([1, 4, 112, 112]);
    expect(() => b.conv(x, { filters: 6, kernel: 1, group: 4 })).toThrow(/group 4 does not divide 4 input and 6 output channels/);
    b.output(y);
    const pads = b.build({ graphName: 'g', seed: 1 }).graph.nodes[0]?.attributes.find((a) => a.name === 'pads');
    expect(pads?.value).toEqual([0, 0, 1, 1]);
  });

  it('batchNorm() keeps Conv, BN and activation as separate nodes and stores gamma, beta, mean and variance', () => {
    const b = new GraphBuilder();
    const x = b.batchNorm(b.conv(b.input('input', [1, 3, 8, 8]), { filters: 5, kernel: 3, bias: false }), { gamma: 0.5 });
    b.output(b.relu6(x));
    const model = b.build({ graphName: 'g', seed: 1 });
    expect(model.graph.nodes.map((n) => n.opType)).toEqual(['Conv', 'BatchNormalization', 'Clip']);
    expect(model.graph.nodes[1]?.inputs.slice(1)).toEqual(['batch_normalization/gamma', 'batch_normalization/beta', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance']);
    const weights = Object.fromEntries(model.graph.initializers.map((t) => [t.name, Array.from(floatsOf(t.data))]));
    expect(weights['batch_normalization/gamma']).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(weights['batch_normalization/moving_mean']).toEqual([0, 0, 0, 0, 0]);
    // the forecast input energy: uniform [0, 1) has mean square 1/3, a He conv doubles it (less padding: valid here)
    expect(weights['batch_normalization/moving_variance']?.[0]).toBeCloseTo(2 / 3, 5);
    expect(model.graph.nodes[2]?.inputs.slice(1).map((n) => weights[n])).toEqual([[0], [6]]);
    expect(parameterCount(model)).toBe(5 * 3 * 9 + 4 * 5 + 2);
  });

  it('the layer methods build a graph onnxruntime-web accepts, with shapes that match its own inference', async () => {
    const b = new GraphBuilder();
    const x = b.input('input', [1, 3, 17, 17]);
    const stem = b.swish(b.batchNorm(b.conv(x, { filters: 8, kernel: 3, stride: 2, padding: 'same' })));
    const gate = b.sigmoid(b.conv(b.globalAvgPool(stem), { filters: 8, kernel: 1 }));
    const left = b.mul(stem, gate);
    const right = b.scale(b.avgPool(stem, { kernel: 3, stride: 1, padding: 'same' }), 0.5);
    const merged = b.concat([b.add(left, right), b.maxPool(b.pad(stem, [0, 0, 1, 1]), { kernel: 2, stride: 1 })]);
    const pooled = b.flatten(b.globalAvgPool(b.relu(b.conv(merged, { filters: 4, kernel: [1, 3], padding: 'same', dilation: 2 }))));
    b.output(b.softmax(b.gemm(pooled, 5)));
    expect(merged.shape).toEqual([1, 16, 9, 9]);
    const model = b.build({ graphName: 'g', seed: 2 });
    await expectDeclaredShapes(model);
    expectSaneSoftmax(await runModel(model), 5);
  });

  it('build() reports progress from 0 to 1 and refuses a graph without outputs or a second build', () => {
    const empty = new GraphBuilder();
    empty.input('input', [1, 1, 2, 2]);
    expect(() => empty.build({ graphName: 'g', seed: 1 })).toThrow(/has no output/);
    const b = new GraphBuilder();
    b.output(b.conv(b.input('input', [1, 1, 2, 2]), { filters: 1, kernel: 1 }));
    const fractions: number[] = [];
    b.build({ graphName: 'g', seed: 1, onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((p, q) => p - q));
    expect(() => b.build({ graphName: 'g', seed: 1 })).toThrow(/built already/);
  });
});

describe('resolveBuildOptions', () => {
  it('resolveBuildOptions() defaults the seed to 1 and checks its arguments by name', () => {
    expect(resolveBuildOptions(undefined)).toEqual({ seed: 1 });
    expect(resolveBuildOptions({})).toEqual({ seed: 1 });
    expect(resolveBuildOptions({ seed: 9 })).toEqual({ seed: 9 });
    expect(() => resolveBuildOptions({ seed: 0.5 })).toThrow(RangeError);
    expect(() => resolveBuildOptions('x' as unknown as object)).toThrow(/'options' must be an object/);
  });
});
