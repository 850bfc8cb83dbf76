/**
 * Hand-written schema checks for the session messages: each check returns null when the value fits, else why not
 * (a short phrase naming the field, sent back in a close reason, never echoing the value itself).
 */
export type Check = (value: unknown, path: string) => string | null;

export interface JsonBounds {
  maxDepth: number;
  maxValues: number;
  maxKeyChars: number;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with exactly the `required` keys and any of the `optional` ones, each passing its check. */
export function objectOf(value: unknown, path: string, required: Record<string, Check>, optional: Record<string, Check> = {}): string | null {
  if (!isPlainObject(value)) return `${path} must be an object`;
  for (const key of Object.keys(value)) {
    if (!(key in required) && !(key in optional)) return `${path} has the unexpected key '${key.slice(0, 24)}'`;
  }
  for (const [key, check] of Object.entries(required)) {
    if (!(key in value)) return `${path}.${key} is missing`;
    const problem = check(value[key], `${path}.${key}`);
    if (problem) return problem;
  }
  for (const [key, check] of Object.entries(optional)) {
    if (!(key in value)) continue;
    const problem = check(value[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

// Control characters and bidirectional overrides would let a label disguise itself as another on the host page.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const text =
  (minChars: number, maxChars: number, pattern?: RegExp): Check =>
  (value, path) => {
    if (typeof value !== 'string') return `${path} must be a string`;
    if (value.length < minChars || value.length > maxChars) return `${path} must have ${minChars} to ${maxChars} characters`;
    if (pattern && !pattern.test(value)) return `${path} has the wrong format`;
    return null;
  };

/** Text shown to people: no control or direction-changing characters. */
export const label =
  (maxChars: number): Check =>
  (value, path) => {
    const problem = text(1, maxChars)(value, path);
    if (problem) return problem;
    return UNSAFE_CHARS.test(value as string) ? `${path} contains control characters` : null;
  };

export const number =
  (min: number, max: number, integer = false): Check =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${path} must be a number`;
    if (value < min || value > max || (integer && !Number.isInteger(value))) return `${path} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}`;
    return null;
  };

export const literal =
  (...allowed: string[]): Check =>
  (value, path) =>
    typeof value === 'string' && allowed.includes(value) ? null : `${path} must be one of ${allowed.join(', ')}`;

export const orNull =
  (check: Check): Check =>
  (value, path) =>
    value === null ? null : check(value, path);

// Keys that could reach an object's prototype if a receiver merged the body into an object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Any JSON object within bounds of depth, number of values and key length (an opaque node-protocol body). */
export const boundedJsonObject =
  (bounds: JsonBounds): Check =>
  (value, path) => {
    if (!isPlainObject(value)) return `${path} must be an object`;
    let values = 0;
    const visit = (node: unknown, depth: number): string | null => {
      if (++values > bounds.maxValues) return `${path} has more than ${bounds.maxValues} values`;
      if (depth > bounds.maxDepth) return `${path} is nested deeper than ${bounds.maxDepth}`;
      if (Array.isArray(node)) {
        for (const item of node) {
          const problem = visit(item, depth + 1);
          if (problem) return problem;
        }
      } else if (isPlainObject(node)) {
        for (const [key, item] of Object.entries(node)) {
          if (key.length > bounds.maxKeyChars) return `${path} has a key longer than ${bounds.maxKeyChars} characters`;
          if (FORBIDDEN_KEYS.has(key)) return `${path} uses the reserved key '${key}'`;
          const problem = visit(item, depth + 1);
          if (problem) return problem;
        }
      }
      return null;
    };
    return visit(value, 1);
  };
