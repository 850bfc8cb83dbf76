import { describe, expect, it } from 'vitest';
import { correctPad, resolvePads, validTapFraction, windowOutputSize } from '../../../src/model/zoo/layer-shapes';

describe('layer-shapes', () => {
  it("resolvePads('same') pads like TensorFlow: the odd pixel at the bottom/right, none needed none given", () => {
    expect(resolvePads('same', [224, 224], [3, 3], [2, 2], 1)).toEqual([0, 0, 1, 1]);
    expect(resolvePads('same', [35, 35], [3, 3], [1, 1], 1)).toEqual([1, 1, 1, 1]);
    expect(resolvePads('same', [17, 17], [1, 7], [1, 1], 1)).toEqual([0, 3, 0, 3]);
    expect(resolvePads('same', [8, 8], [3, 3], [1, 1], 2)).toEqual([2, 2, 2, 2]);
    expect(resolvePads('valid', [8, 8], [3, 3], [1, 1], 1)).toEqual([0, 0, 0, 0]);
    expect(resolvePads([1, 2, 3, 4], [8, 8], [3, 3], [1, 1], 1)).toEqual([1, 2, 3, 4]);
  });

  it('windowOutputSize() floors like ONNX and names the layer when the window does not fit', () => {
    expect(windowOutputSize('c', [299, 299], [3, 3], [2, 2], [0, 0, 0, 0], 1)).toEqual([149, 149]);
    expect(windowOutputSize('c', [230, 230], [7, 7], [2, 2], [0, 0, 0, 0], 1)).toEqual([112, 112]);
    expect(() => windowOutputSize('tiny', [2, 2], [3, 3], [1, 1], [0, 0, 0, 0], 1)).toThrow(/layer 'tiny'.*does not fit/);
  });

  it("correctPad() is Keras' imagenet_utils.correct_pad", () => {
    expect(correctPad([112, 112], 3)).toEqual([0, 0, 1, 1]);
    expect(correctPad([30, 30], 5)).toEqual([1, 1, 2, 2]);
    expect(correctPad([15, 15], 5)).toEqual([2, 2, 2, 2]);
  });

  it('validTapFraction() counts the kernel taps that read the input rather than padding', () => {
    expect(validTapFraction([8, 8], [1, 1], [1, 1], [0, 0, 0, 0], 1, [8, 8])).toBe(1);
    // 3 taps over 3 positions with pad 1: 7 of 9 per axis
    expect(validTapFraction([3, 3], [3, 3], [1, 1], [1, 1, 1, 1], 1, [3, 3])).toBeCloseTo((7 / 9) ** 2, 12);
  });
});
