import { describe, expect, it } from 'vitest';
import { buildInceptionResNetV2 } from '../../../src/model/zoo/inception-resnet-v2';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { expectParamsNear, opCounts } from './zoo-helpers';

// Running it in onnxruntime-web is checked once by hand (see the zoo report), not in unit tests.
describe('buildInceptionResNetV2', () => {
  const model = buildInceptionResNetV2();

  it('buildInceptionResNetV2() has Keras InceptionResNetV2 parameters within 2 % (+ a gamma of 1 per BN channel)', () => {
    expectParamsNear(parameterCount(model), 55_873_736);
    expect(parameterCount(model)).toBe(55_873_736 + 30_272 + 4);
  });

  it('buildInceptionResNetV2() has 10 block35, 20 block17, 10 block8 with scaled residuals (Mul by a constant, Add)', () => {
    expect(opCounts(model)).toEqual({
      Conv: 244,
      BatchNormalization: 204,
      Relu: 243,
      MaxPool: 4,
      AveragePool: 1,
      Concat: 43,
      Mul: 40,
      Add: 40,
      GlobalAveragePool: 1,
      Flatten: 1,
      Gemm: 1,
      Softmax: 1,
    });
    const node = (name: string) => model.graph.nodes.find((n) => n.name === name);
    const scaleOf = (name: string) => {
      const constant = model.graph.initializers.find((t) => t.name === node(name)?.inputs[1]);
      return new Float32Array(constant?.data.slice().buffer ?? new ArrayBuffer(4))[0];
    };
    expect(scaleOf('block35_1_scaled')).toBeCloseTo(0.17, 6);
    expect(scaleOf('block17_20_scaled')).toBeCloseTo(0.1, 6);
    expect(scaleOf('block8_9_scaled')).toBeCloseTo(0.2, 6);
    expect(scaleOf('block8_10_scaled')).toBe(1);
    expect(node('block8_9_ac')?.opType).toBe('Relu');
    expect(node('block8_10_ac')).toBeUndefined();
    const shape = (name: string) => model.graph.valueInfo.find((v) => v.name === name)?.shape;
    expect(shape('mixed_5b')).toEqual([1, 320, 35, 35]);
    expect(shape('mixed_6a')).toEqual([1, 1088, 17, 17]);
    expect(shape('mixed_7a')).toEqual([1, 2080, 8, 8]);
    expect(shape('conv_7b_ac')).toEqual([1, 1536, 8, 8]);
  });
});
