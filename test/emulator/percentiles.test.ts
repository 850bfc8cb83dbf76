import { describe, expect, it } from 'vitest';
import { percentile, summarizeLatencies } from '../../src/emulator/percentiles';

describe('percentile(sorted, fraction)', () => {
  it('is the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('is null for an empty sample, never NaN', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(summarizeLatencies([])).toEqual({ p50: null, p95: null, p99: null });
  });
});

describe('summarizeLatencies(values)', () => {
  it('sorts a copy', () => {
    const values = [30, 10, 20];
    expect(summarizeLatencies(values)).toEqual({ p50: 20, p95: 30, p99: 30 });
    expect(values).toEqual([30, 10, 20]);
  });
});
