/** Ops that make tensors from attributes or change only the element type: Constant, Cast, CastLike, EyeLike, Random*. */
import { dtypeFromCode, type DType } from '../dtype';
import { castValue, tensorInfo, tensorValues } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

/** Cast-1 names the target type as a string. */
const LEGACY_TYPE_NAMES: Record<string, DType> = {
  FLOAT: 'float32',
  DOUBLE: 'float64',
  FLOAT16: 'float16',
  BFLOAT16: 'bfloat16',
  BOOL: 'bool',
  STRING: 'string',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  UINT8: 'uint8',
  UINT16: 'uint16',
  UINT32: 'uint32',
  UINT64: 'uint64',
};

/** The element type an attribute names by its TensorProto code (or Cast-1 name). */
export function dtypeAttribute(ctx: RuleContext, name: string, fallback?: DType): DType {
  const attr = ctx.node.attributes.find((a) => a.name === name);
  if (!attr) {
    if (fallback) return fallback;
    return ctx.fail(`the required attribute '${name}' is missing`);
  }
  const dtype = attr.kind === 'string' ? LEGACY_TYPE_NAMES[attr.value.toUpperCase()] : attr.kind === 'int' ? dtypeFromCode(attr.value) : undefined;
  if (!dtype) return ctx.fail(`attribute '${name}' names no known element type (${JSON.stringify(attr.value)})`);
  return dtype;
}

const constant: ShapeRule = (ctx) => {
  const tensor = ctx.tensor('value');
  if (tensor) return [tensorInfo(tensor.dtype, tensor.dims, tensorValues(tensor))];
  if (ctx.hasAttribute('value_float')) return [tensorInfo('float32', [], [Math.fround(ctx.float('value_float'))])];
  if (ctx.hasAttribute('value_floats')) {
    const values = ctx.floats('value_floats').map(Math.fround);
    return [tensorInfo('float32', [values.length], values)];
  }
  if (ctx.hasAttribute('value_int')) return [tensorInfo('int64', [], [ctx.int('value_int')])];
  if (ctx.hasAttribute('value_ints')) {
    const values = ctx.ints('value_ints');
    return [tensorInfo('int64', [values.length], values)];
  }
  if (ctx.hasAttribute('value_string')) return [tensorInfo('string', [])];
  const strings = ctx.node.attributes.find((a) => a.name === 'value_strings');
  if (strings?.kind === 'strings') return [tensorInfo('string', [strings.value.length])];
  return ctx.fail(ctx.hasAttribute('sparse_value') ? 'sparse constants are not supported' : 'it has no value attribute');
};

function converted(input: TensorInfo, dtype: DType): TensorInfo {
  const value = input.value && input.dtype !== 'string' && dtype !== 'string' ? input.value.map((v) => castValue(v, dtype)) : undefined;
  return tensorInfo(dtype, input.shape, value);
}

/** Tensors of a shape given by the `shape` attribute and a type given by `dtype` (float32 by default). */
const fromShapeAttribute: ShapeRule = (ctx) => [tensorInfo(dtypeAttribute(ctx, 'dtype', 'float32'), ctx.ints('shape'))];

/** Tensors shaped like input 0, typed by `dtype` or like the input. */
const likeInput: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  return [tensorInfo(dtypeAttribute(ctx, 'dtype', x.dtype), x.shape)];
};

export const constantRules: Record<string, ShapeRule> = {
  Constant: constant,
  Cast: (ctx) => [converted(ctx.input(0), dtypeAttribute(ctx, 'to'))],
  CastLike: (ctx) => [converted(ctx.input(0), ctx.input(1).dtype)],
  EyeLike: likeInput,
  RandomNormal: fromShapeAttribute,
  RandomUniform: fromShapeAttribute,
  RandomNormalLike: likeInput,
  RandomUniformLike: likeInput,
  Bernoulli: likeInput,
};
