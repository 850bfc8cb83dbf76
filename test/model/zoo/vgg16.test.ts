import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/model/zoo/parameter-count';
import { buildVgg16 } from '../../../src/model/zoo/vgg16';
import { expectParamsNear, opCounts } from './zoo-helpers';

// 553 MB of weights: built here (about a second), run in onnxruntime-web only by hand (see the zoo report).
describe('buildVgg16', () => {
  it('buildVgg16() has exactly the Keras VGG16 parameter count, 13 convs and 3 dense layers, and reports progress', () => {
    const fractions: number[] = [];
    const model = buildVgg16({ onProgress: (f) => fractions.push(f) });
    expectParamsNear(parameterCount(model), 138_357_544);
    expect(parameterCount(model)).toBe(138_357_544);
    expect(opCounts(model)).toEqual({ Conv: 13, Relu: 15, MaxPool: 5, Flatten: 1, Gemm: 3, Softmax: 1 });
    expect(model.graph.valueInfo.find((v) => v.name === 'flatten')?.shape).toEqual([1, 25088]);
    // fc1 alone is 74 % of the weights: progress must move while it is written
    expect(fractions.length).toBeGreaterThan(50);
    expect(fractions.filter((f) => f > 0.2 && f < 0.9).length).toBeGreaterThan(20);
    expect(fractions.at(-1)).toBe(1);
  });
});
