import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../../src/model/onnx-decode';
import { encodeModel } from '../../../src/model/onnx-encode';
import type { Model } from '../../../src/model/types';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { buildTinyCnn } from '../../../src/model/zoo/tiny-cnn';
import { expectSaneSoftmax, opCounts, runModel } from './zoo-helpers';

/** Activations alive after each node (produced so far and read later, or a graph output): a test-local liveness. */
function liveCounts(model: Model): number[] {
  const weights = new Set(model.graph.initializers.map((t) => t.name));
  const lastUse = new Map<string, number>();
  model.graph.nodes.forEach((node, i) => node.inputs.forEach((name) => lastUse.set(name, i)));
  for (const output of model.graph.outputs) lastUse.set(output.name, Infinity);
  const alive = new Set(model.graph.inputs.map((v) => v.name));
  return model.graph.nodes.map((node, i) => {
    for (const out of node.outputs) alive.add(out);
    for (const name of [...alive]) if ((lastUse.get(name) ?? -1) <= i && !weights.has(name)) alive.delete(name);
    return alive.size;
  });
}

describe('buildTinyCnn', () => {
  const model = buildTinyCnn();

  it('buildTinyCnn() takes 1x3x32x32, ends in Gemm + Softmax over 10 classes, under 100 KB', () => {
    expect(model.graph.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: [1, 3, 32, 32] }]);
    expect(model.graph.outputs).toEqual([{ name: 'softmax', dtype: 'float32', shape: [1, 10] }]);
    expect(model.graph.nodes.slice(-2).map((n) => n.opType)).toEqual(['Gemm', 'Softmax']);
    expect(encodeModel(model).byteLength).toBeLessThan(100_000);
    expect(parameterCount(model)).toBe(7746);
    expect(model.metadata).toMatchObject({ 'seifer-lab.zoo': 'tiny-cnn', seed: '1' });
  });

  it('buildTinyCnn() has a residual Add (a two-tensor cut inside it) and single-tensor cuts around it', () => {
    expect(opCounts(model).Add).toBe(1);
    const live = liveCounts(model);
    expect(live.some((n) => n >= 2)).toBe(true);
    expect(live.filter((n) => n === 1).length).toBeGreaterThanOrEqual(5);
  });

  it('buildTinyCnn() runs in onnxruntime-web: finite, sums to 1, not saturated, depends on the input', async () => {
    const a = await runModel(model, 1);
    const b = await runModel(model, 2);
    expectSaneSoftmax(a, 10);
    expectSaneSoftmax(b, 10);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('buildTinyCnn({ seed }) gives identical bytes for a seed and different weights for another', () => {
    const bytes = encodeModel(buildTinyCnn({ seed: 7 }));
    expect(encodeModel(buildTinyCnn({ seed: 7 }))).toEqual(bytes);
    const other = buildTinyCnn({ seed: 8 });
    expect(encodeModel(other)).not.toEqual(bytes);
    expect(other.graph.nodes).toEqual(buildTinyCnn({ seed: 7 }).graph.nodes);
    expect(encodeModel(buildTinyCnn())).toEqual(encodeModel(buildTinyCnn({ seed: 1 })));
  });

  it('decodeModel(encodeModel(buildTinyCnn())) keeps nodes, initializers and shapes', () => {
    const back = decodeModel(encodeModel(model));
    expect(back.graph.nodes).toEqual(model.graph.nodes);
    expect(back.graph.initializers.map((t) => [t.name, t.dims])).toEqual(model.graph.initializers.map((t) => [t.name, t.dims]));
    expect(back.graph.valueInfo).toEqual(model.graph.valueInfo);
    expect([back.irVersion, back.opsetImports, back.producerName]).toEqual([8, [{ domain: '', version: 13 }], 'seifer-lab']);
  });

  it('buildTinyCnn(options) rejects a bad seed or progress callback by name', () => {
    expect(() => buildTinyCnn({ seed: 1.5 })).toThrow(/'options.seed' must be an integer/);
    expect(() => buildTinyCnn({ seed: Number.NaN })).toThrow(RangeError);
    expect(() => buildTinyCnn({ onProgress: 3 as unknown as () => void })).toThrow(/'options.onProgress' must be a function/);
    expect(() => buildTinyCnn(null as unknown as object)).toThrow(TypeError);
  });
});
