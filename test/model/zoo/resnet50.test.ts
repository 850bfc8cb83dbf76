import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { buildResNet50 } from '../../../src/model/zoo/resnet50';
import { expectParamsNear, opCounts } from './zoo-helpers';

// Running it in onnxruntime-web takes seconds: checked once by hand (see the zoo report), not in unit tests.
describe('buildResNet50', () => {
  const model = buildResNet50();

  it('buildResNet50() has exactly the Keras ResNet50 parameter count', () => {
    expectParamsNear(parameterCount(model), 25_636_712);
    expect(parameterCount(model)).toBe(25_636_712);
  });

  it('buildResNet50() follows Keras: padded 7x7/2 stem, 3/4/6/3 bottlenecks, stride on the first 1x1', () => {
    expect(opCounts(model)).toEqual({
      Pad: 2,
      Conv: 53,
      BatchNormalization: 53,
      Relu: 49,
      MaxPool: 1,
      Add: 16,
      GlobalAveragePool: 1,
      Flatten: 1,
      Gemm: 1,
      Softmax: 1,
    });
    expect(model.graph.nodes.slice(0, 6).map((n) => n.name)).toEqual(['conv1_pad', 'conv1_conv', 'conv1_bn', 'conv1_relu', 'pool1_pad', 'pool1_pool']);
    const strides = (name: string) => model.graph.nodes.find((n) => n.name === name)?.attributes.find((a) => a.name === 'strides')?.value;
    expect(strides('conv3_block1_1_conv')).toEqual([2, 2]);
    expect(strides('conv3_block1_2_conv')).toEqual([1, 1]);
    const shape = (name: string) => model.graph.valueInfo.find((v) => v.name === name)?.shape;
    expect(shape('pool1_pool')).toEqual([1, 64, 56, 56]);
    expect(shape('conv4_block6_out')).toEqual([1, 1024, 14, 14]);
    expect(shape('conv5_block3_out')).toEqual([1, 2048, 7, 7]);
  });
});
