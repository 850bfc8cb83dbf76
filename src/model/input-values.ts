/**
 * Inputs a person fixes to a value (`--input-value sr=16000`): parsed, checked against the model and turned into
 * constants (initializers), so that what depends on them only (e.g. an If on the sample rate) is known statically.
 */
import { errors } from '../errors';
import { isFloatDType, type DType } from './dtype';
import type { TensorValue, TypedData } from './ort-run';
import { realInputs } from './shapes/input-shapes';
import { castValue } from './shapes/values';
import type { Model, Tensor } from './types';

/** One --input-value text per entry: 'name=number' or 'name=[1,2,3]'; a name given twice is an error. */
export function parseInputValues(texts: readonly string[]): Record<string, number[]> {
  if (!Array.isArray(texts)) throw new TypeError(`'texts' must be an array of strings, got ${typeof texts}`);
  const values: Record<string, number[]> = {};
  for (const text of texts) {
    if (typeof text !== 'string') throw new TypeError(`each input value must be a string, got ${typeof text}`);
    const eq = text.indexOf('=');
    const name = text.slice(0, Math.max(eq, 0)).trim();
    if (eq < 0 || name === '') throw errors.badInputValue(text, 'it names no input (write name=value)');
    if (name in values) throw errors.badInputValue(text, `input '${name}' is given a value twice`);
    const body = text.slice(eq + 1).trim();
    const list = /^\[(.*)\]$/.exec(body);
    const parts = list
      ? list[1]
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '')
      : [body];
    if (parts.length === 0) throw errors.badInputValue(text, 'the list is empty');
    values[name] = parts.map((p) => {
      const v = Number(p);
      if (p === '' || !Number.isFinite(v)) throw errors.badInputValue(text, `'${p}' is not a finite number`);
      return v;
    });
  }
  return values;
}

export interface FixedInputs {
  /** The model with each fixed input replaced by an initializer holding its value (the model given is not modified). */
  model: Model;
  /** The same values as feeds, for running the model as read. */
  feeds: Record<string, TensorValue>;
}

export function bindInputValues(model: Model, values: Readonly<Record<string, readonly number[]>>): FixedInputs {
  if (!values || typeof values !== 'object') throw new TypeError(`'values' must be an object of input name -> numbers, got ${typeof values}`);
  const entries = Object.entries(values);
  if (entries.length === 0) return { model, feeds: {} };
  const inputs = new Map(realInputs(model).map((i) => [i.name, i]));
  const feeds: Record<string, TensorValue> = {};
  const tensors = entries.map(([name, value]): Tensor => {
    const input = inputs.get(name);
    const text = `${name}=${value.length === 1 ? value[0] : `[${value.join(',')}]`}`;
    if (!input) throw errors.badInputValue(text, `the model has no input '${name}' (inputs: ${[...inputs.keys()].join(', ') || 'none'})`);
    const dims = dimsFor(input.shape, value.length);
    if (!dims) throw errors.badInputValue(text, `input '${name}' has the shape [${input.shape?.join(', ')}], which does not hold ${value.length} value(s)`);
    const data = typedValues(text, input.dtype, value);
    feeds[name] = { dtype: input.dtype, dims, data };
    return { name, dtype: input.dtype, dims, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  });
  const bound = new Set(entries.map(([name]) => name));
  const graph = { ...model.graph, inputs: model.graph.inputs.filter((i) => !bound.has(i.name)), initializers: [...model.graph.initializers, ...tensors] };
  return { model: { ...model, graph }, feeds };
}

/** Dims that hold `count` values: the declared fixed dims, with the first symbolic one taking what is left. */
function dimsFor(declared: readonly (number | string)[] | undefined, count: number): number[] | undefined {
  if (!declared) return count === 1 ? [] : [count];
  const fixed = declared.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  const open = declared.findIndex((d) => typeof d !== 'number');
  if (open < 0) return fixed === count ? (declared as number[]) : undefined;
  if (fixed === 0 || count % fixed !== 0) return undefined;
  return declared.map((d, i) => (typeof d === 'number' ? d : i === open ? count / fixed : 1));
}

/** The element types a value can be given in (those onnxruntime-web feeds from plain typed arrays). */
const ARRAYS: Partial<Record<DType, (values: readonly number[]) => TypedData>> = {
  float32: (v) => Float32Array.from(v),
  float64: (v) => Float64Array.from(v),
  int8: (v) => Int8Array.from(v),
  uint8: (v) => Uint8Array.from(v),
  bool: (v) => Uint8Array.from(v, (x) => (x !== 0 ? 1 : 0)),
  int16: (v) => Int16Array.from(v),
  uint16: (v) => Uint16Array.from(v),
  int32: (v) => Int32Array.from(v),
  int64: (v) => BigInt64Array.from(v, (x) => BigInt(x)),
};

function typedValues(text: string, dtype: DType, values: readonly number[]): TypedData {
  const make = ARRAYS[dtype];
  if (!make) throw errors.badInputValue(text, `inputs of element type ${dtype} cannot be given a value`);
  const isInteger = !isFloatDType(dtype) && dtype !== 'bool';
  // castValue wraps out-of-range integers: a value it changes is not one of this type
  const bad = values.find((v) => isInteger && (!Number.isSafeInteger(v) || castValue(v, dtype) !== v || (dtype === 'uint64' && v < 0)));
  if (bad !== undefined) throw errors.badInputValue(text, `the input holds ${dtype}, which cannot represent ${bad}`);
  return make(values);
}
