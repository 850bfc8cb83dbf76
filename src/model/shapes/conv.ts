/** Sliding-window ops: Conv, ConvTranspose, ConvInteger, QLinearConv, Max/Average/Lp pooling, global pooling, RoiAlign. */
import type { DType } from '../dtype';
import { formatShape } from './indexing';
import { tensorInfo } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** begin pads then end pads, as in the attribute */
  pads: number[];
  autoPad: string;
}

function windowOf(ctx: RuleContext, kernel: number[]): Window {
  const n = kernel.length;
  const ones = kernel.map(() => 1);
  const window = {
    kernel,
    strides: ctx.ints('strides', ones),
    dilations: ctx.ints('dilations', ones),
    pads: ctx.ints('pads', [...kernel.map(() => 0), ...kernel.map(() => 0)]),
    autoPad: ctx.string('auto_pad', 'NOTSET'),
  };
  if (window.strides.length !== n || window.dilations.length !== n || window.pads.length !== 2 * n) {
    ctx.fail(`strides, dilations or pads do not match the ${n} spatial axes of kernel ${formatShape(kernel)}`);
  }
  const positive = (values: number[]) => values.every((v) => Number.isSafeInteger(v) && v >= 1);
  if (!positive(window.strides)) ctx.invalid(`has strides ${formatShape(window.strides)}; every stride must be a whole number >= 1`);
  if (!positive(window.dilations)) ctx.invalid(`has dilations ${formatShape(window.dilations)}; every dilation must be a whole number >= 1`);
  if (!positive(window.kernel)) ctx.invalid(`has the kernel ${formatShape(window.kernel)}; every kernel side must be a whole number >= 1`);
  if (!window.pads.every((v) => Number.isSafeInteger(v) && v >= 0)) ctx.invalid(`has pads ${formatShape(window.pads)}; pads must be whole numbers >= 0`);
  return window;
}

/** Output size along each spatial axis of a forward window op (Conv and pooling). */
function slidingOutput(ctx: RuleContext, x: TensorInfo, w: Window, ceilMode: boolean): number[] {
  const spatial = x.shape.slice(2);
  if (spatial.length !== w.kernel.length) {
    ctx.fail(`the input ${formatShape(x.shape)} has ${spatial.length} spatial axes but the kernel ${formatShape(w.kernel)} has ${w.kernel.length}`);
  }
  const out = spatial.map((size, i) => {
    const stride = w.strides[i];
    const span = (w.kernel[i] - 1) * w.dilations[i] + 1;
    if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return Math.ceil(size / stride);
    const padded = w.autoPad === 'VALID' ? size : size + w.pads[i] + w.pads[i + spatial.length];
    if (!ceilMode) return Math.floor((padded - span) / stride) + 1;
    let n = Math.ceil((padded - span) / stride) + 1;
    // a window may not start in the end padding (onnxruntime and PyTorch drop it)
    if ((n - 1) * stride >= size + (w.autoPad === 'VALID' ? 0 : w.pads[i])) n--;
    return n;
  });
  if (out.some((d) => d <= 0)) {
    ctx.fail(`the input ${formatShape(x.shape)} is smaller than the window ${formatShape(w.kernel)} (strides ${formatShape(w.strides)}, pads ${formatShape(w.pads)})`);
  }
  return out;
}

function conv(dataIndex: number, weightIndex: number, dtype: (ctx: RuleContext, x: TensorInfo) => DType): ShapeRule {
  return (ctx) => {
    const x = ctx.input(dataIndex);
    const weight = ctx.input(weightIndex).shape;
    if (x.shape.length < 3 || weight.length !== x.shape.length) {
      ctx.fail(`the input ${formatShape(x.shape)} and weight ${formatShape(weight)} need the same rank, at least 3`);
    }
    const group = ctx.int('group', 1);
    if (x.shape[1] !== weight[1] * group) {
      ctx.fail(`the input has ${x.shape[1]} channels but the weight ${formatShape(weight)} with group ${group} expects ${weight[1] * group}`);
    }
    const window = windowOf(ctx, ctx.ints('kernel_shape', weight.slice(2)));
    return [tensorInfo(dtype(ctx, x), [x.shape[0], weight[0], ...slidingOutput(ctx, x, window, false)])];
  };
}

const convTranspose: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const weight = ctx.input(1).shape;
  const group = ctx.int('group', 1);
  if (weight.length !== x.shape.length || x.shape[1] !== weight[0]) {
    ctx.fail(`the input ${formatShape(x.shape)} does not match the weight ${formatShape(weight)}`);
  }
  const spatial = x.shape.slice(2);
  const w = windowOf(ctx, ctx.ints('kernel_shape', weight.slice(2)));
  const outputPadding = ctx.ints(
    'output_padding',
    spatial.map(() => 0),
  );
  const given = ctx.ints('output_shape', []);
  const out =
    given.length > 0
      ? given.slice(given.length - spatial.length)
      : spatial.map((size, i) => {
          if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return size * w.strides[i];
          const pads = w.autoPad === 'VALID' ? 0 : w.pads[i] + w.pads[i + spatial.length];
          return w.strides[i] * (size - 1) + outputPadding[i] + (w.kernel[i] - 1) * w.dilations[i] + 1 - pads;
        });
  if (out.some((d) => d <= 0)) ctx.fail(`the output size ${formatShape(out)} is not positive`);
  return [tensorInfo(x.dtype, [x.shape[0], weight[1] * group, ...out])];
};

function pool(hasIndices: boolean): ShapeRule {
  return (ctx) => {
    const x = ctx.input(0);
    const window = windowOf(ctx, ctx.ints('kernel_shape'));
    const shape = [x.shape[0], x.shape[1], ...slidingOutput(ctx, x, window, ctx.int('ceil_mode', 0) === 1)];
    const y = tensorInfo(x.dtype, shape);
    return hasIndices ? [y, tensorInfo('int64', shape)] : [y];
  };
}

const globalPool: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  if (x.shape.length < 3) ctx.fail(`the input ${formatShape(x.shape)} has no spatial axes`);
  return [tensorInfo(x.dtype, [x.shape[0], x.shape[1], ...x.shape.slice(2).map(() => 1)])];
};

const roiAlign: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const rois = ctx.input(1).shape;
  return [tensorInfo(x.dtype, [rois[0], x.shape[1], ctx.int('output_height', 1), ctx.int('output_width', 1)])];
};

const maxRoiPool: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const [height, width] = ctx.ints('pooled_shape');
  return [tensorInfo(x.dtype, [ctx.input(1).shape[0], x.shape[1], height, width])];
};

export const convRules: Record<string, ShapeRule> = {
  Conv: conv(0, 1, (_, x) => x.dtype),
  ConvInteger: conv(0, 1, () => 'int32'),
  QLinearConv: conv(0, 3, (ctx) => ctx.input(7).dtype),
  ConvTranspose: convTranspose,
  MaxPool: pool(true),
  AveragePool: pool(false),
  LpPool: pool(false),
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  RoiAlign: roiAlign,
  MaxRoiPool: maxRoiPool,
};
