/** Broadcasting ops: binary arithmetic, comparisons and logic, variadic Sum/Mean/Max/Min, Where, PRelu. */
import { broadcastShapes, broadcastValues } from './broadcast';
import { castValue, isIntegerDType, isSmall, tensorInfo } from './values';
import type { DType } from '../dtype';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

type BinaryFn = (a: number, b: number, isInt: boolean, ctx: RuleContext) => number;

const ARITHMETIC: Record<string, BinaryFn> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  // integer division truncates toward zero (C semantics, as onnxruntime does); by zero it has no value
  Div: (a, b, isInt) => (isInt ? (b === 0 ? NaN : Math.trunc(a / b)) : a / b),
  Pow: (a, b) => a ** b,
  Mod: (a, b, isInt, ctx) => {
    if (b === 0 && isInt) return NaN;
    const r = a % b;
    // fmod=0 takes the sign of the divisor (Python), fmod=1 the sign of the dividend (C fmod)
    return ctx.int('fmod', 0) === 0 && r !== 0 && r < 0 !== b < 0 ? r + b : r;
  },
  BitShift: (a, b, _, ctx) => (ctx.string('direction') === 'LEFT' ? a * 2 ** b : Math.floor(a / 2 ** b)),
  BitwiseAnd: (a, b) => bitwise(a, b, (x, y) => x & y),
  BitwiseOr: (a, b) => bitwise(a, b, (x, y) => x | y),
  BitwiseXor: (a, b) => bitwise(a, b, (x, y) => x ^ y),
};

const COMPARE: Record<string, BinaryFn> = {
  Equal: (a, b) => +(a === b),
  Less: (a, b) => +(a < b),
  Greater: (a, b) => +(a > b),
  LessOrEqual: (a, b) => +(a <= b),
  GreaterOrEqual: (a, b) => +(a >= b),
  And: (a, b) => +(a !== 0 && b !== 0),
  Or: (a, b) => +(a !== 0 || b !== 0),
  Xor: (a, b) => +((a !== 0) !== (b !== 0)),
};

const VARIADIC: Record<string, (args: number[]) => number> = {
  Sum: (args) => args.reduce((s, v) => s + v, 0),
  Mean: (args) => args.reduce((s, v) => s + v, 0) / args.length,
  Max: (args) => Math.max(...args),
  Min: (args) => Math.min(...args),
};

function bitwise(a: number, b: number, fn: (x: number, y: number) => number): number {
  return Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31 ? fn(a, b) : NaN;
}

/**
 * Broadcasts `inputs` and, when every input's values are known, computes the output values.
 * Integer results that are not finite (division by zero) leave the value unknown.
 */
export function elementwise(ctx: RuleContext, inputs: TensorInfo[], dtype: DType, fn: (args: number[]) => number): TensorInfo {
  const shapes = inputs.map((i) => i.shape);
  const shape = broadcastShapes(shapes);
  if (!shape) ctx.fail(`the input shapes ${shapes.map((s) => `[${s.join(',')}]`).join(' and ')} do not broadcast`);
  if (!inputs.every((i) => i.value) || !isSmall(shape)) return tensorInfo(dtype, shape);
  const value = broadcastValues(
    shapes,
    inputs.map((i) => i.value ?? []),
    shape,
    (args) => castValue(fn(args), dtype),
  );
  return tensorInfo(dtype, shape, isIntegerDType(dtype) && !value.every(Number.isFinite) ? undefined : value);
}

function binary(fn: BinaryFn, boolOut: boolean): ShapeRule {
  return (ctx) => {
    const a = ctx.input(0);
    const b = ctx.input(1);
    const dtype = boolOut ? 'bool' : a.dtype;
    const isInt = isIntegerDType(a.dtype);
    if (ctx.opset < 7 && ctx.int('broadcast', 0) === 1 && !boolOut) {
      // legacy broadcast: B is stretched over A from `axis`; the output always has A's shape
      const scalar = b.value?.length === 1;
      return [tensorInfo(dtype, a.shape, a.value && scalar ? a.value.map((v) => castValue(fn(v, b.value![0], isInt, ctx), dtype)) : undefined)];
    }
    return [elementwise(ctx, [a, b], dtype, ([x, y]) => fn(x, y, isInt, ctx))];
  };
}

const where: ShapeRule = (ctx) => {
  const x = ctx.input(1);
  return [elementwise(ctx, [ctx.input(0), x, ctx.input(2)], x.dtype, ([c, a, b]) => (c !== 0 ? a : b))];
};

const prelu: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const slope = ctx.input(1);
  // unidirectional: the slope broadcasts to X, the output keeps X's shape
  const out = elementwise(ctx, [x, slope], x.dtype, ([v, s]) => (v < 0 ? v * s : v));
  if (ctx.opset >= 7 && out.shape.join(',') !== x.shape.join(',')) {
    ctx.fail(`the slope of shape [${slope.shape.join(',')}] does not broadcast to X of shape [${x.shape.join(',')}]`);
  }
  return [tensorInfo(x.dtype, x.shape, out.value)];
};

export const elementwiseRules: Record<string, ShapeRule> = { Where: where, PRelu: prelu };
for (const [op, fn] of Object.entries(ARITHMETIC)) elementwiseRules[op] = binary(fn, false);
for (const [op, fn] of Object.entries(COMPARE)) elementwiseRules[op] = binary(fn, true);
for (const [op, fn] of Object.entries(VARIADIC)) {
  elementwiseRules[op] = (ctx) => {
    const inputs = ctx.node.inputs.map((_, i) => ctx.input(i));
    if (inputs.length === 0) ctx.fail('it has no inputs');
    return [elementwise(ctx, inputs, inputs[0].dtype, fn)];
  };
}
