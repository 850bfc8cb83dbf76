/**
 * InceptionResNetV2 as keras.applications.InceptionResNetV2: stem, mixed_5b, 10x block35 (scale 0.17), mixed_6a,
 * 20x block17 (0.1), mixed_7a, 9x block8 (0.2) and a last block8 with scale 1.0 and no activation, conv_7b,
 * avg pool, Dense 1000 + softmax. 299x299, 55,873,736 parameters in Keras. Each residual is x + scale * up as a
 * Mul by a constant and an Add. Keras' conv2d_bn uses BN without gamma (scale=False); ONNX needs one, so gamma
 * is stored as 1 (+30,272 parameters, 0.05 %). Unnamed layers get Keras' default names (conv2d_1, activation_1...).
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type Value, type ZooBuildOptions } from './graph-builder';
import type { Padding, Pair } from './layer-shapes';

export const INCEPTIONRESNETV2_INPUT_SHAPE = [1, 3, 299, 299];

interface ConvBnOptions {
  stride?: number;
  padding?: Padding;
  name?: string;
}

export function buildInceptionResNetV2(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  /** keras' conv2d_bn: Conv (no bias) + BN + ReLU, 'same' unless told. */
  const cbr = (x: Value, filters: number, kernel: number | Pair, o: ConvBnOptions = {}): Value => {
    const conv = b.conv(x, { filters, kernel, stride: o.stride ?? 1, padding: o.padding ?? 'same', bias: false, name: o.name });
    const bn = b.batchNorm(conv, { name: o.name ? `${o.name}_bn` : undefined });
    return b.relu(bn, o.name ? `${o.name}_ac` : undefined);
  };
  const valid: ConvBnOptions = { padding: 'valid' };
  const valid2: ConvBnOptions = { stride: 2, padding: 'valid' };

  let x = cbr(b.input('input', INCEPTIONRESNETV2_INPUT_SHAPE), 32, 3, valid2);
  x = cbr(x, 32, 3, valid);
  x = cbr(x, 64, 3);
  x = b.maxPool(x, { kernel: 3, stride: 2 });
  x = cbr(x, 80, 1, valid);
  x = cbr(x, 192, 3, valid);
  x = b.maxPool(x, { kernel: 3, stride: 2 });

  const in5b = x;
  x = b.concat([cbr(in5b, 96, 1), cbr(cbr(in5b, 48, 1), 64, 5), cbr(cbr(cbr(in5b, 64, 1), 96, 3), 96, 3), cbr(b.avgPool(in5b, { kernel: 3, stride: 1, padding: 'same' }), 64, 1)], 'mixed_5b');

  const residual = (input: Value, branches: Value[], scale: number, name: string, activate = true): Value => {
    const mixed = b.concat(branches, `${name}_mixed`);
    const up = b.conv(mixed, { filters: input.shape[1] ?? 0, kernel: 1, name: `${name}_conv` });
    const sum = b.add(input, b.scale(up, scale, `${name}_scaled`), name);
    return activate ? b.relu(sum, `${name}_ac`) : sum;
  };

  for (let i = 1; i <= 10; i++) {
    const input = x;
    x = residual(input, [cbr(input, 32, 1), cbr(cbr(input, 32, 1), 32, 3), cbr(cbr(cbr(input, 32, 1), 48, 3), 64, 3)], 0.17, `block35_${i}`);
  }

  const in6a = x;
  x = b.concat([cbr(in6a, 384, 3, valid2), cbr(cbr(cbr(in6a, 256, 1), 256, 3), 384, 3, valid2), b.maxPool(in6a, { kernel: 3, stride: 2 })], 'mixed_6a');

  for (let i = 1; i <= 20; i++) {
    const input = x;
    x = residual(input, [cbr(input, 192, 1), cbr(cbr(cbr(input, 128, 1), 160, [1, 7]), 192, [7, 1])], 0.1, `block17_${i}`);
  }

  const in7a = x;
  x = b.concat(
    [cbr(cbr(in7a, 256, 1), 384, 3, valid2), cbr(cbr(in7a, 256, 1), 288, 3, valid2), cbr(cbr(cbr(in7a, 256, 1), 288, 3), 320, 3, valid2), b.maxPool(in7a, { kernel: 3, stride: 2 })],
    'mixed_7a',
  );

  for (let i = 1; i <= 10; i++) {
    const input = x;
    const branches = [cbr(input, 192, 1), cbr(cbr(cbr(input, 192, 1), 224, [1, 3]), 256, [3, 1])];
    x = i < 10 ? residual(input, branches, 0.2, `block8_${i}`) : residual(input, branches, 1.0, `block8_${i}`, false);
  }

  x = cbr(x, 1536, 1, { name: 'conv_7b' });
  x = b.flatten(b.globalAvgPool(x, 'avg_pool'));
  b.output(b.softmax(b.gemm(x, 1000, { name: 'predictions' })));
  return b.build({ graphName: 'inceptionresnetv2', seed, onProgress, metadata: zooMetadata('inceptionresnetv2') });
}
