/** Quantisation ops: same shape, element type from the zero point, scale or attribute. */
import { dtypeFromCode } from '../dtype';
import { tensorInfo } from './values';
import type { ShapeRule } from './types';

export const quantizeRules: Record<string, ShapeRule> = {
  QuantizeLinear: (ctx) => {
    const x = ctx.input(0);
    const attr = ctx.int('output_dtype', 0);
    const dtype = attr ? dtypeFromCode(attr) : ctx.optionalInput(2)?.dtype;
    return [tensorInfo(dtype ?? 'uint8', x.shape)];
  },
  DequantizeLinear: (ctx) => [tensorInfo(ctx.input(1).dtype, ctx.input(0).shape)],
  DynamicQuantizeLinear: (ctx) => [tensorInfo('uint8', ctx.input(0).shape), tensorInfo('float32', []), tensorInfo('uint8', [])],
};
