/** Numpy-style (multidirectional) broadcasting of shapes and of small value arrays. */
import { elementCount } from '../dtype';

/** The broadcast shape, or undefined when two dims differ and neither is 1. */
export function broadcastShapes(shapes: readonly number[][]): number[] | undefined {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      const o = out[offset + i];
      if (d === o || d === 1) continue;
      if (o !== 1) return undefined;
      out[offset + i] = d;
    }
  }
  return out;
}

/** Row-major strides. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/**
 * Applies `fn` elementwise over inputs broadcast to `outShape`. Each input's values are read through strides
 * that are 0 on broadcast axes.
 */
export function broadcastValues(shapes: readonly number[][], values: readonly number[][], outShape: readonly number[], fn: (args: number[]) => number): number[] {
  const rank = outShape.length;
  const inputStrides = shapes.map((shape) => {
    const own = stridesOf(shape);
    const offset = rank - shape.length;
    return outShape.map((_, axis) => {
      const i = axis - offset;
      return i < 0 || shape[i] === 1 ? 0 : own[i];
    });
  });
  const count = elementCount(outShape);
  const out = new Array<number>(count);
  const index = new Array<number>(rank).fill(0);
  const args = new Array<number>(values.length);
  for (let flat = 0; flat < count; flat++) {
    for (let k = 0; k < values.length; k++) {
      let at = 0;
      const strides = inputStrides[k];
      for (let axis = 0; axis < rank; axis++) at += index[axis] * strides[axis];
      args[k] = values[k][at];
    }
    out[flat] = fn(args);
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++index[axis] < outShape[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}
