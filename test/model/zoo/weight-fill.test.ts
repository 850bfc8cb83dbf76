import { describe, expect, it } from 'vitest';
import { fillWeights, type WeightSpec } from '../../../src/model/zoo/weight-fill';

const floats = (bytes: Uint8Array) => Array.from(new Float32Array(bytes.slice().buffer));

describe('fillWeights', () => {
  const specs: WeightSpec[] = [
    { name: 'a', dtype: 'float32', dims: [3, 4], fill: { kind: 'he-uniform', fanIn: 4 } },
    { name: 'b', dtype: 'float32', dims: [2], fill: { kind: 'constant', value: 0.5 } },
    { name: 'c', dtype: 'float32', dims: [1, 3, 1, 1], fill: { kind: 'values', values: [1, 2, 3] } },
    { name: 'p', dtype: 'int64', dims: [2], fill: { kind: 'values', values: [0, 7] } },
  ];

  it('fillWeights(specs, seed) writes each kind, as raw little-endian bytes viewing one array (no copy)', () => {
    const [a, b, c, p] = fillWeights(specs, 1);
    expect(a?.data.byteLength).toBe(48);
    expect(a?.data.byteOffset).toBe(0);
    expect(a?.data.buffer.byteLength).toBe(48);
    expect(floats(a?.data ?? new Uint8Array()).every((w) => Math.abs(w) < Math.sqrt(6 / 4) && w !== 0)).toBe(true);
    expect(floats(b?.data ?? new Uint8Array())).toEqual([0.5, 0.5]);
    expect(floats(c?.data ?? new Uint8Array())).toEqual([1, 2, 3]);
    expect(Array.from(new BigInt64Array(p?.data.slice().buffer ?? new ArrayBuffer(0)))).toEqual([0n, 7n]);
    expect(p?.dtype).toBe('int64');
  });

  it('fillWeights() repeats for a seed, differs for another, and gives each tensor its own stream', () => {
    const first = fillWeights(specs, 5)[0]?.data;
    expect(fillWeights(specs, 5)[0]?.data).toEqual(first);
    expect(fillWeights(specs, 6)[0]?.data).not.toEqual(first);
    // growing a later tensor does not change an earlier one's weights, nor a later one's
    const grown: WeightSpec[] = [specs[0] as WeightSpec, { ...(specs[0] as WeightSpec), name: 'd' }];
    const longer: WeightSpec[] = [
      { ...(specs[0] as WeightSpec), dims: [6, 4] },
      { ...(specs[0] as WeightSpec), name: 'd' },
    ];
    expect(fillWeights(longer, 5)[1]?.data).toEqual(fillWeights(grown, 5)[1]?.data);
  });

  it('fillWeights() reports rising progress within a large tensor, ending at exactly 1', () => {
    const fractions: number[] = [];
    fillWeights([{ name: 'big', dtype: 'float32', dims: [4, 1 << 20], fill: { kind: 'he-uniform', fanIn: 9 } }], 1, (f) => fractions.push(f));
    expect(fractions).toEqual([0.25, 0.5, 0.75, 1]);
  });
});
