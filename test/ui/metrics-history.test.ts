import { describe, expect, it } from 'vitest';
import { MetricsHistory } from '../../src/ui/lab/metrics-history';

const point = (atSec: number) => ({ atSec, throughputPerSec: atSec, predictedPerSec: null, latencyMs: { p50: null, p95: null, p99: null }, completed: atSec });

describe('MetricsHistory', () => {
  it('keeps the newest points up to its capacity, and the marks inside them', () => {
    const history = new MetricsHistory(3);
    history.mark({ atSec: 0.5, kind: 'fault', label: 'kill n1' });
    history.mark({ atSec: 3.5, kind: 'plan', label: 'plan 2' });
    for (let t = 0; t < 5; t++) history.push(point(t));
    const { points, marks } = history.snapshot();
    expect(points.map((p) => p.atSec)).toEqual([2, 3, 4]);
    expect(marks.map((m) => m.label)).toEqual(['plan 2']);
  });

  it('hands out copies, and refuses a capacity below 2', () => {
    const history = new MetricsHistory();
    history.push(point(1));
    const first = history.snapshot();
    history.push(point(2));
    expect(first.points).toHaveLength(1);
    expect(() => new MetricsHistory(1)).toThrow(RangeError);
  });
});
