import { describe, expect, test } from 'vitest';
import { TokenBucket } from '../../src/server/token-bucket';

describe('TokenBucket.take', () => {
  test('allows the burst at once, then the rate, and never more than the burst after a long pause', () => {
    const bucket = new TokenBucket(10, 5, 0);
    let taken = 0;
    while (taken < 100 && bucket.take(1, 0)) taken++;
    expect(taken).toBe(5);
    expect(bucket.take(1, 50)).toBe(false); // 0.5 token
    expect(bucket.take(1, 100)).toBe(true); // 1 token after 100 ms at 10/s
    let later = 0;
    while (later < 100 && bucket.take(1, 60_000)) later++;
    expect(later).toBe(5);
  });

  test('a cost larger than the tokens spends nothing, and a clock going back adds nothing', () => {
    const bucket = new TokenBucket(1000, 100, 1000);
    expect(bucket.take(101, 1000)).toBe(false);
    expect(bucket.take(100, 1000)).toBe(true);
    expect(bucket.take(1, 500)).toBe(false);
  });
});
