import { describe, expect, it } from 'vitest';
import { buildMobileNetV2 } from '../../../src/model/zoo/mobilenet-v2';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { expectDeclaredShapes, expectParamsNear, expectSaneSoftmax, opCounts, runModel } from './zoo-helpers';

describe('buildMobileNetV2', () => {
  const model = buildMobileNetV2();

  it('buildMobileNetV2() has Keras MobileNetV2 parameters within 2 % (exactly + the two shared Clip bounds)', () => {
    expectParamsNear(parameterCount(model), 3_538_984);
    expect(parameterCount(model)).toBe(3_538_984 + 2);
  });

  it('buildMobileNetV2() uses Keras layer names, ReLU6 as Clip(x, min, max) and ZeroPadding before stride 2', () => {
    expect(opCounts(model)).toEqual({
      Conv: 52,
      BatchNormalization: 52,
      Clip: 35,
      Pad: 4,
      Add: 10,
      GlobalAveragePool: 1,
      Flatten: 1,
      Gemm: 1,
      Softmax: 1,
    });
    const clip = model.graph.nodes.find((n) => n.name === 'block_1_expand_relu');
    expect(clip?.opType).toBe('Clip');
    expect(clip?.inputs).toHaveLength(3);
    const depthwise = model.graph.nodes.find((n) => n.name === 'block_1_depthwise');
    expect(depthwise?.attributes.find((a) => a.name === 'group')?.value).toBe(96);
    expect(model.graph.nodes.map((n) => n.name)).toContain('block_16_project_BN');
    // Conv1 with Keras 'same' on 224 pads only bottom/right
    expect(model.graph.nodes[0]?.attributes.find((a) => a.name === 'pads')?.value).toEqual([0, 0, 1, 1]);
  });

  it('buildMobileNetV2() runs in onnxruntime-web with a sane softmax and the declared shapes', async () => {
    expectSaneSoftmax(await runModel(model), 1000);
    await expectDeclaredShapes(model);
  });
});
