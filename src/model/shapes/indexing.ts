/** Building small value arrays by mapping each output position to an input position (Transpose, Tile, Slice...). */
import { elementCount } from '../dtype';
import { stridesOf } from './broadcast';

/**
 * Output values where output position `out` reads input position `toInput(out, into)` (written into `into`).
 * Only called for tensors within the value size limit.
 */
export function remapValues(outShape: readonly number[], inShape: readonly number[], inValues: readonly number[], toInput: (out: readonly number[], into: number[]) => void): number[] {
  const count = elementCount(outShape);
  const strides = stridesOf(inShape);
  const out = new Array<number>(count);
  const index = new Array<number>(outShape.length).fill(0);
  const into = new Array<number>(inShape.length).fill(0);
  for (let flat = 0; flat < count; flat++) {
    toInput(index, into);
    let at = 0;
    for (let axis = 0; axis < into.length; axis++) at += into[axis] * strides[axis];
    out[flat] = inValues[at];
    for (let axis = outShape.length - 1; axis >= 0; axis--) {
      if (++index[axis] < outShape[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
