/** Concrete input shapes: parsing what a person typed, and filling in what the model declares. */
import { errors } from '../../errors';
import type { Dim, Model, ValueInfo } from '../types';

/** Graph inputs that are real inputs: an input with an initializer of the same name is a weight. */
export function realInputs(model: Model): ValueInfo[] {
  const weights = new Set(model.graph.initializers.map((t) => t.name));
  return model.graph.inputs.filter((input) => !weights.has(input.name));
}

function isShape(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((d) => Number.isInteger(d) && d >= 0);
}

/** As declared: [batch, 3, 224, 224] (symbolic names kept, so the person recognises them). */
function formatDims(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** A plausible concrete shape for the message: batch 1, image sides 224, other free dims 128. */
function suggestShape(shape: readonly Dim[] | undefined): string {
  if (!shape) return '1x3x224x224';
  return shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : shape.length === 4 ? 224 : 128)).join('x');
}

/**
 * Resolves the concrete input shapes: explicit ones win; otherwise the model's declared dims; a symbolic/unknown
 * dim 0 (batch) becomes 1; any other unresolved dim throws errors.unresolvedShape naming the input and
 * suggesting a shape. Graph inputs that are also initializers are not inputs.
 */
export function resolveInputShapes(model: Model, given?: Record<string, number[]> | number[]): Record<string, number[]> {
  if (!model || typeof model !== 'object' || !model.graph) throw new TypeError(`'model' must be a Model from decodeModel()`);
  const inputs = realInputs(model);
  const explicit = namedShapes(inputs, given);
  const resolved: Record<string, number[]> = {};
  for (const input of inputs) {
    const shape = explicit[input.name];
    if (shape) {
      if (input.shape && input.shape.length !== shape.length) {
        throw errors.badInputShape(shape.join('x'), `input '${input.name}' has rank ${input.shape.length} (${formatDims(input.shape)}), not ${shape.length}`);
      }
      resolved[input.name] = [...shape];
      continue;
    }
    const example = `${inputs.length > 1 ? `${input.name}=` : ''}${suggestShape(input.shape)}`;
    if (!input.shape) throw errors.unresolvedShape(input.name, 'of unknown rank', example);
    const dims = input.shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : undefined));
    if (dims.some((d) => d === undefined)) throw errors.unresolvedShape(input.name, formatDims(input.shape), example);
    resolved[input.name] = dims as number[];
  }
  return resolved;
}

function namedShapes(inputs: ValueInfo[], given: Record<string, number[]> | number[] | undefined): Record<string, number[]> {
  if (given === undefined) return {};
  const names = inputs.map((i) => i.name);
  if (Array.isArray(given)) {
    if (!isShape(given)) throw new TypeError(`'given' must be an array of non-negative integers, got ${JSON.stringify(given)}`);
    if (inputs.length !== 1) {
      throw errors.badInputShape(given.join('x'), `the model has ${inputs.length} inputs (${names.join(', ')}), so each shape needs a name`);
    }
    return { [names[0]]: given };
  }
  if (typeof given !== 'object' || given === null) throw new TypeError(`'given' must be a dims array or an object of input name -> dims`);
  for (const [name, shape] of Object.entries(given)) {
    if (!isShape(shape)) throw new TypeError(`'given.${name}' must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
    if (!names.includes(name)) throw errors.badInputShape(`${name}=${shape.join('x')}`, `the model has no input '${name}' (inputs: ${names.join(', ') || 'none'})`);
  }
  return given;
}

/** Parses '1x3x224x224' (single input) or 'x=1x3x224x224,y=1x10'; throws errors.badInputShape on bad text. */
export function parseInputShape(text: string): Record<string, number[]> | number[] {
  if (typeof text !== 'string') throw new TypeError(`'text' must be a string, got ${typeof text}`);
  const trimmed = text.trim();
  if (trimmed === '') throw errors.badInputShape(text, 'it is empty');
  if (!trimmed.includes('=')) return parseDims(text, trimmed);
  const shapes: Record<string, number[]> = {};
  for (const part of trimmed.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw errors.badInputShape(text, `'${part.trim()}' has no name (with several inputs write name=dims for each)`);
    const name = part.slice(0, eq).trim();
    if (name === '') throw errors.badInputShape(text, `'${part.trim()}' has an empty name`);
    if (name in shapes) throw errors.badInputShape(text, `input '${name}' is given twice`);
    shapes[name] = parseDims(text, part.slice(eq + 1).trim());
  }
  return shapes;
}

function parseDims(text: string, dims: string): number[] {
  if (dims === '') throw errors.badInputShape(text, 'a shape is empty');
  return dims.split(/[x×]/).map((part) => {
    const d = part.trim();
    if (!/^\d+$/.test(d)) throw errors.badInputShape(text, `'${d}' is not a whole number of elements`);
    const n = Number(d);
    if (n === 0) throw errors.badInputShape(text, 'a dimension is 0; every dimension must be at least 1');
    if (!Number.isSafeInteger(n)) throw errors.badInputShape(text, `dimension ${d} is too large`);
    return n;
  });
}
