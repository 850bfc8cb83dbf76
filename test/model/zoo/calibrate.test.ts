import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../../src/model/onnx-encode';
import type { Model } from '../../../src/model/types';
import { calibrationInput } from '../../../src/model/zoo/calibrate';
import { GraphBuilder } from '../../../src/model/zoo/graph-builder';
import * as ops from '../../../src/model/zoo/reference-ops';

ort.env.wasm.numThreads = 1;

/** A small swish + squeeze-excitation + residual network, the kind that needs measured BN statistics. */
function swishNet(calibrate: boolean): Model {
  const b = new GraphBuilder();
  const x = b.normalize(b.input('input', [1, 3, 20, 20]), [0.5, 0.4, 0.3], [0.1, 0.2, 0.3]);
  let y = b.swish(b.batchNorm(b.conv(b.pad(x, [0, 0, 1, 1]), { filters: 12, kernel: 3, stride: 2, bias: false }), { name: 'bn1' }));
  const gate = b.sigmoid(b.conv(b.relu(b.conv(b.globalAvgPool(y), { filters: 4, kernel: 1 })), { filters: 12, kernel: 1 }));
  const branch = b.batchNorm(b.conv(b.mul(y, gate), { filters: 12, kernel: 1, bias: false }), { name: 'bn2', gamma: 1 });
  y = b.add(y, branch);
  const merged = b.concat([b.relu6(b.batchNorm(b.depthwiseConv(y, { kernel: 5, padding: 'same' }), { name: 'bn3' })), b.scale(y, 0.5)]);
  b.output(b.batchNorm(b.conv(merged, { filters: 6, kernel: 1 }), { name: 'bn4', gamma: 2 }));
  return b.build({ graphName: 'swish', seed: 11, calibrate });
}

/** Each BN's output per channel, as onnxruntime-web computes it on `input`. */
async function bnOutputs(model: Model, input: Float32Array): Promise<Map<string, ops.Activation>> {
  const bns = model.graph.nodes.filter((n) => n.opType === 'BatchNormalization').map((n) => n.outputs[0] ?? '');
  const probe = { ...model, graph: { ...model.graph, outputs: model.graph.valueInfo.filter((v) => bns.includes(v.name)).concat(model.graph.outputs) } };
  const session = await ort.InferenceSession.create(encodeModel(probe));
  const results = await session.run({ input: new ort.Tensor('float32', input, [1, 3, 20, 20]) });
  await session.release();
  return new Map(bns.map((name) => [name, { data: results[name]?.data as Float32Array, shape: [...(results[name]?.dims ?? [])] }]));
}

describe('calibrateBatchNorms', () => {
  it('build({ calibrate: true }) sets each BN so that, on the calibration image, onnxruntime-web sees mean 0 and variance gamma^2 per channel', async () => {
    const model = swishNet(true);
    const outputs = await bnOutputs(model, calibrationInput([1, 3, 20, 20], 11));
    const gammas: Record<string, number> = { bn1: 1, bn2: 1, bn3: 1, bn4: 4 };
    for (const [name, activation] of outputs) {
      const { mean, variance } = ops.channelStatistics(activation);
      for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-3);
      // epsilon 1e-3 against variances of order 1: within 1 %
      for (const v of variance) expect(v / (gammas[name] ?? 1)).toBeGreaterThan(0.98);
      for (const v of variance) expect(v / (gammas[name] ?? 1)).toBeLessThan(1.001);
    }
  });

  it('build() without calibrate only forecasts: the same BNs are off on that image', async () => {
    const outputs = await bnOutputs(swishNet(false), calibrationInput([1, 3, 20, 20], 11));
    const { mean } = ops.channelStatistics(outputs.get('bn3') as ops.Activation);
    expect(Math.max(...mean.map(Math.abs))).toBeGreaterThan(0.01);
  });
});
