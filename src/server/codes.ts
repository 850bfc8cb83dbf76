/**
 * Session codes and tokens. A session code is 80 random bits written as 16 Crockford base32 characters in groups
 * of four (`7QK2-M9XD-4HRT-0BWE`): short enough to type from a projector, far too many to guess (docs/design.md,
 * "Session service"). Tokens are 128 random bits in base64url and never leave the peer they were given to.
 * Randomness is injected: production passes crypto.randomBytes, tests a seeded source.
 */
import type { Rng } from '../util/rng';

export type RandomBytes = (count: number) => Uint8Array;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SESSION_CODE_BITS = 80;
const CODE_CHARS = SESSION_CODE_BITS / 5;
const TOKEN_BYTES = 16;

/** A fresh session code, canonical form. */
export function newSessionCode(random: RandomBytes): string {
  const bytes = random(SESSION_CODE_BITS / 8);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return group(out);
}

/**
 * The canonical form of a code as a person typed it (any case, dashes or spaces anywhere, O for 0, I or L for 1),
 * or null when it cannot be a session code.
 */
export function normalizeSessionCode(text: string): string | null {
  if (text.length > 40) return null;
  const chars = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== CODE_CHARS) return null;
  for (const c of chars) if (!ALPHABET.includes(c)) return null;
  return group(chars);
}

function group(chars: string): string {
  return chars.match(/.{1,4}/g)!.join('-');
}

export function newToken(random: RandomBytes): string {
  return Buffer.from(random(TOKEN_BYTES)).toString('base64url');
}

/** Compares two secrets in time that depends only on their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** Deterministic bytes for tests, from the project's seeded generator. Never used for real sessions. */
export function seededBytes(rng: Rng): RandomBytes {
  return (count) => Uint8Array.from({ length: count }, () => Math.floor(rng() * 256));
}
