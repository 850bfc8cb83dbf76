/**
 * Data-dependent BatchNormalization statistics: one forward pass in plain TypeScript over a seeded uniform
 * [0, 1) image, in which each BN's running mean and variance are set to the per-channel statistics of what it
 * actually receives (with the BNs before it already set), as a BN layer would measure on that image.
 *
 * Why: the forecast in signal-scale.ts is an expectation over random weights; the weights of one seed deviate
 * from it by some percent per layer. In ReLU networks such an error only rescales what follows (ReLU is
 * scale-invariant). Swish and sigmoid gates are not: a signal 10 % larger than forecast comes out of
 * x * sigmoid(x) more than 10 % larger, so over EfficientNet-B1's 23 blocks (3 swishes each) the errors compound;
 * with forecast statistics its last activations ended between 0.1 and 1000 times unit scale depending on the
 * seed. Measured statistics leave nothing to compound on this image; on other images the residual-branch
 * scaling in efficientnet-b1.ts keeps the drift small. The pass costs one CPU inference (~2 s for B1).
 */
import { createRng, forkRng } from '../../util/rng';
import type { Attribute, Graph, Node, Tensor } from '../types';
import * as ops from './reference-ops';
import type { Activation } from './reference-ops';

/** Sets every BatchNormalization's moving_mean/moving_variance in place (the tensors are the builder's own). */
export function calibrateBatchNorms(graph: Graph, seed: number, onProgress?: (fraction: number) => void): void {
  const weights = new Map(graph.initializers.map((t) => [t.name, t]));
  const lastBn = graph.nodes.findLastIndex((n) => n.opType === 'BatchNormalization');
  const remainingUses = new Map<string, number>();
  for (const node of graph.nodes.slice(0, lastBn + 1)) for (const name of node.inputs) remainingUses.set(name, (remainingUses.get(name) ?? 0) + 1);

  const values = new Map<string, Activation>();
  graph.inputs.forEach((input, index) => {
    const shape = (input.shape ?? []).map(Number);
    values.set(input.name, { data: calibrationInput(shape, seed, index), shape });
  });
  const read = (name: string): Activation => {
    const value = values.get(name);
    if (value) return value;
    const tensor = weights.get(name);
    if (!tensor) throw new RangeError(`calibration: tensor '${name}' is neither computed nor a weight`);
    return { data: floats(tensor), shape: tensor.dims };
  };

  let reported = 0;
  for (let index = 0; index <= lastBn; index++) {
    const node = graph.nodes[index] as Node;
    const inputs = node.inputs.map(read);
    values.set(node.outputs[0] ?? '', run(node, inputs, weights));
    for (const name of node.inputs) {
      const left = (remainingUses.get(name) ?? 0) - 1;
      remainingUses.set(name, left);
      if (left === 0) values.delete(name);
    }
    const fraction = (index + 1) / (lastBn + 1);
    if (onProgress && (fraction - reported >= 0.01 || index === lastBn)) {
      reported = fraction;
      onProgress(fraction);
    }
  }
}

/** The image the statistics are measured on: uniform [0, 1), from the model's seed (and the input's index). */
export function calibrationInput(shape: readonly number[], seed: number, inputIndex = 0): Float32Array {
  const rng = forkRng(createRng(seed), 0xca1b + inputIndex);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng();
  return data;
}

function run(node: Node, inputs: Activation[], weights: Map<string, Tensor>): Activation {
  const [x, second] = inputs as [Activation, Activation | undefined];
  switch (node.opType) {
    case 'Conv': {
      const weight = weights.get(node.inputs[1] ?? '') as Tensor;
      const bias = node.inputs[2] ? floats(weights.get(node.inputs[2]) as Tensor) : undefined;
      const kernel = ints(node, 'kernel_shape', [1, 1]);
      return ops.conv2d(x, floats(weight), weight.dims, bias, {
        kernel: [kernel[0] ?? 1, kernel[1] ?? 1],
        stride: pair(ints(node, 'strides', [1, 1])),
        pads: quad(ints(node, 'pads', [0, 0, 0, 0])),
        dilation: pair(ints(node, 'dilations', [1, 1])),
        group: int(node, 'group', 1),
      });
    }
    case 'BatchNormalization': {
      const [gamma, beta, mean, variance] = node.inputs.slice(1).map((n) => floats(weights.get(n) as Tensor)) as Float32Array[];
      const stats = ops.channelStatistics(x);
      let average = 0;
      for (const v of stats.variance) average += v / stats.variance.length;
      (mean as Float32Array).set(stats.mean);
      // a channel that happens to be flat on this one image must not be blown up on the next one
      (variance as Float32Array).set(stats.variance.map((v) => Math.max(v, 1e-3 * average)));
      const epsilon = attribute(node, 'epsilon');
      const eps = epsilon?.kind === 'float' ? epsilon.value : 1e-5;
      return ops.batchNorm(x, gamma as Float32Array, beta as Float32Array, mean as Float32Array, variance as Float32Array, eps);
    }
    case 'Relu':
      return ops.map(x, (v) => (v > 0 ? v : 0));
    case 'Clip': {
      const low = inputs[1]?.data[0] ?? -Infinity;
      const high = inputs[2]?.data[0] ?? Infinity;
      return ops.map(x, (v) => Math.min(high, Math.max(low, v)));
    }
    case 'Sigmoid':
      return ops.map(x, (v) => 1 / (1 + Math.exp(-v)));
    case 'Add':
      return ops.binary(x, second as Activation, (a, b) => a + b);
    case 'Sub':
      return ops.binary(x, second as Activation, (a, b) => a - b);
    case 'Mul':
      return ops.binary(x, second as Activation, (a, b) => a * b);
    case 'Div':
      return ops.binary(x, second as Activation, (a, b) => a / b);
    case 'Pad': {
      const pads = Array.from(new BigInt64Array(...bufferOf(weights.get(node.inputs[1] ?? '') as Tensor)), Number);
      return ops.pad(x, [pads[2] ?? 0, pads[3] ?? 0, pads[6] ?? 0, pads[7] ?? 0]);
    }
    case 'GlobalAveragePool':
      return ops.globalAveragePool(x);
    case 'Concat':
      return ops.concatChannels(inputs);
    default:
      throw new RangeError(`calibration does not support op ${node.opType} (node '${node.name}')`);
  }
}

function floats(tensor: Tensor): Float32Array {
  return new Float32Array(...bufferOf(tensor));
}

function bufferOf(tensor: Tensor): [ArrayBufferLike, number, number] {
  const bytes = tensor.data;
  const width = tensor.dtype === 'int64' ? 8 : 4;
  return [bytes.buffer, bytes.byteOffset, bytes.byteLength / width];
}

function attribute(node: Node, name: string): Attribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

function ints(node: Node, name: string, fallback: number[]): number[] {
  const attr = attribute(node, name);
  return attr?.kind === 'ints' ? attr.value : fallback;
}

function int(node: Node, name: string, fallback: number): number {
  const attr = attribute(node, name);
  return attr?.kind === 'int' ? attr.value : fallback;
}

function pair(values: number[]): [number, number] {
  return [values[0] ?? 1, values[1] ?? 1];
}

function quad(values: number[]): [number, number, number, number] {
  return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0, values[3] ?? 0];
}
