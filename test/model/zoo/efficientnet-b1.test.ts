import { describe, expect, it } from 'vitest';
import { buildEfficientNetB1 } from '../../../src/model/zoo/efficientnet-b1';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { expectParamsNear, opCounts } from './zoo-helpers';

// Running it in onnxruntime-web is checked once by hand (see the zoo report), not in unit tests.
describe('buildEfficientNetB1', () => {
  const model = buildEfficientNetB1();

  it("buildEfficientNetB1() has the Keras EfficientNetB1 parameter count (less Normalization's count scalar)", () => {
    expectParamsNear(parameterCount(model), 7_856_239);
    expect(parameterCount(model)).toBe(7_856_239 - 1);
  });

  it('buildEfficientNetB1() has 23 MBConv blocks (depth 1.1), swish as Sigmoid+Mul and squeeze-excitation', () => {
    expect(opCounts(model)).toEqual({
      Sub: 1,
      Div: 1,
      Pad: 5,
      Conv: 115,
      BatchNormalization: 69,
      Sigmoid: 92,
      Mul: 92,
      GlobalAveragePool: 24,
      Add: 16,
      Flatten: 1,
      Gemm: 1,
      Softmax: 1,
    });
    const names = model.graph.nodes.map((n) => n.name);
    expect(names.filter((n) => n.endsWith('_project_bn'))).toHaveLength(23);
    expect(names).toEqual(expect.arrayContaining(['block1b_add', 'block2c_add', 'block6e_add', 'block7b_add', 'block4a_se_excite']));
    expect(model.graph.inputs[0]?.shape).toEqual([1, 3, 240, 240]);
    expect(model.graph.valueInfo.find((v) => v.name === 'top_activation')?.shape).toEqual([1, 1280, 8, 8]);
  });

  it('buildEfficientNetB1() measures its BN statistics: per-channel moving variances differ, none is zero', () => {
    const variance = model.graph.initializers.find((t) => t.name === 'block4a_bn/moving_variance');
    const values = new Float32Array(variance?.data.slice().buffer ?? new ArrayBuffer(0));
    expect(values.length).toBe(240);
    expect(new Set(values).size).toBeGreaterThan(200);
    expect(Math.min(...values)).toBeGreaterThan(0);
  });
});
