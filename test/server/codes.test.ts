import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { newSessionCode, newToken, sameSecret, seededBytes } from '../../src/server/codes';
import { SESSION_CODE_BITS } from '../../src/session/session-code';
import { createRng } from '../../src/util/rng';

describe('newSessionCode', () => {
  test('writes 80 bits as four groups of four Crockford base32 characters, the same for the same seed', () => {
    expect(SESSION_CODE_BITS).toBeGreaterThanOrEqual(64);
    const a = newSessionCode(seededBytes(createRng(7)));
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(newSessionCode(seededBytes(createRng(7)))).toBe(a);
    expect(newSessionCode(seededBytes(createRng(8)))).not.toBe(a);
  });

  test('encodes every bit: all-zero and all-one bytes give the alphabet ends, and 200 crypto codes are distinct', () => {
    expect(newSessionCode((n) => new Uint8Array(n))).toBe('0000-0000-0000-0000');
    expect(newSessionCode((n) => new Uint8Array(n).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const codes = new Set(Array.from({ length: 200 }, () => newSessionCode((n) => randomBytes(n))));
    expect(codes.size).toBe(200);
    // every character position takes many values: no position is stuck
    for (let i = 0; i < 19; i++) if (i % 5 !== 4) expect(new Set([...codes].map((c) => c[i])).size).toBeGreaterThan(16);
  });
});

describe('newToken and sameSecret', () => {
  test('tokens are 128-bit base64url; sameSecret tells equal from unequal and different lengths', () => {
    const token = newToken(seededBytes(createRng(1)));
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(sameSecret(token, token)).toBe(true);
    expect(
      sameSecret(
        token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        token,
      ),
    ).toBe(false);
    expect(sameSecret(token.slice(1), token)).toBe(false);
  });
});
