import { describe, expect, it } from 'vitest';
import { WindowedMetrics } from '../../src/emulator/metrics';

describe('WindowedMetrics', () => {
  it('throughputPerSec(now) counts completions in the last window', () => {
    const m = new WindowedMetrics(1000);
    for (let t = 100; t <= 2000; t += 100) m.recordCompletion(t, 50);
    expect(m.throughputPerSec(2000)).toBe(10);
    expect(m.throughputPerSec(5000)).toBe(0);
  });

  it('throughputPerSec(now, since) uses the shorter span at the start of a run', () => {
    const m = new WindowedMetrics(5000);
    m.recordCompletion(500, 1);
    m.recordCompletion(900, 1);
    expect(m.throughputPerSec(1000, 0)).toBe(2);
  });

  it('windowLatency(now) and overallLatency() give percentiles', () => {
    const m = new WindowedMetrics(1000);
    m.recordCompletion(0, 500);
    m.recordCompletion(2000, 10);
    expect(m.windowLatency(2500)).toEqual({ p50: 10, p95: 10, p99: 10 });
    expect(m.overallLatency().p99).toBe(500);
  });

  it('busyPercent(node) is the busy share between samples', () => {
    const m = new WindowedMetrics(5000);
    m.recordBusy('n1', 0, 0);
    m.recordBusy('n1', 1000, 250);
    expect(m.busyPercent('n1')).toBe(25);
    expect(m.busyPercent('n2')).toBe(0);
  });
});
