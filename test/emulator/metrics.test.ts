import { describe, expect, it } from 'vitest';
import { RunMetrics, throughputWindowMs } from '../../src/emulator/metrics';

describe('RunMetrics', () => {
  it('throughputWindowMs(bottleneck) is at least 2 s and 5 bottlenecks', () => {
    expect(throughputWindowMs(null)).toBe(2000);
    expect(throughputWindowMs(10)).toBe(2000);
    expect(throughputWindowMs(1000)).toBe(5000);
  });

  it('throughputPerSec(now, window, since) counts completions in the last window, or since the start when shorter', () => {
    const m = new RunMetrics();
    for (let t = 100; t <= 2000; t += 100) m.recordCompletion(t, 50);
    expect(m.throughputPerSec(2000, 1000, 0)).toBe(10);
    expect(m.throughputPerSec(5000, 1000, 0)).toBe(0);
    expect(m.throughputPerSec(1000, 5000, 500)).toBe(10);
  });

  it('steadyThroughputPerSec(end) spans the first to the last completion before end', () => {
    const m = new RunMetrics();
    for (let t = 1000; t <= 3000; t += 100) m.recordCompletion(t, 1);
    m.recordCompletion(9000, 1);
    expect(m.steadyThroughputPerSec(3000)).toBe(10);
  });

  it('windowLatency(now, window) and overallLatency() give percentiles', () => {
    const m = new RunMetrics();
    m.recordCompletion(0, 500);
    m.recordCompletion(2000, 10);
    expect(m.windowLatency(2500, 1000)).toEqual({ p50: 10, p95: 10, p99: 10 });
    expect(m.overallLatency().p99).toBe(500);
    expect(new RunMetrics().overallLatency()).toEqual({ p50: null, p95: null, p99: null });
  });

  it('busyPercent(node) is the busy share between samples, starting over when the node restarted', () => {
    const m = new RunMetrics();
    m.recordBusy('n1', 0, 0, 5000);
    m.recordBusy('n1', 1000, 250, 5000);
    expect(m.busyPercent('n1')).toBe(25);
    expect(m.busyPercent('n2')).toBe(0);
    m.recordBusy('n1', 2000, 10, 5000);
    expect(m.busyPercent('n1')).toBe(0);
  });
});
