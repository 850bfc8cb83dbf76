import { describe, expect, it } from 'vitest';
import { timeSeriesLayout } from '../../src/ui/layout/chart-layout';

const points = Array.from({ length: 11 }, (_, i) => ({ atSec: i, value: i % 2 === 0 ? i : null }));

describe('timeSeriesLayout(points, series, marks, options)', () => {
  it('draws each series as one path, gaps where the value is null', () => {
    const chart = timeSeriesLayout(points, [{ key: 'v', value: (p) => p.value }], [], { width: 200, height: 100, windowSec: 60 });
    expect(chart.paths).toHaveLength(1);
    expect(chart.paths[0].d.match(/M/g)?.length).toBe(6);
    expect(chart.yMax).toBeGreaterThanOrEqual(10);
    expect(chart.xTicks.length).toBeGreaterThan(1);
  });

  it('shows only the last windowSec seconds, and the marks inside them', () => {
    const marks = [
      { atSec: 2, label: 'old', kind: 'fault' },
      { atSec: 9, label: 'kill n2', kind: 'fault' },
    ];
    const chart = timeSeriesLayout(points, [{ key: 'v', value: (p) => p.atSec }], marks, { width: 200, height: 100, windowSec: 5 });
    expect(chart.marks.map((m) => m.label)).toEqual(['kill n2']);
    expect(chart.xTicks[0].label).toBe('5s');
  });

  it('has a unit y range when there is nothing yet', () => {
    const chart = timeSeriesLayout([], [{ key: 'v', value: () => 0 }], [], { width: 200, height: 100, windowSec: 5 });
    expect(chart.yMax).toBe(1);
    expect(chart.paths[0].d).toBe('');
  });
});

describe('timeSeriesLayout(...) y ticks', () => {
  it('labels small values distinctly', () => {
    const chart = timeSeriesLayout([{ atSec: 0 }, { atSec: 1 }], [{ key: 'v', value: (p) => p.atSec * 0.05 }], [], { width: 200, height: 100, windowSec: 5 });
    const labels = chart.yTicks.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('0.02');
  });
});
