/**
 * Making session codes and tokens (the server only). A session code is 80 random bits (the written form is in
 * src/session/session-code.ts), far too many to guess (docs/design.md, "Session service"). Tokens are 128 random
 * bits in base64url and never leave the peer they were given to. Randomness is injected: production passes
 * crypto.randomBytes, tests a seeded source.
 */
import { groupSessionCode, SESSION_CODE_ALPHABET, SESSION_CODE_BITS } from '../session/session-code';
import type { Rng } from '../util/rng';

export type RandomBytes = (count: number) => Uint8Array;

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
      out += SESSION_CODE_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return groupSessionCode(out);
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
