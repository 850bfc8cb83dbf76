/**
 * MobileNetV2 as keras.applications.MobileNetV2 (alpha 1.0): Conv1 3x3/2, 17 inverted residual blocks
 * (expand 1x1 -> ZeroPadding before stride 2 -> depthwise 3x3 -> linear project 1x1, Add when shapes match),
 * Conv_1 1x1 1280, avg pool, Dense 1000 + softmax. ReLU6 is Clip(0, 6). 224x224, 3,538,984 parameters in Keras.
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type Value, type ZooBuildOptions } from './graph-builder';
import { correctPad } from './layer-shapes';

export const MOBILENETV2_INPUT_SHAPE = [1, 3, 224, 224];

/** [filters, stride, expansion] of blocks 0..16, as listed in keras' mobilenet_v2.py. */
const BLOCKS: readonly (readonly [number, number, number])[] = [
  [16, 1, 1],
  [24, 2, 6],
  [24, 1, 6],
  [32, 2, 6],
  [32, 1, 6],
  [32, 1, 6],
  [64, 2, 6],
  [64, 1, 6],
  [64, 1, 6],
  [64, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [160, 2, 6],
  [160, 1, 6],
  [160, 1, 6],
  [320, 1, 6],
];

export function buildMobileNetV2(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  let x = b.conv(b.input('input', MOBILENETV2_INPUT_SHAPE), { filters: 32, kernel: 3, stride: 2, padding: 'same', bias: false, name: 'Conv1' });
  x = b.relu6(b.batchNorm(x, { name: 'bn_Conv1' }), 'Conv1_relu');
  BLOCKS.forEach(([filters, stride, expansion], id) => {
    x = invertedResidual(b, x, filters, stride, expansion, id);
  });
  x = b.conv(x, { filters: 1280, kernel: 1, bias: false, name: 'Conv_1' });
  x = b.relu6(b.batchNorm(x, { name: 'Conv_1_bn' }), 'out_relu');
  x = b.flatten(b.globalAvgPool(x, 'global_average_pooling2d'));
  b.output(b.softmax(b.gemm(x, 1000, { name: 'predictions' })));
  return b.build({ graphName: 'mobilenetv2', seed, onProgress, metadata: zooMetadata('mobilenetv2') });
}

function invertedResidual(b: GraphBuilder, input: Value, filters: number, stride: number, expansion: number, id: number): Value {
  const prefix = id === 0 ? 'expanded_conv_' : `block_${id}_`;
  const inChannels = input.shape[1] ?? 0;
  let x = input;
  if (id !== 0) {
    x = b.conv(x, { filters: expansion * inChannels, kernel: 1, bias: false, name: `${prefix}expand` });
    x = b.relu6(b.batchNorm(x, { name: `${prefix}expand_BN` }), `${prefix}expand_relu`);
  }
  if (stride === 2) x = b.pad(x, correctPad([x.shape[2] ?? 0, x.shape[3] ?? 0], 3), `${prefix}pad`);
  x = b.depthwiseConv(x, { kernel: 3, stride, padding: stride === 1 ? 'same' : 'valid', name: `${prefix}depthwise` });
  x = b.relu6(b.batchNorm(x, { name: `${prefix}depthwise_BN` }), `${prefix}depthwise_relu`);
  x = b.conv(x, { filters, kernel: 1, bias: false, name: `${prefix}project` });
  x = b.batchNorm(x, { name: `${prefix}project_BN` });
  return inChannels === filters && stride === 1 ? b.add(input, x, `${prefix}add`) : x;
}
