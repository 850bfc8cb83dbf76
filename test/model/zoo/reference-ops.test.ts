import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../../src/model/onnx-encode';
import { GraphBuilder, type ConvOptions } from '../../../src/model/zoo/graph-builder';
import * as ops from '../../../src/model/zoo/reference-ops';
import { seededInput } from './zoo-helpers';

ort.env.wasm.numThreads = 1;

const floats = (bytes: Uint8Array) => new Float32Array(bytes.slice().buffer);

/** One Conv node built by the builder, run by onnxruntime-web and by ops.conv2d on the same weights. */
async function compareConv(inputShape: number[], options: ConvOptions): Promise<number> {
  const b = new GraphBuilder();
  b.output(b.conv(b.input('input', inputShape), options));
  const model = b.build({ graphName: 'conv', seed: 4 });
  const x = seededInput(inputShape, 9);
  const session = await ort.InferenceSession.create(encodeModel(model));
  const expected = (await session.run({ input: new ort.Tensor('float32', x, inputShape) }))[model.graph.outputs[0]?.name ?? '']?.data as Float32Array;
  await session.release();
  const [weight, bias] = model.graph.initializers;
  const attr = (name: string) => model.graph.nodes[0]?.attributes.find((a) => a.name === name)?.value as number[];
  const actual = ops.conv2d({ data: x, shape: inputShape }, floats(weight?.data ?? new Uint8Array()), weight?.dims ?? [], bias && floats(bias.data), {
    kernel: attr('kernel_shape') as [number, number],
    stride: attr('strides') as [number, number],
    pads: attr('pads') as [number, number, number, number],
    dilation: attr('dilations') as [number, number],
    group: attr('group') as unknown as number,
  });
  expect(actual.data.length).toBe(expected.length);
  return actual.data.reduce((worst, v, i) => Math.max(worst, Math.abs(v - (expected[i] ?? 0))), 0);
}

describe('reference-ops', () => {
  it('conv2d() equals onnxruntime-web: pointwise, strided with asymmetric pads, depthwise, grouped and dilated', async () => {
    expect(await compareConv([1, 8, 9, 9], { filters: 16, kernel: 1 })).toBeLessThan(1e-5);
    expect(await compareConv([1, 3, 16, 16], { filters: 8, kernel: 3, stride: 2, padding: 'same' })).toBeLessThan(1e-5);
    expect(await compareConv([1, 6, 15, 15], { filters: 6, group: 6, kernel: 5, stride: 2, padding: [2, 2, 2, 2], bias: false })).toBeLessThan(1e-5);
    expect(await compareConv([1, 4, 11, 13], { filters: 6, group: 2, kernel: [1, 3], dilation: 2, padding: 'same' })).toBeLessThan(1e-5);
  });

  it('channelStatistics() gives per-channel mean and population variance', () => {
    const stats = ops.channelStatistics({ data: Float32Array.from([1, 3, 5, 7, 2, 2, 2, 2]), shape: [1, 2, 2, 2] });
    expect(Array.from(stats.mean)).toEqual([4, 2]);
    expect(Array.from(stats.variance)).toEqual([5, 0]);
  });

  it('binary() broadcasts a per-channel or scalar operand and rejects other shapes', () => {
    const a = { data: Float32Array.from([1, 2, 3, 4]), shape: [1, 2, 2, 1] };
    expect(Array.from(ops.binary(a, { data: Float32Array.from([10, 20]), shape: [1, 2, 1, 1] }, (x, y) => x * y).data)).toEqual([10, 20, 60, 80]);
    expect(Array.from(ops.binary(a, { data: Float32Array.from([1]), shape: [] }, (x, y) => x - y).data)).toEqual([0, 1, 2, 3]);
    expect(() => ops.binary(a, { data: new Float32Array(3), shape: [3] }, (x) => x)).toThrow(/cannot broadcast/);
  });

  it('pad() and concatChannels() place the values where ONNX Pad and Concat(axis 1) do', () => {
    const padded = ops.pad({ data: Float32Array.from([1, 2, 3, 4]), shape: [1, 1, 2, 2] }, [0, 1, 1, 0]);
    expect(padded.shape).toEqual([1, 1, 3, 3]);
    expect(Array.from(padded.data)).toEqual([0, 1, 2, 0, 3, 4, 0, 0, 0]);
    const joined = ops.concatChannels([
      { data: Float32Array.from([1, 2]), shape: [1, 1, 1, 2] },
      { data: Float32Array.from([3, 4, 5, 6]), shape: [1, 2, 1, 2] },
    ]);
    expect(joined).toEqual({ data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [1, 3, 1, 2] });
  });
});
