/**
 * Plain TypeScript kernels for the few ops a BatchNormalization calibration pass needs (batch 1, NCHW, float32).
 * Written for clarity and for one forward pass at build time, not for speed; onnxruntime-web runs the models.
 */

export interface Activation {
  data: Float32Array;
  /** [1, C, H, W] or [1, F]. */
  shape: number[];
}

export interface ConvParams {
  kernel: readonly [number, number];
  stride: readonly [number, number];
  /** [top, left, bottom, right]. */
  pads: readonly [number, number, number, number];
  dilation: readonly [number, number];
  group: number;
}

/** Direct convolution: out[oc] += w * in[ic] row by row, the row bounds clipped once per kernel tap. */
export function conv2d(x: Activation, weight: Float32Array, weightShape: readonly number[], bias: Float32Array | undefined, p: ConvParams): Activation {
  const [, , height = 0, width = 0] = x.shape;
  const [filters = 0, perGroup = 0, kh = 0, kw = 0] = weightShape;
  const outH = Math.floor((height + p.pads[0] + p.pads[2] - ((kh - 1) * p.dilation[0] + 1)) / p.stride[0]) + 1;
  const outW = Math.floor((width + p.pads[1] + p.pads[3] - ((kw - 1) * p.dilation[1] + 1)) / p.stride[1]) + 1;
  const out = new Float32Array(filters * outH * outW);
  const input = x.data;
  const filtersPerGroup = filters / p.group;
  const planeIn = height * width;
  const planeOut = outH * outW;
  // a 1x1 conv with stride 1 and no padding reads whole planes: one contiguous loop per (oc, ic)
  const pointwise = kh === 1 && kw === 1 && p.stride[0] === 1 && p.stride[1] === 1 && p.pads.every((v) => v === 0);
  for (let oc = 0; oc < filters; oc++) {
    const base = oc * planeOut;
    if (bias) out.fill(bias[oc] ?? 0, base, base + planeOut);
    const firstIn = Math.floor(oc / filtersPerGroup) * perGroup;
    for (let icl = 0; icl < perGroup; icl++) {
      const inBase = (firstIn + icl) * planeIn;
      if (pointwise) {
        const w = weight[oc * perGroup + icl] as number;
        for (let i = 0; i < planeOut; i++) out[base + i]! += w * input[inBase + i]!;
        continue;
      }
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const w = weight[((oc * perGroup + icl) * kh + ky) * kw + kx] ?? 0;
          if (w === 0) continue;
          const dx = kx * p.dilation[1] - p.pads[1];
          const sx = p.stride[1];
          // output columns whose input column ox * sx + dx lies inside [0, width)
          const oxStart = Math.max(0, Math.ceil(-dx / sx));
          const oxEnd = Math.min(outW, Math.floor((width - 1 - dx) / sx) + 1);
          for (let oy = 0; oy < outH; oy++) {
            const iy = oy * p.stride[0] + ky * p.dilation[0] - p.pads[0];
            if (iy < 0 || iy >= height) continue;
            const rowIn = inBase + iy * width + dx;
            const rowOut = base + oy * outW;
            for (let ox = oxStart; ox < oxEnd; ox++) out[rowOut + ox]! += w * input[rowIn + ox * sx]!;
          }
        }
      }
    }
  }
  return { data: out, shape: [1, filters, outH, outW] };
}

/** Per-channel mean and (population) variance of a [1, C, H, W] activation. */
export function channelStatistics(x: Activation): { mean: Float64Array; variance: Float64Array } {
  const channels = x.shape[1] ?? 0;
  const plane = x.data.length / channels;
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let i = c * plane; i < (c + 1) * plane; i++) sum += x.data[i]!;
    const m = sum / plane;
    let squares = 0;
    for (let i = c * plane; i < (c + 1) * plane; i++) squares += (x.data[i]! - m) ** 2;
    mean[c] = m;
    variance[c] = squares / plane;
  }
  return { mean, variance };
}

export function batchNorm(x: Activation, gamma: Float32Array, beta: Float32Array, mean: Float32Array, variance: Float32Array, epsilon: number): Activation {
  const channels = x.shape[1] ?? 0;
  const plane = x.data.length / channels;
  const out = new Float32Array(x.data.length);
  for (let c = 0; c < channels; c++) {
    const scale = gamma[c]! / Math.sqrt(variance[c]! + epsilon);
    const shift = beta[c]! - mean[c]! * scale;
    for (let i = c * plane; i < (c + 1) * plane; i++) out[i] = x.data[i]! * scale + shift;
  }
  return { data: out, shape: x.shape };
}

export function map(x: Activation, f: (v: number) => number): Activation {
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]!);
  return { data: out, shape: x.shape };
}

/**
 * a (op) b where b has a's shape, one value per channel ([1, C, 1, 1] or [1, C]), or one value; the result has
 * a's shape. That covers swish, squeeze-excitation gates, residual scales and per-channel normalisation.
 */
export function binary(a: Activation, b: Activation, op: (x: number, y: number) => number): Activation {
  const out = new Float32Array(a.data.length);
  const channels = a.shape[1] ?? 1;
  const plane = a.data.length / channels;
  if (b.data.length === a.data.length) {
    for (let i = 0; i < out.length; i++) out[i] = op(a.data[i]!, b.data[i]!);
  } else if (b.data.length === channels) {
    for (let i = 0; i < out.length; i++) out[i] = op(a.data[i]!, b.data[Math.floor(i / plane)]!);
  } else if (b.data.length === 1) {
    const y = b.data[0]!;
    for (let i = 0; i < out.length; i++) out[i] = op(a.data[i]!, y);
  } else {
    throw new RangeError(`cannot broadcast ${b.shape.join('x')} to ${a.shape.join('x')}`);
  }
  return { data: out, shape: a.shape };
}

export function pad(x: Activation, pads: readonly [number, number, number, number]): Activation {
  const [, channels = 0, height = 0, width = 0] = x.shape;
  const outH = height + pads[0] + pads[2];
  const outW = width + pads[1] + pads[3];
  const out = new Float32Array(channels * outH * outW);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const from = (c * height + y) * width;
      out.set(x.data.subarray(from, from + width), (c * outH + y + pads[0]) * outW + pads[1]);
    }
  }
  return { data: out, shape: [1, channels, outH, outW] };
}

export function globalAveragePool(x: Activation): Activation {
  const channels = x.shape[1] ?? 0;
  const { mean } = channelStatistics(x);
  return { data: Float32Array.from(mean), shape: [1, channels, 1, 1] };
}

export function concatChannels(parts: readonly Activation[]): Activation {
  const first = parts[0];
  if (!first) throw new RangeError('nothing to concatenate');
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.data.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part.data, offset);
    offset += part.data.length;
  }
  return { data: out, shape: [1, parts.reduce((sum, p) => sum + (p.shape[1] ?? 0), 0), ...first.shape.slice(2)] };
}
