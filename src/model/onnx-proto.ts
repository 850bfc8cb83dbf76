/**
 * The one import of onnx-proto (CommonJS, protobufjs-static code of ONNX 1.10).
 * Everything else goes through onnx-decode.ts / onnx-encode.ts.
 */
import onnxPkg from 'onnx-proto';

export const onnx = onnxPkg.onnx;
export type ProtoGraph = import('onnx-proto').onnx.IGraphProto;
export type ProtoTensor = import('onnx-proto').onnx.ITensorProto;
export type ProtoAttribute = import('onnx-proto').onnx.IAttributeProto;
export type ProtoValueInfo = import('onnx-proto').onnx.IValueInfoProto;

/** protobufjs gives int64 fields as Long objects in Node (when the 'long' package is found) and numbers in browsers. */
export type Int64 = number | { toNumber(): number };

export function int64ToNumber(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/**
 * A number as protobufjs' {low, high} pair. Saturates at the int64 limits: exporters write INT64_MAX for
 * "to the end" (Slice ends), which is not exact as a double, and protobufjs would wrap it to INT64_MIN.
 */
export function numberToInt64(value: number): { low: number; high: number } {
  // 2^63: the first double beyond int64's range either way (9223372036854775807 itself is not a double)
  if (value >= 2 ** 63) return { low: 0xffffffff | 0, high: 0x7fffffff };
  if (value <= -(2 ** 63)) return { low: 0, high: 0x80000000 | 0 };
  const negative = value < 0;
  const magnitude = Math.abs(Math.trunc(value));
  let low = magnitude % 4294967296;
  let high = Math.floor(magnitude / 4294967296);
  if (negative) {
    // two's complement of (high, low)
    low = (~low + 1) >>> 0;
    high = (~high + (low === 0 ? 1 : 0)) >>> 0;
  }
  return { low: low | 0, high: high | 0 };
}
