/** Spatial resampling: Resize, Upsample, DepthToSpace, SpaceToDepth, GridSample. */
import { formatShape } from './indexing';
import { tensorInfo } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

/** onnxruntime computes `scale * dim` in float32 and truncates; doing the same keeps odd sizes identical. */
function scaledDim(dim: number, scale: number): number {
  return Math.floor(Math.fround(Math.fround(scale) * Math.fround(dim)));
}

function present(ctx: RuleContext, index: number): TensorInfo | undefined {
  const input = ctx.optionalInput(index);
  // an empty tensor stands for "not given" (opset 11 needed a scales input even when sizes were used)
  return input && input.shape.reduce((n, d) => n * d, 1) > 0 ? input : undefined;
}

function scaled(ctx: RuleContext, x: TensorInfo, scales: number[], axes: number[]): number[] {
  if (scales.length !== axes.length) ctx.fail(`${scales.length} scales for ${axes.length} axes of ${formatShape(x.shape)}`);
  const out = [...x.shape];
  axes.forEach((axis, i) => (out[axis] = scaledDim(x.shape[axis], scales[i])));
  if (out.some((d) => d <= 0)) ctx.fail(`the scales ${formatShape(scales)} shrink ${formatShape(x.shape)} to ${formatShape(out)}`);
  return out;
}

function sized(ctx: RuleContext, x: TensorInfo, sizes: number[], axes: number[]): number[] {
  if (sizes.length !== axes.length) ctx.fail(`${sizes.length} sizes for ${axes.length} axes of ${formatShape(x.shape)}`);
  const out = [...x.shape];
  const policy = ctx.string('keep_aspect_ratio_policy', 'stretch');
  if (policy === 'stretch') {
    axes.forEach((axis, i) => (out[axis] = sizes[i]));
    return out;
  }
  const ratios = axes.map((axis, i) => sizes[i] / x.shape[axis]);
  const scale = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
  axes.forEach((axis) => (out[axis] = Math.round(Math.fround(scale) * x.shape[axis])));
  return out;
}

const resize: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const rank = x.shape.length;
  const axes = ctx.opset >= 18 && ctx.hasAttribute('axes') ? ctx.ints('axes').map((a) => ctx.axis(a, rank)) : x.shape.map((_, i) => i);
  if (ctx.opset < 11) return [tensorInfo(x.dtype, scaled(ctx, x, ctx.inputValue(1, 'the scales'), axes))];
  if (present(ctx, 3)) return [tensorInfo(x.dtype, sized(ctx, x, ctx.inputValue(3, 'the sizes'), axes))];
  if (present(ctx, 2)) return [tensorInfo(x.dtype, scaled(ctx, x, ctx.inputValue(2, 'the scales'), axes))];
  return ctx.fail('it has neither scales nor sizes');
};

const upsample: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const axes = x.shape.map((_, i) => i);
  if (ctx.opset >= 9) return [tensorInfo(x.dtype, scaled(ctx, x, ctx.inputValue(1, 'the scales'), axes))];
  if (ctx.hasAttribute('scales')) return [tensorInfo(x.dtype, scaled(ctx, x, ctx.floats('scales'), axes))];
  // Upsample-1: NCHW with height_scale / width_scale
  return [tensorInfo(x.dtype, scaled(ctx, x, [1, 1, ctx.float('height_scale'), ctx.float('width_scale')], axes))];
};

function blockRule(toSpace: boolean): ShapeRule {
  return (ctx) => {
    const x = ctx.input(0);
    const b = ctx.int('blocksize');
    if (x.shape.length !== 4) ctx.fail(`the input ${formatShape(x.shape)} is not 4-D (NCHW)`);
    const [n, c, h, w] = x.shape;
    if (toSpace) {
      if (c % (b * b) !== 0) ctx.fail(`${c} channels do not divide by blocksize² = ${b * b}`);
      return [tensorInfo(x.dtype, [n, c / (b * b), h * b, w * b])];
    }
    if (h % b !== 0 || w % b !== 0) ctx.fail(`the spatial size ${h}x${w} does not divide by blocksize ${b}`);
    return [tensorInfo(x.dtype, [n, c * b * b, h / b, w / b])];
  };
}

const gridSample: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const grid = ctx.input(1).shape;
  return [tensorInfo(x.dtype, [x.shape[0], x.shape[1], ...grid.slice(1, -1)])];
};

export const resizeRules: Record<string, ShapeRule> = {
  Resize: resize,
  Upsample: upsample,
  DepthToSpace: blockRule(true),
  SpaceToDepth: blockRule(false),
  GridSample: gridSample,
};
