/**
 * ResNet-50 as keras.applications.ResNet50 (v1): conv1 7x7/2 with explicit ZeroPadding, max pool, bottleneck
 * stacks of 3/4/6/3 blocks with the stride on the first 1x1 conv (as Keras does), avg pool, Dense 1000 + softmax.
 * 224x224, 25,636,712 parameters in Keras. Layer names are Keras' (conv2_block1_1_conv, conv2_block1_out, ...).
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type Value, type ZooBuildOptions } from './graph-builder';

export const RESNET50_INPUT_SHAPE = [1, 3, 224, 224];

/** Keras ResNet's BatchNormalization epsilon. */
const EPSILON = 1.001e-5;

export function buildResNet50(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  let x = b.pad(b.input('input', RESNET50_INPUT_SHAPE), [3, 3, 3, 3], 'conv1_pad');
  x = b.conv(x, { filters: 64, kernel: 7, stride: 2, name: 'conv1_conv' });
  x = b.relu(b.batchNorm(x, { name: 'conv1_bn', epsilon: EPSILON }), 'conv1_relu');
  x = b.pad(x, [1, 1, 1, 1], 'pool1_pad');
  x = b.maxPool(x, { kernel: 3, stride: 2, name: 'pool1_pool' });
  x = stack(b, x, 64, 3, 1, 'conv2');
  x = stack(b, x, 128, 4, 2, 'conv3');
  x = stack(b, x, 256, 6, 2, 'conv4');
  x = stack(b, x, 512, 3, 2, 'conv5');
  x = b.flatten(b.globalAvgPool(x, 'avg_pool'));
  b.output(b.softmax(b.gemm(x, 1000, { name: 'predictions' })));
  return b.build({ graphName: 'resnet50', seed, onProgress, metadata: zooMetadata('resnet50') });
}

function stack(b: GraphBuilder, x: Value, filters: number, blocks: number, stride: number, name: string): Value {
  let out = bottleneck(b, x, filters, stride, true, `${name}_block1`);
  for (let i = 2; i <= blocks; i++) out = bottleneck(b, out, filters, 1, false, `${name}_block${i}`);
  return out;
}

/** Keras' resnet.block1: 1x1 (strided) -> 3x3 -> 1x1 (4x filters), projection shortcut in the first block. */
function bottleneck(b: GraphBuilder, x: Value, filters: number, stride: number, projection: boolean, name: string): Value {
  let shortcut = x;
  if (projection) {
    shortcut = b.conv(x, { filters: 4 * filters, kernel: 1, stride, name: `${name}_0_conv` });
    shortcut = b.batchNorm(shortcut, { name: `${name}_0_bn`, epsilon: EPSILON });
  }
  let y = b.conv(x, { filters, kernel: 1, stride, name: `${name}_1_conv` });
  y = b.relu(b.batchNorm(y, { name: `${name}_1_bn`, epsilon: EPSILON }), `${name}_1_relu`);
  y = b.conv(y, { filters, kernel: 3, padding: 'same', name: `${name}_2_conv` });
  y = b.relu(b.batchNorm(y, { name: `${name}_2_bn`, epsilon: EPSILON }), `${name}_2_relu`);
  y = b.conv(y, { filters: 4 * filters, kernel: 1, name: `${name}_3_conv` });
  y = b.batchNorm(y, { name: `${name}_3_bn`, epsilon: EPSILON });
  return b.relu(b.add(shortcut, y, `${name}_add`), `${name}_out`);
}
