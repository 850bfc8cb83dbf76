/**
 * Weights of generated models: the builder records what each tensor holds (a WeightSpec) while the graph is
 * defined, and fillWeights writes them all at the end, when the total is known and progress can be reported.
 * Each float tensor is one Float32Array written in a tight loop; the Tensor's bytes are a view of it (no copy).
 */
import { createRng, forkRng, type Rng } from '../../util/rng';
import type { Tensor } from '../types';

export type WeightFill =
  /** U(-sqrt(6 / fanIn), sqrt(6 / fanIn)): He-uniform, so E[w^2] = 2 / fanIn. */
  { kind: 'he-uniform'; fanIn: number } | { kind: 'constant'; value: number } | { kind: 'values'; values: readonly number[] };

export interface WeightSpec {
  name: string;
  dtype: 'float32' | 'int64';
  dims: number[];
  fill: WeightFill;
}

export function specElementCount(spec: WeightSpec): number {
  let n = 1;
  for (const d of spec.dims) n *= d;
  return n;
}

/** Progress is reported at least this often (in elements), so that VGG's 103M-element fc1 shows movement. */
const CHUNK_ELEMENTS = 1 << 20;

/**
 * Materialises the specs in order. Every random tensor draws from its own stream forked from `seed` by its
 * index, so a change to one layer's size does not shift the weights of the others.
 */
export function fillWeights(specs: readonly WeightSpec[], seed: number, onProgress?: (fraction: number) => void): Tensor[] {
  const root = createRng(seed);
  let total = 0;
  for (const spec of specs) if (spec.dtype === 'float32') total += specElementCount(spec);
  let written = 0;
  let reported = -1;
  const report = () => {
    if (!onProgress || total === 0) return;
    const fraction = written / total;
    // at most ~200 calls however many tensors there are
    if (fraction - reported >= 0.005 || (fraction === 1 && reported < 1)) {
      reported = fraction;
      onProgress(fraction);
    }
  };
  const tensors = specs.map((spec, index): Tensor => {
    const count = specElementCount(spec);
    if (spec.dtype === 'int64') {
      const values = spec.fill.kind === 'values' ? spec.fill.values : [];
      return { name: spec.name, dtype: 'int64', dims: spec.dims, data: bytesOf(BigInt64Array.from(values, (v) => BigInt(v))) };
    }
    const array = new Float32Array(count);
    const fill = spec.fill;
    const rng = fill.kind === 'he-uniform' ? forkRng(root, index) : undefined;
    for (let start = 0; start < count; start += CHUNK_ELEMENTS) {
      const end = Math.min(count, start + CHUNK_ELEMENTS);
      if (fill.kind === 'he-uniform') fillHeUniform(array, start, end, fill.fanIn, rng as Rng);
      else if (fill.kind === 'constant') array.fill(fill.value, start, end);
      else for (let i = start; i < end; i++) array[i] = fill.values[i] ?? 0;
      written += end - start;
      report();
    }
    return { name: spec.name, dtype: 'float32', dims: spec.dims, data: bytesOf(array) };
  });
  written = total;
  report();
  return tensors;
}

function fillHeUniform(array: Float32Array, start: number, end: number, fanIn: number, rng: Rng): void {
  const limit = Math.sqrt(6 / fanIn);
  const width = 2 * limit;
  for (let i = start; i < end; i++) array[i] = rng() * width - limit;
}

function bytesOf(view: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}
