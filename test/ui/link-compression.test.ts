import { describe, expect, it } from 'vitest';
import { deflateToBase64url, inflateFromBase64url } from '../../src/ui/lab/link-compression';

describe('deflateToBase64url(text) and inflateFromBase64url(text, maxBytes)', () => {
  it('round-trips text, in URL-safe characters only', async () => {
    const text = `nodes=${Array.from({ length: 500 }, (_, i) => `n${i}:pi4:128:8`).join(',')}&é=ü`;
    const packed = await deflateToBase64url(text);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(packed.length).toBeLessThan(text.length / 4);
    expect(await inflateFromBase64url(packed, 1e6)).toBe(text);
  });

  it('stops inflating a bomb at the limit', async () => {
    const bomb = await deflateToBase64url('a'.repeat(2 ** 20));
    expect(bomb.length).toBeLessThan(2000);
    await expect(inflateFromBase64url(bomb, 2 ** 16)).rejects.toThrow('expands to more than 65536 bytes');
  });

  it('refuses what is not base64url deflate data', async () => {
    await expect(inflateFromBase64url('ab+/', 100)).rejects.toThrow('outside base64url');
    await expect(inflateFromBase64url('AAAAAAAA', 100)).rejects.toThrow('not deflate data');
  });
});
