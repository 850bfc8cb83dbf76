/**
 * Line charts as a standalone SVG file, for benches that draw curves (the scale bench: cost against node count).
 * A chart is a grid of panels; each panel has its title, both axes with ticks and labels (units in the label),
 * and a legend naming its lines. Scales and ticks come from d3-scale, as on the page; the rest is plain text,
 * so a bench writes its chart without a DOM.
 */
import { scaleLinear, scaleLog } from 'd3-scale';

export interface ChartSeries {
  label: string;
  points: { x: number; y: number }[];
}

export interface ChartPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Logarithmic axes (only positive values are drawn on them). */
  xLog?: boolean;
  yLog?: boolean;
  series: ChartSeries[];
}

const PANEL_W = 420;
const PANEL_H = 300;
const MARGIN = { top: 34, right: 16, bottom: 46, left: 64 };
const HEADER_H = 44;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
const num = (x: number) => Number(x.toFixed(1));

/** A tick's text: short, without float noise. */
function tickText(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

/** On a log axis, the ticks 1, 2 and 5 times a power of ten (all of them when fewer than two are left). */
function logTicks(ticks: number[]): number[] {
  const round = ticks.filter((t) => [1, 2, 5].includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9))));
  return round.length >= 2 ? round : ticks;
}

function extent(values: number[], log: boolean): [number, number] {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (usable.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...usable);
  let hi = Math.max(...usable);
  if (!log) lo = Math.min(0, lo);
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return [lo, hi];
}

function panelSvg(panel: ChartPanel, left: number, top: number): string {
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const points = panel.series.flatMap((s) => s.points);
  const [x0, x1] = extent(
    points.map((p) => p.x),
    Boolean(panel.xLog),
  );
  const [y0, y1] = extent(
    points.map((p) => p.y),
    Boolean(panel.yLog),
  );
  const x = panel.xLog ? scaleLog().domain([x0, x1]).range([0, w]) : scaleLinear().domain([x0, x1]).range([0, w]).nice();
  const y = panel.yLog ? scaleLog().domain([y0, y1]).range([h, 0]).nice() : scaleLinear().domain([y0, y1]).range([h, 0]).nice();
  const drawable = (p: { x: number; y: number }) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!panel.xLog || p.x > 0) && (!panel.yLog || p.y > 0);
  const xTicks = panel.xLog ? points.map((p) => p.x).filter((v, i, all) => v > 0 && all.indexOf(v) === i) : x.ticks(6);
  const yTicks = panel.yLog ? logTicks(y.ticks()) : y.ticks(5);
  const parts: string[] = [`<g transform="translate(${left + MARGIN.left},${top + MARGIN.top})">`];
  parts.push(`<text x="${num(w / 2)}" y="-14" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`);
  parts.push(`<rect x="0" y="0" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`);
  for (const t of yTicks) {
    const ty = num(y(t));
    parts.push(`<line x1="0" x2="${w}" y1="${ty}" y2="${ty}" stroke="#eee"/>`, `<text x="-6" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="11">${tickText(t)}</text>`);
  }
  for (const t of xTicks) {
    const tx = num(x(t));
    parts.push(`<line x1="${tx}" x2="${tx}" y1="${h}" y2="${h + 4}" stroke="#333"/>`, `<text x="${tx}" y="${h + 16}" text-anchor="middle" font-size="11">${tickText(t)}</text>`);
  }
  parts.push(`<line x1="0" x2="${w}" y1="${h}" y2="${h}" stroke="#333"/>`, `<line x1="0" x2="0" y1="0" y2="${h}" stroke="#333"/>`);
  parts.push(`<text x="${num(w / 2)}" y="${h + 36}" text-anchor="middle" font-size="12">${escapeXml(panel.xLabel)}</text>`);
  parts.push(`<text transform="translate(${-MARGIN.left + 14},${num(h / 2)}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(panel.yLabel)}</text>`);
  panel.series.forEach((series, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const shown = series.points.filter(drawable);
    if (shown.length > 1) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${shown.map((p) => `${num(x(p.x))},${num(y(p.y))}`).join(' ')}"/>`);
    for (const p of shown)
      parts.push(`<circle cx="${num(x(p.x))}" cy="${num(y(p.y))}" r="3" fill="${colour}"><title>${escapeXml(`${series.label}: ${tickText(p.x)}, ${tickText(p.y)}`)}</title></circle>`);
  });
  // the legend, top left inside the plot, over the lines
  const legendWidth = 28 + 6.5 * Math.max(0, ...panel.series.map((series) => series.label.length));
  parts.push(`<rect x="4" y="3" width="${num(legendWidth)}" height="${panel.series.length * 16 + 2}" fill="white" fill-opacity="0.85"/>`);
  panel.series.forEach((series, k) => {
    const ly = 12 + k * 16;
    parts.push(
      `<line x1="8" x2="26" y1="${ly}" y2="${ly}" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="2"/>`,
      `<text x="30" y="${ly}" dominant-baseline="middle" font-size="11">${escapeXml(series.label)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}

/** The whole chart: a title over a grid of panels, `columns` wide. */
export function svgChart(title: string, panels: ChartPanel[], columns = 3): string {
  const cols = Math.max(1, Math.min(columns, panels.length));
  const rows = Math.ceil(panels.length / cols);
  const width = cols * PANEL_W;
  const height = HEADER_H + rows * PANEL_H;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="28" text-anchor="middle" font-size="18" font-weight="bold">${escapeXml(title)}</text>`,
    ...panels.map((p, i) => panelSvg(p, (i % cols) * PANEL_W, HEADER_H + Math.floor(i / cols) * PANEL_H)),
    '</svg>',
    '',
  ].join('\n');
}
