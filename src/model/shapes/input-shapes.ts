/**
 * Concrete input shapes from what the model declares and what a person gives. A named (symbolic) dimension binds
 * once for the whole model: `batch` fixed by one input fixes it for every input that names it, a conflict is an
 * error naming both, and an unbound batch-like dimension is 1. The CLI and the page's shape form share this.
 */
import { errors } from '../../errors';
import type { Dim, DType, Model, ValueInfo } from '../types';

/** A shape as given: a number per dimension, or null to leave that dimension to the model and the bindings. */
export type PartialShape = (number | null)[];

/** One real input as declared, with a concrete value to prefill per dimension (for the page's shape form). */
export interface InputDescription {
  name: string;
  dtype: DType;
  /** As declared: a number when fixed, the name of a symbolic dimension, null when unknown; null when the rank is unknown. */
  dims: (number | string | null)[] | null;
  /** Per dimension: the fixed value, a named dimension's bound value, 1 for a batch-like dimension, else null (ask). */
  suggested: (number | null)[] | null;
}

/** Graph inputs that are real inputs: an input with an initializer of the same name is a weight. */
export function realInputs(model: Model): ValueInfo[] {
  const weights = new Set(model.graph.initializers.map((t) => t.name));
  return model.graph.inputs.filter((input) => !weights.has(input.name));
}

/**
 * Resolves every real input's concrete shape: given dims win; then the declared fixed dims; then named dims by
 * their binding (from `dims`, or from a given shape of any input that names them, or 1 when batch-like); an
 * unknown first dimension is 1. Anything still open throws errors.unresolvedShape naming the input.
 */
export function resolveInputShapes(model: Model, given?: Record<string, PartialShape> | PartialShape, dims?: Record<string, number>): Record<string, number[]> {
  const inputs = checkedInputs(model);
  const explicit = namedShapes(inputs, given);
  const bound = bindDims(inputs, explicit, dims);
  const resolved: Record<string, number[]> = {};
  for (const input of inputs) {
    const shape = concreteDims(input, explicit[input.name], bound);
    if (!shape || shape.some((d) => d === null)) {
      const example = `${inputs.length > 1 ? `${input.name}=` : ''}${exampleShape(shape)}`;
      throw errors.unresolvedShape(input.name, input.shape ? formatDims(input.shape) : 'of unknown rank', example);
    }
    resolved[input.name] = shape as number[];
  }
  return resolved;
}

/** Each real input with its declared dims and suggested values, given what is known so far (never throws on open dims). */
export function describeInputs(model: Model, given?: Record<string, PartialShape> | PartialShape, dims?: Record<string, number>): InputDescription[] {
  const inputs = checkedInputs(model);
  const explicit = namedShapes(inputs, given);
  const bound = bindDims(inputs, explicit, dims);
  return inputs.map((input) => ({
    name: input.name,
    dtype: input.dtype,
    dims: input.shape ? input.shape.map((d) => (d === '?' ? null : d)) : null,
    suggested: concreteDims(input, explicit[input.name], bound),
  }));
}

function checkedInputs(model: Model): ValueInfo[] {
  if (!model || typeof model !== 'object' || !model.graph) throw new TypeError(`'model' must be a Model from decodeModel()`);
  const inputs = realInputs(model);
  for (const input of inputs) {
    if (input.opaqueType !== undefined) throw errors.unsupportedInput(input.name, input.opaqueType === null ? 'the file gives it no type' : 'it is not a tensor (a sequence, map or optional)');
  }
  return inputs;
}

/** A name like batch, batch_size, N or bs: a dimension a single sample fills with 1. */
function isBatchName(name: string): boolean {
  return /batch/i.test(name) || /^(n|b|bs)$/i.test(name);
}

/** Named dim -> value: given bindings, then values given for dims that name it, then 1 for batch-like names. */
function bindDims(inputs: ValueInfo[], explicit: Record<string, PartialShape>, dims: Record<string, number> | undefined): Map<string, number> {
  const bound = new Map<string, { value: number; from: string }>();
  for (const [name, value] of Object.entries(dims ?? {})) {
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`'dims.${name}' must be a positive integer, got ${JSON.stringify(value)}`);
    bound.set(name, { value, from: `${name}=${value}` });
  }
  for (const input of inputs) {
    const shape = explicit[input.name];
    if (!shape || !input.shape) continue;
    input.shape.forEach((d, i) => {
      const value = shape[i];
      if (typeof d !== 'string' || d === '?' || value === null) return;
      const from = `${input.name}=${shape.map((v) => v ?? '?').join('x')}`;
      const earlier = bound.get(d);
      if (earlier && earlier.value !== value) {
        throw errors.badInputShape(from, `dimension '${d}' is ${value} here but ${earlier.value} in ${earlier.from}; a named dimension has one value for every input`);
      }
      if (!earlier) bound.set(d, { value, from });
    });
  }
  for (const input of inputs) {
    (input.shape ?? []).forEach((d, i) => {
      if (typeof d === 'string' && d !== '?' && !bound.has(d) && (i === 0 || isBatchName(d))) bound.set(d, { value: 1, from: 'the default batch of 1' });
    });
  }
  return new Map([...bound].map(([name, { value }]) => [name, value]));
}

/** The dims of one input as far as they are known (null where open); null when even the rank is unknown. */
function concreteDims(input: ValueInfo, given: PartialShape | undefined, bound: ReadonlyMap<string, number>): (number | null)[] | null {
  if (given && input.shape && input.shape.length !== given.length) {
    const text = given.map((v) => v ?? '?').join('x');
    throw errors.badInputShape(text, `input '${input.name}' has rank ${input.shape.length} (${formatDims(input.shape)}), not ${given.length}`);
  }
  const declared: Dim[] | undefined = input.shape ?? given?.map(() => '?');
  if (!declared) return null;
  return declared.map((d, i) => {
    const value = given?.[i];
    if (typeof value === 'number') return value;
    if (typeof d === 'number') return d;
    if (d !== '?') return bound.get(d) ?? null;
    return i === 0 ? 1 : null;
  });
}

/** As declared: [batch, 3, 224, 224] (symbolic names kept, so the person recognises them). */
function formatDims(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** A plausible concrete shape for a message: what is known, image sides 224 in rank 4, other open dims 128. */
function exampleShape(known: (number | null)[] | null): string {
  if (!known) return '1x3x224x224';
  return known.map((d) => d ?? (known.length === 4 ? 224 : 128)).join('x');
}

function isPartialShape(value: unknown): value is PartialShape {
  return Array.isArray(value) && value.every((d) => d === null || (Number.isSafeInteger(d) && (d as number) >= 0));
}

function namedShapes(inputs: ValueInfo[], given: Record<string, PartialShape> | PartialShape | undefined): Record<string, PartialShape> {
  if (given === undefined) return {};
  const names = inputs.map((i) => i.name);
  if (Array.isArray(given)) {
    if (!isPartialShape(given)) throw new TypeError(`'given' must be an array of non-negative integers (or null), got ${JSON.stringify(given)}`);
    if (inputs.length !== 1) {
      throw errors.badInputShape(given.join('x'), `the model has ${inputs.length} inputs (${names.join(', ')}), so each shape needs a name`);
    }
    return { [names[0]]: given };
  }
  if (typeof given !== 'object' || given === null) throw new TypeError(`'given' must be a dims array or an object of input name -> dims`);
  for (const [name, shape] of Object.entries(given)) {
    if (!isPartialShape(shape)) throw new TypeError(`'given.${name}' must be an array of non-negative integers (or null), got ${JSON.stringify(shape)}`);
    if (!names.includes(name)) throw errors.badInputShape(`${name}=${shape.join('x')}`, `the model has no input '${name}' (inputs: ${names.join(', ') || 'none'})`);
  }
  return given;
}
