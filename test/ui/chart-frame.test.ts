import { describe, expect, it } from 'vitest';
import { estimateText } from '../../src/ui/layout/card-layout';
import { frameHeader } from '../../src/ui/layout/chart-frame';

const legend = [
  { label: 'measured (last 2 s)', color: '#1565c0' },
  { label: 'predicted', color: '#2e7d32', dashed: true },
];

describe('frameHeader(title, legend, width, measure)', () => {
  it('puts the legend after the title on one row when it fits', () => {
    const header = frameHeader('Throughput (requests/s)', legend, 800, estimateText);
    expect(header.height).toBe(18);
    expect(header.legend.map((l) => l.y)).toEqual([13, 13]);
    expect(header.legend[0].x).toBeGreaterThan(estimateText('Throughput (requests/s)', 13, true));
    expect(header.legend[1].x).toBeGreaterThan(header.legend[0].x + estimateText('measured (last 2 s)', 11, false));
  });

  it('wraps the legend to new rows in a narrow figure, never past its width', () => {
    const header = frameHeader('Throughput (requests/s)', legend, 260, estimateText);
    expect(header.height).toBe(35);
    expect(header.legend.map((l) => [l.x, l.y])).toEqual([
      [0, 30],
      [0 + 14 + 4 + estimateText('measured (last 2 s)', 11, false) + 10, 30],
    ]);
  });
});
