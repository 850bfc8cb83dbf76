/** Element values carried through inference: decoding weights, casting, and the size limit. */
import { elementCount, type DType } from '../dtype';
import type { Tensor } from '../types';
import type { TensorInfo } from './types';

/** Values are only carried for tensors this small: enough for shape arithmetic and scalar constants. */
export const MAX_VALUE_ELEMENTS = 4096;

/** Whether a tensor of this shape is small enough to carry values (check before computing them). */
export function isSmall(shape: readonly number[]): boolean {
  return elementCount(shape) <= MAX_VALUE_ELEMENTS;
}

/** A TensorInfo; `value` is kept only when it is small and matches the shape. */
export function tensorInfo(dtype: DType, shape: number[], value?: number[]): TensorInfo {
  const info: TensorInfo = { dtype, shape };
  if (value && value.length <= MAX_VALUE_ELEMENTS && value.length === elementCount(shape)) info.value = value;
  return info;
}

/** Same values, new shape (Reshape, Squeeze, Identity...). */
export function reshaped(input: TensorInfo, shape: number[]): TensorInfo {
  return tensorInfo(input.dtype, shape, input.value);
}

export function isIntegerDType(dtype: DType): boolean {
  return /^u?int(8|16|32|64)$/.test(dtype);
}

const INT_BITS: Partial<Record<DType, [number, boolean]>> = {
  int8: [8, true],
  uint8: [8, false],
  int16: [16, true],
  uint16: [16, false],
  int32: [32, true],
  uint32: [32, false],
};

/** A number as the element type stores it: float32 rounding, integer truncation and wrap-around, bool 0/1. */
export function castValue(value: number, dtype: DType): number {
  if (dtype === 'bool') return value !== 0 ? 1 : 0;
  if (dtype === 'float32') return Math.fround(value);
  if (dtype === 'int64' || dtype === 'uint64') return Number.isFinite(value) ? Math.trunc(value) : value;
  const bits = INT_BITS[dtype];
  if (!bits) return value;
  if (!Number.isFinite(value)) return 0;
  const [width, signed] = bits;
  const range = 2 ** width;
  let v = Math.trunc(value) % range;
  if (v < 0) v += range;
  return signed && v >= range / 2 ? v - range : v;
}

/** Element values of a weight tensor, or undefined when it is large or of a type we do not read. */
export function tensorValues(tensor: Tensor): number[] | undefined {
  const count = elementCount(tensor.dims);
  if (count > MAX_VALUE_ELEMENTS) return undefined;
  const read = reader(tensor.dtype);
  if (!read) return undefined;
  const [size, get] = read;
  if (tensor.data.byteLength < count * size) return undefined;
  const view = new DataView(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) values[i] = get(view, i * size);
  return values;
}

type Getter = (view: DataView, offset: number) => number;

function reader(dtype: DType): [number, Getter] | undefined {
  switch (dtype) {
    case 'float32':
      return [4, (v, o) => v.getFloat32(o, true)];
    case 'float64':
      return [8, (v, o) => v.getFloat64(o, true)];
    case 'float16':
      return [2, (v, o) => halfToNumber(v.getUint16(o, true))];
    case 'bfloat16':
      return [2, (v, o) => new Float32Array(new Uint32Array([v.getUint16(o, true) << 16]).buffer)[0]];
    case 'int8':
      return [1, (v, o) => v.getInt8(o)];
    case 'uint8':
      return [1, (v, o) => v.getUint8(o)];
    case 'bool':
      return [1, (v, o) => (v.getUint8(o) !== 0 ? 1 : 0)];
    case 'int16':
      return [2, (v, o) => v.getInt16(o, true)];
    case 'uint16':
      return [2, (v, o) => v.getUint16(o, true)];
    case 'int32':
      return [4, (v, o) => v.getInt32(o, true)];
    case 'uint32':
      return [4, (v, o) => v.getUint32(o, true)];
    case 'int64':
      return [8, (v, o) => Number(v.getBigInt64(o, true))];
    case 'uint64':
      return [8, (v, o) => Number(v.getBigUint64(o, true))];
    default:
      return undefined;
  }
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
