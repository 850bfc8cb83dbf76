/**
 * ResNet-18 as torchvision.models.resnet18: conv1 7x7/2 (no bias) + BN + ReLU, max pool 3x3/2, four stages of two
 * basic blocks (64/128/256/512, stride 2 and a 1x1 projection from stage 2 on), avg pool, fc 1000, plus a softmax.
 * 224x224, 11,689,512 parameters in torchvision (which does not count BN running statistics). Names are torch's.
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type Value, type ZooBuildOptions } from './graph-builder';

export const RESNET18_INPUT_SHAPE = [1, 3, 224, 224];

/** torch's BatchNorm2d default epsilon. */
const EPSILON = 1e-5;

export function buildResNet18(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  let x = b.conv(b.input('input', RESNET18_INPUT_SHAPE), { filters: 64, kernel: 7, stride: 2, padding: [3, 3, 3, 3], bias: false, name: 'conv1' });
  x = b.relu(b.batchNorm(x, { name: 'bn1', epsilon: EPSILON }), 'relu');
  x = b.maxPool(x, { kernel: 3, stride: 2, padding: [1, 1, 1, 1], name: 'maxpool' });
  const widths = [64, 128, 256, 512];
  widths.forEach((filters, stage) => {
    const stride = stage === 0 ? 1 : 2;
    x = basicBlock(b, x, filters, stride, `layer${stage + 1}.0`);
    x = basicBlock(b, x, filters, 1, `layer${stage + 1}.1`);
  });
  x = b.flatten(b.globalAvgPool(x, 'avgpool'));
  b.output(b.softmax(b.gemm(x, 1000, { name: 'fc' })));
  return b.build({ graphName: 'resnet18', seed, onProgress, metadata: zooMetadata('resnet18') });
}

function basicBlock(b: GraphBuilder, x: Value, filters: number, stride: number, name: string): Value {
  let y = b.conv(x, { filters, kernel: 3, stride, padding: [1, 1, 1, 1], bias: false, name: `${name}.conv1` });
  y = b.relu(b.batchNorm(y, { name: `${name}.bn1`, epsilon: EPSILON }), `${name}.relu`);
  y = b.conv(y, { filters, kernel: 3, padding: [1, 1, 1, 1], bias: false, name: `${name}.conv2` });
  y = b.batchNorm(y, { name: `${name}.bn2`, epsilon: EPSILON });
  let shortcut = x;
  if (stride !== 1 || x.shape[1] !== filters) {
    shortcut = b.conv(x, { filters, kernel: 1, stride, bias: false, name: `${name}.downsample.0` });
    shortcut = b.batchNorm(shortcut, { name: `${name}.downsample.1`, epsilon: EPSILON });
  }
  return b.relu(b.add(y, shortcut, `${name}.add`), `${name}.relu_out`);
}
