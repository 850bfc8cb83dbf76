/**
 * A small builder over our ONNX IR for the generated model zoo: NCHW float32, opset 13, IR 8.
 * Every Keras layer becomes its own node (Conv, BatchNormalization and the activation are never fused), so the
 * cut points look like those of SEIFER's Keras graphs. Names follow Keras: an explicit layer name, or the Keras
 * default ('conv2d', 'conv2d_1', ...). Weights are only described here and written by build() (weight-fill.ts).
 */
import type { Attribute } from '../types';
import { GraphCore, type Value } from './graph-core';
import { pairOf, resolvePads, validTapFraction, windowOutputSize, type Pads2d, type Padding, type Pair } from './layer-shapes';
import * as signal from './signal-scale';
import type { SignalScale } from './signal-scale';

export type { Value } from './graph-core';

/** What every zoo build function takes. */
export interface ZooBuildOptions {
  /** Seed of the weights; default 1. */
  seed?: number;
  /** Called with the fraction of parameters written so far (0..1). */
  onProgress?: (fraction: number) => void;
}

/** Checks a build function's options at the door and fills the default seed. */
export function resolveBuildOptions(options: ZooBuildOptions | undefined): { seed: number; onProgress?: (fraction: number) => void } {
  if (options === undefined) return { seed: 1 };
  if (typeof options !== 'object' || options === null) throw new TypeError(`'options' must be an object, got ${options === null ? 'null' : typeof options}`);
  const seed = options.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`'options.seed' must be an integer, got ${String(seed)}`);
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`'options.onProgress' must be a function, got ${typeof onProgress}`);
  }
  return onProgress ? { seed, onProgress } : { seed };
}

/** The model-level metadata every generated model carries. */
export function zooMetadata(architecture: string): Record<string, string> {
  return { 'seifer-lab.zoo': architecture, weights: 'untrained (seeded random weights)' };
}

export interface ConvOptions {
  filters: number;
  kernel: number | Pair;
  /** Default 1. */
  stride?: number | Pair;
  /** Default 'valid'. */
  padding?: Padding;
  /** Default 1. */
  dilation?: number;
  /** Default 1; the input channel count for a depthwise conv. */
  group?: number;
  /** Default true. */
  bias?: boolean;
  name?: string;
}

export interface PoolOptions {
  kernel: number | Pair;
  /** Default: the kernel (as in Keras and torch). */
  stride?: number | Pair;
  /** Default 'valid'. */
  padding?: Padding;
  name?: string;
}

export class GraphBuilder extends GraphCore {
  conv(x: Value, options: ConvOptions): Value {
    const name = this.fresh(options.name ?? (options.group && options.group > 1 ? 'depthwise_conv2d' : 'conv2d'));
    const [batch, channels, height, width] = this.spatial(x, name);
    const group = options.group ?? 1;
    if (channels % group !== 0 || options.filters % group !== 0) {
      throw new RangeError(`layer '${name}': group ${group} does not divide ${channels} input and ${options.filters} output channels`);
    }
    const kernel = pairOf(options.kernel);
    const stride = pairOf(options.stride ?? 1);
    const dilation = options.dilation ?? 1;
    const pads = resolvePads(options.padding ?? 'valid', [height, width], kernel, stride, dilation);
    const [outH, outW] = windowOutputSize(name, [height, width], kernel, stride, pads, dilation);
    const fanIn = (channels / group) * kernel[0] * kernel[1];
    const inputs = [x.name, this.weight(`${name}/kernel`, [options.filters, channels / group, kernel[0], kernel[1]], { kind: 'he-uniform', fanIn })];
    if (options.bias ?? true) inputs.push(this.weight(`${name}/bias`, [options.filters], { kind: 'constant', value: 0 }));
    const attributes: Attribute[] = [ints('dilations', [dilation, dilation]), { name: 'group', kind: 'int', value: group }, ints('kernel_shape', kernel), ints('pads', pads), ints('strides', stride)];
    const validFraction = validTapFraction([height, width], kernel, stride, pads, dilation, [outH, outW]);
    return this.node('Conv', name, inputs, attributes, [batch, options.filters, outH, outW], signal.afterHeLinear(x.scale, validFraction));
  }

  /** A depthwise conv (one filter per channel), as Keras' DepthwiseConv2D; no bias unless asked. */
  depthwiseConv(x: Value, options: Omit<ConvOptions, 'filters' | 'group'>): Value {
    const channels = x.shape[1] ?? 0;
    return this.conv(x, { bias: false, ...options, filters: channels, group: channels });
  }

  /**
   * Inference-mode BN with mean 0, beta 0, gamma 1 (or `gamma`) and running variance = the forecast mean square
   * of its input, i.e. the statistics it would have learnt, so it outputs ~unit energy (see signal-scale.ts).
   * build({ calibrate: true }) replaces mean and variance with measured per-channel statistics (calibrate.ts).
   */
  batchNorm(x: Value, options: { name?: string; epsilon?: number; gamma?: number } = {}): Value {
    const name = this.fresh(options.name ?? 'batch_normalization');
    const channels = x.shape[1] ?? 0;
    const epsilon = options.epsilon ?? 1e-3;
    const gamma = options.gamma ?? 1;
    const variance = signal.totalMeanSquare(x.scale);
    const inputs = [
      x.name,
      this.weight(`${name}/gamma`, [channels], { kind: 'constant', value: gamma }),
      this.weight(`${name}/beta`, [channels], { kind: 'constant', value: 0 }),
      this.weight(`${name}/moving_mean`, [channels], { kind: 'constant', value: 0 }),
      this.weight(`${name}/moving_variance`, [channels], { kind: 'constant', value: variance }),
    ];
    // stored as the float32 the file holds, so a decoded model equals this one
    const attributes: Attribute[] = [{ name: 'epsilon', kind: 'float', value: Math.fround(epsilon) }];
    return this.node('BatchNormalization', name, inputs, attributes, x.shape, signal.afterBatchNorm(x.scale, gamma, variance, epsilon));
  }

  relu(x: Value, name?: string): Value {
    return this.node('Relu', this.fresh(name ?? 'activation'), [x.name], [], x.shape, signal.afterRelu(x.scale));
  }

  /** ReLU6 as Clip(x, 0, 6) with min/max as inputs (opset 11+); the two scalars are shared by all Clips. */
  relu6(x: Value, name?: string): Value {
    const inputs = [x.name, this.scalar(0), this.scalar(6)];
    return this.node('Clip', this.fresh(name ?? 're_lu'), inputs, [], x.shape, signal.afterRelu(x.scale));
  }

  sigmoid(x: Value, name?: string): Value {
    return this.node('Sigmoid', this.fresh(name ?? 'activation'), [x.name], [], x.shape, signal.afterSigmoid(x.scale));
  }

  /** swish(x) = x * sigmoid(x): a Sigmoid node `<name>_sigmoid` and a Mul node carrying the layer name. */
  swish(x: Value, name?: string): Value {
    const layer = this.fresh(name ?? 'activation');
    const gate = this.node('Sigmoid', this.fresh(`${layer}_sigmoid`), [x.name], [], x.shape, signal.afterSigmoid(x.scale));
    return this.node('Mul', layer, [x.name, gate.name], [], x.shape, signal.afterSwish(x.scale));
  }

  add(a: Value, b: Value, name?: string): Value {
    const layer = this.fresh(name ?? 'add');
    if (a.shape.join('x') !== b.shape.join('x')) {
      throw new RangeError(`layer '${layer}': cannot add shapes ${a.shape.join('x')} and ${b.shape.join('x')}`);
    }
    return this.node('Add', layer, [a.name, b.name], [], a.shape, signal.afterAdd(a.scale, b.scale));
  }

  /** Elementwise product with broadcasting of size-1 axes of `b` (e.g. a squeeze-excitation gate [N, C, 1, 1]). */
  mul(a: Value, b: Value, name?: string): Value {
    const layer = this.fresh(name ?? 'multiply');
    const ok = a.shape.length === b.shape.length && a.shape.every((d, i) => b.shape[i] === d || b.shape[i] === 1);
    if (!ok) throw new RangeError(`layer '${layer}': cannot multiply shapes ${a.shape.join('x')} and ${b.shape.join('x')}`);
    return this.node('Mul', layer, [a.name, b.name], [], a.shape, signal.afterMul(a.scale, b.scale));
  }

  /** x * factor, the factor a shared scalar constant. */
  scale(x: Value, factor: number, name?: string): Value {
    return this.node('Mul', this.fresh(name ?? 'scale'), [x.name, this.scalar(factor)], [], x.shape, signal.afterScale(x.scale, factor));
  }

  /**
   * Keras' Normalization layer: (x - mean) / sqrt(variance) per channel, as Sub then Div. The forecast assumes
   * a uniform non-negative input (the image), whose mean is sqrt(3 * meanSquare) / 2.
   */
  normalize(x: Value, mean: readonly number[], variance: readonly number[], name?: string): Value {
    const layer = this.fresh(name ?? 'normalization');
    const channels = x.shape[1] ?? 0;
    if (mean.length !== channels || variance.length !== channels) {
      throw new RangeError(`layer '${layer}': mean and variance need ${channels} values, got ${mean.length} and ${variance.length}`);
    }
    const dims = [1, channels, 1, 1];
    const meanName = this.weight(`${layer}/mean`, dims, { kind: 'values', values: mean });
    const stdName = this.weight(`${layer}/std`, dims, { kind: 'values', values: variance.map(Math.sqrt) });
    const centred = this.node('Sub', this.fresh(`${layer}_sub`), [x.name, meanName], [], x.shape, x.scale);
    const m = signal.totalMeanSquare(x.scale);
    const average = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const mu = average(mean);
    const energy = Math.max(m - mu * Math.sqrt(3 * m) + mu * mu, 1e-6) / average(variance);
    return this.node('Div', layer, [centred.name, stdName], [], x.shape, { symmetric: energy, positive: 0 });
  }

  concat(parts: readonly Value[], name?: string): Value {
    const layer = this.fresh(name ?? 'concatenate');
    const first = parts[0];
    if (!first) throw new RangeError(`layer '${layer}': nothing to concatenate`);
    const key = (v: Value) => [v.shape[0], ...v.shape.slice(2)].join('x');
    const bad = parts.find((p) => key(p) !== key(first));
    if (bad) throw new RangeError(`layer '${layer}': '${bad.name}' is ${bad.shape.join('x')}, '${first.name}' is ${first.shape.join('x')}`);
    const channels = parts.reduce((sum, p) => sum + (p.shape[1] ?? 0), 0);
    const shape = [first.shape[0] ?? 1, channels, ...first.shape.slice(2)];
    const scale = signal.afterConcat(parts.map((p) => ({ scale: p.scale, channels: p.shape[1] ?? 0 })));
    return this.node(
      'Concat',
      layer,
      parts.map((p) => p.name),
      [{ name: 'axis', kind: 'int', value: 1 }],
      shape,
      scale,
    );
  }

  /** Keras' ZeroPadding2D: a Pad node; `pads` are [top, left, bottom, right]. */
  pad(x: Value, pads: Pads2d, name?: string): Value {
    const layer = this.fresh(name ?? 'zero_padding2d');
    const [batch, channels, height, width] = this.spatial(x, layer);
    const padsName = this.constant('int64', [8], [0, 0, pads[0], pads[1], 0, 0, pads[2], pads[3]]);
    const shape = [batch, channels, height + pads[0] + pads[2], width + pads[1] + pads[3]];
    return this.node('Pad', layer, [x.name, padsName], [{ name: 'mode', kind: 'string', value: 'constant' }], shape, x.scale);
  }

  maxPool(x: Value, options: PoolOptions): Value {
    return this.pool('MaxPool', x, options, (kernel) => signal.afterMaxPool(x.scale, kernel[0] * kernel[1]));
  }

  /** Average pooling that, like Keras, does not count the padding (count_include_pad = 0). */
  avgPool(x: Value, options: PoolOptions): Value {
    return this.pool('AveragePool', x, options, (kernel) => signal.afterAvgPool(x.scale, kernel[0] * kernel[1]));
  }

  globalAvgPool(x: Value, name?: string): Value {
    const layer = this.fresh(name ?? 'global_average_pooling2d');
    const [batch, channels] = this.spatial(x, layer);
    return this.node('GlobalAveragePool', layer, [x.name], [], [batch, channels, 1, 1], signal.afterGlobalAvgPool(x.scale));
  }

  flatten(x: Value, name?: string): Value {
    const features = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const attributes: Attribute[] = [{ name: 'axis', kind: 'int', value: 1 }];
    return this.node('Flatten', this.fresh(name ?? 'flatten'), [x.name], attributes, [x.shape[0] ?? 1, features], x.scale);
  }

  /** A Dense layer: Gemm with weights [units, features] (transB = 1), He-uniform, zero bias. */
  gemm(x: Value, units: number, options: { name?: string; bias?: boolean } = {}): Value {
    const name = this.fresh(options.name ?? 'dense');
    if (x.shape.length !== 2) throw new RangeError(`layer '${name}': Gemm needs a [N, features] input, got ${x.shape.join('x')}; flatten first`);
    const features = x.shape[1] ?? 0;
    const inputs = [x.name, this.weight(`${name}/kernel`, [units, features], { kind: 'he-uniform', fanIn: features })];
    if (options.bias ?? true) inputs.push(this.weight(`${name}/bias`, [units], { kind: 'constant', value: 0 }));
    const attributes: Attribute[] = [{ name: 'transB', kind: 'int', value: 1 }];
    return this.node('Gemm', name, inputs, attributes, [x.shape[0] ?? 1, units], signal.afterHeLinear(x.scale));
  }

  softmax(x: Value, name?: string): Value {
    const attributes: Attribute[] = [{ name: 'axis', kind: 'int', value: -1 }];
    return this.node('Softmax', this.fresh(name ?? 'softmax'), [x.name], attributes, x.shape, { symmetric: 0, positive: 0 });
  }

  private pool(opType: 'MaxPool' | 'AveragePool', x: Value, options: PoolOptions, scaleOf: (kernel: Pair) => SignalScale): Value {
    const name = this.fresh(options.name ?? (opType === 'MaxPool' ? 'max_pooling2d' : 'average_pooling2d'));
    const [batch, channels, height, width] = this.spatial(x, name);
    const kernel = pairOf(options.kernel);
    const stride = pairOf(options.stride ?? options.kernel);
    const pads = resolvePads(options.padding ?? 'valid', [height, width], kernel, stride, 1);
    const [outH, outW] = windowOutputSize(name, [height, width], kernel, stride, pads, 1);
    const attributes: Attribute[] = [ints('kernel_shape', kernel), ints('pads', pads), ints('strides', stride)];
    if (opType === 'AveragePool') attributes.push({ name: 'count_include_pad', kind: 'int', value: 0 });
    return this.node(opType, name, [x.name], attributes, [batch, channels, outH, outW], scaleOf(kernel));
  }
}

function ints(name: string, value: readonly number[]): Attribute {
  return { name, kind: 'ints', value: [...value] };
}
