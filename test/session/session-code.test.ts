import { describe, expect, test } from 'vitest';
import { groupSessionCode, normalizeSessionCode } from '../../src/session/session-code';

describe('normalizeSessionCode', () => {
  test('accepts what people type: lower case, spaces, no dashes, O for 0, I and L for 1', () => {
    expect(normalizeSessionCode('7qk2 m9xd 4hrt 0bwe')).toBe('7QK2-M9XD-4HRT-0BWE');
    expect(normalizeSessionCode('7QK2M9XD4HRTOBWE')).toBe('7QK2-M9XD-4HRT-0BWE');
    expect(normalizeSessionCode('IL00-0000-0000-0000')).toBe('1100-0000-0000-0000');
  });

  test('refuses wrong lengths, letters outside the alphabet and very long input', () => {
    for (const bad of ['', '7QK2-M9XD-4HRT', '7QK2-M9XD-4HRT-0BWEX', '7QK2-M9XD-4HRT-0BWU', 'x'.repeat(1000), '7QK2-M9XD-4HRT-0BW!']) {
      expect(normalizeSessionCode(bad)).toBeNull();
    }
  });
});

describe('groupSessionCode', () => {
  test('writes 16 characters as four groups of four', () => {
    expect(groupSessionCode('7QK2M9XD4HRT0BWE')).toBe('7QK2-M9XD-4HRT-0BWE');
  });
});
