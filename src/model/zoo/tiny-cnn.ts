/**
 * A tiny CNN for fast tests (about 30 KB): 1x3x32x32 -> 10-class softmax. It has a residual block, so some cut
 * points carry two tensors (the skip and the branch), and plain single-tensor cut points before and after it.
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type Value, type ZooBuildOptions } from './graph-builder';

export const TINY_CNN_INPUT_SHAPE = [1, 3, 32, 32];

export function buildTinyCnn(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  const convBnRelu = (x: Value, filters: number, stride = 1): Value => b.relu(b.batchNorm(b.conv(x, { filters, kernel: 3, stride, padding: 'same', bias: false })));

  let x = convBnRelu(b.input('input', TINY_CNN_INPUT_SHAPE), 8);
  const skip = x;
  x = convBnRelu(x, 8);
  x = b.batchNorm(b.conv(x, { filters: 8, kernel: 3, padding: 'same', bias: false }));
  x = b.relu(b.add(x, skip));
  x = b.maxPool(x, { kernel: 2 });
  x = convBnRelu(x, 16);
  x = b.maxPool(x, { kernel: 2 });
  x = convBnRelu(x, 32, 2);
  x = b.flatten(b.globalAvgPool(x));
  b.output(b.softmax(b.gemm(x, 10, { name: 'predictions' })));
  return b.build({ graphName: 'tiny_cnn', seed, onProgress, metadata: zooMetadata('tiny-cnn') });
}
