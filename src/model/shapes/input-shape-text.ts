/** What a person types for input shapes: '1x3x224x224', or 'x=1x16000,h=2x1x64', given once or repeated. */
import { errors } from '../../errors';

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

/**
 * Several --input-shape texts as one: named parts combine (the same shape twice is fine, two different shapes for
 * one input are an error naming both); an unnamed shape must stand alone.
 */
export function combineInputShapes(texts: readonly string[]): Record<string, number[]> | number[] | undefined {
  if (!Array.isArray(texts)) throw new TypeError(`'texts' must be an array of strings, got ${typeof texts}`);
  if (texts.length === 0) return undefined;
  const parsed = texts.map(parseInputShape);
  if (parsed.length === 1) return parsed[0];
  const unnamed = parsed.findIndex((p) => Array.isArray(p));
  if (unnamed >= 0) throw errors.badInputShape(texts[unnamed], `it has no input name, but ${texts.length} input shapes are given; write name=dims for each`);
  const combined: Record<string, number[]> = {};
  const source: Record<string, string> = {};
  parsed.forEach((shapes, k) => {
    for (const [name, dims] of Object.entries(shapes)) {
      if (name in combined && combined[name].join('x') !== dims.join('x')) {
        throw errors.badInputShape(texts[k], `input '${name}' is ${dims.join('x')} here but ${combined[name].join('x')} in '${source[name]}'`);
      }
      combined[name] = dims;
      source[name] = texts[k];
    }
  });
  return combined;
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
