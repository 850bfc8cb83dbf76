import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { buildResNet18 } from '../../../src/model/zoo/resnet18';
import { expectDeclaredShapes, expectParamsNear, expectSaneSoftmax, opCounts, runModel } from './zoo-helpers';

describe('buildResNet18', () => {
  const model = buildResNet18();

  it('buildResNet18() has torchvision resnet18 parameters within 2 % (exactly + 9,600 BN running statistics)', () => {
    expectParamsNear(parameterCount(model), 11_689_512);
    expect(parameterCount(model)).toBe(11_689_512 + 9_600);
  });

  it('buildResNet18() is 8 basic blocks with 3 projection shortcuts, unfused Conv/BN/Relu, 224x224 -> 1000', () => {
    expect(opCounts(model)).toEqual({
      Conv: 20,
      BatchNormalization: 20,
      Relu: 17,
      MaxPool: 1,
      Add: 8,
      GlobalAveragePool: 1,
      Flatten: 1,
      Gemm: 1,
      Softmax: 1,
    });
    expect(model.graph.inputs[0]?.shape).toEqual([1, 3, 224, 224]);
    expect(model.graph.outputs[0]?.shape).toEqual([1, 1000]);
    expect(model.graph.valueInfo.find((v) => v.name === 'layer4.1.relu_out')?.shape).toEqual([1, 512, 7, 7]);
  });

  it('buildResNet18() runs in onnxruntime-web with a sane softmax and the declared shapes', async () => {
    expectSaneSoftmax(await runModel(model), 1000);
    await expectDeclaredShapes(model);
  });
});
