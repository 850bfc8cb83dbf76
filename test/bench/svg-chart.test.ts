/** The benches' SVG chart: every panel has its title, axis labels, ticks and a legend; text is escaped; log axes skip what they cannot draw. */
import { describe, expect, it } from 'vitest';
import { svgChart } from '../../bench/svg-chart';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('svgChart', () => {
  const svg = svgChart('Cost <of> scale', [
    {
      title: 'Plan time',
      xLabel: 'nodes',
      yLabel: 'ms',
      xLog: true,
      yLog: true,
      series: [
        { label: 'resnet50', points: [10, 100, 1000].map((x) => ({ x, y: x / 10 })) },
        {
          label: 'a & b',
          points: [
            { x: 10, y: 0 },
            { x: 100, y: 3 },
          ],
        },
      ],
    },
    {
      title: 'Throughput',
      xLabel: 'nodes',
      yLabel: 'per second',
      series: [
        {
          label: 'real',
          points: [
            { x: 8, y: 10.2 },
            { x: 64, y: 9.8 },
          ],
        },
      ],
    },
  ]);

  it('is one svg element with the title, each panel titled and labelled, and a legend entry per line', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Cost &lt;of&gt; scale');
    for (const text of ['Plan time', 'Throughput', '>nodes<', '>ms<', '>per second<', '>resnet50<', '>a &amp; b<', '>real<']) expect(svg).toContain(text);
    expect(count(svg, /<g /g)).toBe(2);
    // 'a & b' keeps one drawable point: a dot, no line
    expect(count(svg, /<polyline /g)).toBe(2);
  });

  it('draws no point a log axis cannot hold (y = 0), and no NaN anywhere', () => {
    // 3 + 1 (the zero is dropped) + 2 points
    expect(count(svg, /<circle /g)).toBe(6);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('has tick labels on both axes of each panel', () => {
    expect(svg).toContain('>1000<');
    expect(count(svg, /text-anchor="end" dominant-baseline="middle"/g)).toBeGreaterThanOrEqual(4);
  });
});
