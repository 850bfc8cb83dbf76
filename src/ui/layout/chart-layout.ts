/** Time-series charts as SVG path strings and ticks: d3 scales and line generators, no DOM. */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface SeriesSpec<P> {
  key: string;
  value: (point: P) => number | null;
}

export interface ChartLayout {
  paths: { key: string; d: string }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  marks: { x: number; atSec: number; label: string; kind: string }[];
  yMax: number;
}

export interface ChartOptions {
  width: number;
  height: number;
  /** Seconds of history shown, ending at the newest point. */
  windowSec: number;
  margin?: { left: number; right: number; top: number; bottom: number };
}

export function timeSeriesLayout<P extends { atSec: number }>(
  points: readonly P[],
  series: readonly SeriesSpec<P>[],
  marks: readonly { atSec: number; label: string; kind: string }[],
  options: ChartOptions,
): ChartLayout {
  const m = options.margin ?? { left: 36, right: 8, top: 8, bottom: 18 };
  const endSec = points.length > 0 ? points[points.length - 1].atSec : 0;
  const startSec = Math.max(0, endSec - options.windowSec);
  const visible = points.filter((p) => p.atSec >= startSec);
  let yMax = 0;
  for (const p of visible) for (const s of series) yMax = Math.max(yMax, s.value(p) ?? 0);
  yMax = yMax > 0 ? yMax * 1.15 : 1;
  const x = scaleLinear()
    .domain([startSec, Math.max(endSec, startSec + 1)])
    .range([m.left, options.width - m.right]);
  const y = scaleLinear()
    .domain([0, yMax])
    .range([options.height - m.bottom, m.top])
    .nice(4);
  const paths = series.map((s) => {
    const generator = line<P>()
      .defined((p) => s.value(p) !== null)
      .x((p) => x(p.atSec))
      .y((p) => y(s.value(p) as number));
    return { key: s.key, d: generator(visible as P[]) ?? '' };
  });
  return {
    paths,
    xTicks: x.ticks(5).map((t) => ({ x: x(t), label: `${t}s` })),
    yTicks: y.ticks(4).map((t) => ({ y: y(t), label: shortNumber(t) })),
    marks: marks.filter((k) => k.atSec >= startSec && k.atSec <= endSec).map((k) => ({ x: x(k.atSec), atSec: k.atSec, label: k.label, kind: k.kind })),
    yMax: y.domain()[1],
  };
}

function shortNumber(v: number): string {
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k`;
  if (Number.isInteger(v)) return String(v);
  return v >= 1 ? v.toFixed(1) : String(Number(v.toPrecision(2)));
}
