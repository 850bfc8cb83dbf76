/** Normalisations and softmax-like ops: the output has the input's shape; some add statistics outputs. */
import { dtypeFromCode } from '../dtype';
import { tensorInfo } from './values';
import type { ShapeRule } from './types';

const sameShape: ShapeRule = (ctx) => [tensorInfo(ctx.input(0).dtype, ctx.input(0).shape)];

const batchNormalization: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  if (x.shape.length < 2) ctx.fail(`the input needs a channel axis, got shape [${x.shape.join(',')}]`);
  const stats = tensorInfo(ctx.input(3).dtype, [x.shape[1]]);
  // training-mode outputs: running mean/var (opset 14+), or mean, var, saved mean, saved var (before)
  return [tensorInfo(x.dtype, x.shape), stats, stats, stats, stats];
};

const layerNormalization: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const axis = ctx.axis(ctx.int('axis', -1), x.shape.length);
  const statsShape = x.shape.map((d, i) => (i < axis ? d : 1));
  const statsType = dtypeFromCode(ctx.int('stash_type', 1)) ?? 'float32';
  return [tensorInfo(x.dtype, x.shape), tensorInfo(statsType, statsShape), tensorInfo(statsType, statsShape)];
};

export const normalizationRules: Record<string, ShapeRule> = {
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  InstanceNormalization: sameShape,
  GroupNormalization: sameShape,
  LRN: sameShape,
  MeanVarianceNormalization: sameShape,
  LpNormalization: sameShape,
  Softmax: sameShape,
  LogSoftmax: sameShape,
  Hardmax: sameShape,
};
