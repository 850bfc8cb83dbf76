/**
 * VGG-16 as keras.applications.VGG16: 13 conv 3x3 'same' + ReLU in five blocks with 2x2 max pools, flatten,
 * fc1/fc2 4096 + ReLU, Dense 1000 + softmax. 224x224, 138,357,544 parameters (553 MB of float32), no BN.
 * Keras' Conv2D(activation='relu') is one layer; here the Conv and its Relu are separate nodes.
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type ZooBuildOptions } from './graph-builder';

export const VGG16_INPUT_SHAPE = [1, 3, 224, 224];

/** Convs per block and their filters. */
const BLOCKS: readonly (readonly [number, number])[] = [
  [2, 64],
  [2, 128],
  [3, 256],
  [3, 512],
  [3, 512],
];

export function buildVgg16(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  let x = b.input('input', VGG16_INPUT_SHAPE);
  BLOCKS.forEach(([convs, filters], index) => {
    const block = `block${index + 1}`;
    for (let i = 1; i <= convs; i++) {
      x = b.conv(x, { filters, kernel: 3, padding: 'same', name: `${block}_conv${i}` });
      x = b.relu(x, `${block}_conv${i}_relu`);
    }
    x = b.maxPool(x, { kernel: 2, name: `${block}_pool` });
  });
  x = b.flatten(x, 'flatten');
  x = b.relu(b.gemm(x, 4096, { name: 'fc1' }), 'fc1_relu');
  x = b.relu(b.gemm(x, 4096, { name: 'fc2' }), 'fc2_relu');
  b.output(b.softmax(b.gemm(x, 1000, { name: 'predictions' })));
  return b.build({ graphName: 'vgg16', seed, onProgress, metadata: zooMetadata('vgg16') });
}
