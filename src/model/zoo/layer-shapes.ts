/** Output sizes and padding of convolution and pooling windows (NCHW, 2-D). */

export type Pair = readonly [number, number];

/** ONNX 2-D pads: [top, left, bottom, right]. */
export type Pads2d = readonly [number, number, number, number];

/** 'same' pads like TensorFlow/Keras (the odd pixel goes to the bottom/right), 'valid' pads nothing. */
export type Padding = 'same' | 'valid' | Pads2d;

export function pairOf(value: number | Pair): Pair {
  return typeof value === 'number' ? [value, value] : value;
}

export function resolvePads(padding: Padding, size: Pair, kernel: Pair, stride: Pair, dilation: number): Pads2d {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') return padding;
  const [top, bottom] = samePads(size[0], kernel[0], stride[0], dilation);
  const [left, right] = samePads(size[1], kernel[1], stride[1], dilation);
  return [top, left, bottom, right];
}

function samePads(size: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max(0, (out - 1) * stride + (kernel - 1) * dilation + 1 - size);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Output [height, width]; throws a RangeError naming the layer when the window does not fit. */
export function windowOutputSize(layer: string, size: Pair, kernel: Pair, stride: Pair, pads: Pads2d, dilation: number): Pair {
  const out = (axis: 0 | 1): number => {
    const padded = size[axis] + pads[axis] + pads[axis + 2];
    const extent = (kernel[axis] - 1) * dilation + 1;
    if (padded < extent) {
      throw new RangeError(`layer '${layer}': a ${kernel[0]}x${kernel[1]} window does not fit an input of ${size[0]}x${size[1]} (pads ${pads.join(',')})`);
    }
    return Math.floor((padded - extent) / stride[axis]) + 1;
  };
  return [out(0), out(1)];
}

/** Keras' imagenet_utils.correct_pad: the zero padding Keras puts before a stride-2 'valid' conv. */
export function correctPad(size: Pair, kernel: number): Pads2d {
  const half = Math.floor(kernel / 2);
  const adjustH = 1 - (size[0] % 2);
  const adjustW = 1 - (size[1] % 2);
  return [half - adjustH, half - adjustW, half, half];
}

/**
 * The fraction of kernel taps that land inside the input (not on padding), averaged over output positions.
 * A conv's output energy shrinks by this factor, which matters on small late feature maps (5x5 on 8x8: 0.72).
 */
export function validTapFraction(size: Pair, kernel: Pair, stride: Pair, pads: Pads2d, dilation: number, outSize: Pair): number {
  const axis = (a: 0 | 1): number => {
    let inside = 0;
    for (let o = 0; o < outSize[a]; o++) {
      for (let t = 0; t < kernel[a]; t++) {
        const i = o * stride[a] - pads[a] + t * dilation;
        if (i >= 0 && i < size[a]) inside++;
      }
    }
    return inside / (outSize[a] * kernel[a]);
  };
  return axis(0) * axis(1);
}
