/** Ops whose output has the shape of their first input: activations, math functions, Clip, Dropout, Identity. */
import { castValue, reshaped, tensorInfo } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

type ValueFn = (x: number, ctx: RuleContext) => number;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Value functions for the ops worth folding; ops without one still get their shape and dtype. */
const SAME_TYPE: Record<string, ValueFn | null> = {
  Relu: (x) => Math.max(0, x),
  LeakyRelu: (x, c) => (x < 0 ? x * c.float('alpha', 0.01) : x),
  Sigmoid: sigmoid,
  HardSigmoid: (x, c) => Math.max(0, Math.min(1, c.float('alpha', 0.2) * x + c.float('beta', 0.5))),
  HardSwish: (x) => x * Math.max(0, Math.min(1, x / 6 + 0.5)),
  Tanh: Math.tanh,
  Sqrt: Math.sqrt,
  Exp: Math.exp,
  Log: Math.log,
  Abs: Math.abs,
  Neg: (x) => -x,
  Reciprocal: (x) => 1 / x,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Round: roundHalfToEven,
  Sign: Math.sign,
  Sin: Math.sin,
  Cos: Math.cos,
  Tan: Math.tan,
  Asin: Math.asin,
  Acos: Math.acos,
  Atan: Math.atan,
  Sinh: Math.sinh,
  Cosh: Math.cosh,
  Asinh: Math.asinh,
  Acosh: Math.acosh,
  Atanh: Math.atanh,
  Softplus: (x) => Math.log1p(Math.exp(x)),
  Softsign: (x) => x / (1 + Math.abs(x)),
  Elu: (x, c) => (x < 0 ? c.float('alpha', 1) * Math.expm1(x) : x),
  Celu: (x, c) => Math.max(0, x) + Math.min(0, c.float('alpha', 1) * Math.expm1(x / c.float('alpha', 1))),
  ThresholdedRelu: (x, c) => (x > c.float('alpha', 1) ? x : 0),
  Erf: null,
  Gelu: null,
  Mish: null,
  Selu: null,
  Shrink: null,
  BitwiseNot: null,
  // not elementwise, but shaped and typed like their first input
  ScatterND: null,
  ScatterElements: null,
  Scatter: null,
  Trilu: null,
  CumSum: null,
  ReverseSequence: null,
};

/** Same shape, bool output. */
const TO_BOOL: Record<string, ValueFn | null> = {
  Not: (x) => (x === 0 ? 1 : 0),
  IsNaN: (x) => (Number.isNaN(x) ? 1 : 0),
  IsInf: (x, c) => (x === Infinity ? c.int('detect_positive', 1) : x === -Infinity ? c.int('detect_negative', 1) : 0),
};

function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function mapped(ctx: RuleContext, x: TensorInfo, dtype: TensorInfo['dtype'], fn: ValueFn | null): TensorInfo {
  const value = fn && x.value ? x.value.map((v) => castValue(fn(v, ctx), dtype)) : undefined;
  return tensorInfo(dtype, x.shape, value);
}

const identity: ShapeRule = (ctx) => [reshaped(ctx.input(0), ctx.input(0).shape)];

const clip: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  let low = -Infinity;
  let high = Infinity;
  if (ctx.opset < 11) {
    low = ctx.float('min', low);
    high = ctx.float('max', high);
  } else {
    const min = ctx.optionalInput(1);
    const max = ctx.optionalInput(2);
    if ((min && !min.value) || (max && !max.value)) return [tensorInfo(x.dtype, x.shape)];
    low = min?.value?.[0] ?? low;
    high = max?.value?.[0] ?? high;
  }
  return [mapped(ctx, x, x.dtype, (v) => Math.min(high, Math.max(low, v)))];
};

const dropout: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  // inference mode: the output is the input; the mask became bool at opset 10
  return [reshaped(x, x.shape), tensorInfo(ctx.opset >= 10 ? 'bool' : x.dtype, x.shape)];
};

export const unaryRules: Record<string, ShapeRule> = {
  Identity: identity,
  Clip: clip,
  Dropout: dropout,
};
for (const [op, fn] of Object.entries(SAME_TYPE)) {
  unaryRules[op] = (ctx) => [mapped(ctx, ctx.input(0), ctx.input(0).dtype, fn)];
}
for (const [op, fn] of Object.entries(TO_BOOL)) {
  unaryRules[op] = (ctx) => [mapped(ctx, ctx.input(0), 'bool', fn)];
}
