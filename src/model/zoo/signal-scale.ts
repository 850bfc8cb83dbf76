/**
 * A rough forecast of how large each activation of a generated model will be, so that its BatchNormalization
 * layers can be given running statistics that keep the signal near unit scale at any depth.
 *
 * Why: a trained BN layer's running variance equals the variance of what it sees. Untrained models with BN
 * set to the identity (mean 0, var 1) drift: residual sums double the energy per block, max pooling grows it,
 * sigmoid gates shrink it, and after 50+ layers the softmax saturates or underflows. Instead each BN gets
 * var = the forecast mean square of its input, exactly what it would have learnt on this data, so it outputs
 * ~unit energy, as a freshly trained network does.
 *
 * The forecast tracks two mean squares per tensor, taken over the random weights: `symmetric`, the part that
 * is symmetric around 0 (every conv/gemm output is: flipping the weights' sign flips it), and `positive`, the
 * part that survives a ReLU unchanged (ReLU and pooling outputs, gates, the input image). The split matters in
 * residual streams: relu(x + 0.17 * branch) keeps nearly all of a positive x, whereas relu of a symmetric
 * signal halves its energy. The pooling factors were measured on these models with onnxruntime-web.
 *
 * In ReLU networks (ResNet, MobileNetV2, InceptionResNetV2) forecast errors only rescale what follows, since
 * ReLU is scale-invariant, and the forecast keeps every activation within a factor ~3 of unit scale. Where
 * activations are not scale-invariant (swish, sigmoid gates) the errors compound, and the builder measures the
 * statistics instead (calibrate.ts).
 */
export interface SignalScale {
  /** Mean square of the sign-symmetric part. */
  readonly symmetric: number;
  /** Mean square of the non-negative part. */
  readonly positive: number;
}

export function totalMeanSquare(scale: SignalScale): number {
  return scale.symmetric + scale.positive;
}

/** The input image: uniform in [0, 1) has mean square 1/3. */
export const UNIFORM_INPUT: SignalScale = { symmetric: 0, positive: 1 / 3 };

/**
 * Conv or Gemm with He-uniform weights (E[w^2] = 2 / fanIn) and zero bias: E[y^2] = fanIn * E[w^2] * E[x^2],
 * times the fraction of taps that read real input rather than zero padding.
 */
export function afterHeLinear(x: SignalScale, validFraction = 1): SignalScale {
  return { symmetric: 2 * validFraction * totalMeanSquare(x), positive: 0 };
}

/** y = gamma * x / sqrt(var + eps) with mean 0. */
export function afterBatchNorm(x: SignalScale, gamma: number, variance: number, epsilon: number): SignalScale {
  const gain = (gamma * gamma) / (variance + epsilon);
  return { symmetric: x.symmetric * gain, positive: x.positive * gain };
}

/** ReLU (and ReLU6, whose clipping at 6 rarely bites at unit scale): half of a symmetric signal's energy survives. */
export function afterRelu(x: SignalScale): SignalScale {
  return { symmetric: 0, positive: x.positive + x.symmetric / 2 };
}

export function afterSigmoid(x: SignalScale): SignalScale {
  return { symmetric: 0, positive: gaussianMeanSquare((v) => 1 / (1 + Math.exp(-v)), totalMeanSquare(x)) };
}

export function afterSwish(x: SignalScale): SignalScale {
  return { symmetric: 0, positive: gaussianMeanSquare((v) => v / (1 + Math.exp(-v)), totalMeanSquare(x)) };
}

/** Independent terms: energies add. */
export function afterAdd(a: SignalScale, b: SignalScale): SignalScale {
  return { symmetric: a.symmetric + b.symmetric, positive: a.positive + b.positive };
}

/** Elementwise product of independent tensors; a non-negative gate (sigmoid) keeps the sign structure of `a`. */
export function afterMul(a: SignalScale, b: SignalScale): SignalScale {
  if (b.symmetric === 0) return { symmetric: a.symmetric * b.positive, positive: a.positive * b.positive };
  return { symmetric: totalMeanSquare(a) * totalMeanSquare(b), positive: 0 };
}

export function afterScale(x: SignalScale, factor: number): SignalScale {
  const gain = factor * factor;
  return factor >= 0 ? { symmetric: x.symmetric * gain, positive: x.positive * gain } : { symmetric: totalMeanSquare(x) * gain, positive: 0 };
}

/** Channel-weighted average of the parts. */
export function afterConcat(parts: readonly { scale: SignalScale; channels: number }[]): SignalScale {
  let channels = 0;
  let symmetric = 0;
  let positive = 0;
  for (const part of parts) {
    channels += part.channels;
    symmetric += part.scale.symmetric * part.channels;
    positive += part.scale.positive * part.channels;
  }
  return { symmetric: symmetric / channels, positive: positive / channels };
}

/**
 * The max of a window of n neighbours grows the energy. They are strongly correlated after a conv, so much less
 * than for independent values: onnxruntime-web shows x1.3 to x2.1 for 2x2 windows (VGG-16) and x1.3 to x2.9 for
 * 3x3 (ResNet-50, InceptionResNetV2); 1 + 0.3 * log2(n) sits in the middle.
 */
export function afterMaxPool(x: SignalScale, windowSize: number): SignalScale {
  const growth = 1 + 0.3 * Math.log2(windowSize);
  return { symmetric: 0, positive: (x.positive + x.symmetric / 2) * growth };
}

/** Averaging neighbours keeps a positive signal's mean and part of a symmetric one's correlated energy. */
export function afterAvgPool(x: SignalScale, windowSize: number): SignalScale {
  return { symmetric: x.symmetric / Math.sqrt(windowSize), positive: x.positive };
}

/**
 * The spatial mean keeps the per-channel offsets, which carry most of a ReLU output's energy at random init
 * (measured: 75 % in MobileNetV2, 86 % in ResNet-50), and little of a zero-mean signal.
 */
export function afterGlobalAvgPool(x: SignalScale): SignalScale {
  return { symmetric: x.symmetric / 4, positive: x.positive * 0.8 };
}

/** E[f(z)^2] for z ~ N(0, variance), by the midpoint rule over +-8 standard deviations. */
function gaussianMeanSquare(f: (v: number) => number, variance: number): number {
  const sd = Math.sqrt(variance);
  const steps = 320;
  const dz = 16 / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const z = -8 + (i + 0.5) * dz;
    const value = f(sd * z);
    sum += value * value * Math.exp(-0.5 * z * z);
  }
  return (sum * dz) / Math.sqrt(2 * Math.PI);
}
