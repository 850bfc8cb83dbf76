/** Saving files from the page: text as a download, and an SVG view as a standalone SVG or a PNG. */
import { frameHeader, FRAME_TEXT_PX, FRAME_TITLE_PX, SWATCH_PX, type LegendItem } from '../layout/chart-frame';
import { measureText, VIEW_FONT } from './text-width';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What an exported view says about itself: its title, its legend, and a line under it (axes, units). */
export interface ExportFrame {
  title: string;
  legend: LegendItem[];
  note?: string;
}

/** Styles the views set through CSS classes on shapes (texts get theirs inlined one by one). */
const EXPORT_STYLE = `
.hit, .target { stroke: transparent; fill: transparent; } .link { opacity: 0.45; } .link.cut, .link.degraded { opacity: 1; }
.grid { stroke: #e3e7ec; } .hop { stroke-dasharray: none; opacity: 0.85; }`;

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/**
 * The SVG as a standalone document, with a white background and the page's text styles inlined; with a frame,
 * a title and legend above the view and a note under it (a chart draws its own).
 */
export function svgMarkup(svg: SVGSVGElement, frame?: ExportFrame): string {
  return new XMLSerializer().serializeToString(standalone(svg, frame));
}

function standalone(svg: SVGSVGElement, frame?: ExportFrame): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // texts take their look from the page's stylesheets: carry it over, since the file has none of them
  const originals = svg.querySelectorAll('text');
  copy.querySelectorAll('text').forEach((text, i) => {
    const computed = getComputedStyle(originals[i]);
    text.setAttribute('style', `font-family: ${VIEW_FONT}; font-size: ${computed.fontSize}; font-weight: ${computed.fontWeight}; fill: ${computed.fill}`);
  });
  const width = svg.width.baseVal.value || svg.clientWidth;
  const height = svg.height.baseVal.value || svg.clientHeight;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = EXPORT_STYLE;
  root.appendChild(style);
  const background = element('rect', { width: '100%', height: '100%', fill: '#fff' });
  root.appendChild(background);
  const header = frame ? frameHeader(frame.title, frame.legend, width, measureText) : null;
  const top = header ? header.height + 6 : 0;
  const bottom = frame?.note ? 18 : 0;
  if (header && frame) {
    root.appendChild(text(header.title.text, header.title.x, header.title.y, FRAME_TITLE_PX, 700));
    for (const item of header.legend) {
      root.appendChild(
        item.box
          ? element('rect', { x: String(item.x), y: String(item.y - 10), width: String(SWATCH_PX), height: '10', fill: item.color })
          : element('line', {
              x1: String(item.x),
              x2: String(item.x + SWATCH_PX),
              y1: String(item.y - 4),
              y2: String(item.y - 4),
              stroke: item.color,
              'stroke-width': '3',
              ...(item.dashed ? { 'stroke-dasharray': '5 3' } : {}),
            }),
      );
      root.appendChild(text(item.label, item.x + SWATCH_PX + 4, item.y, FRAME_TEXT_PX, 400));
    }
    if (frame.note) root.appendChild(text(frame.note, 0, top + height + 13, FRAME_TEXT_PX, 400, '#5d6673'));
  }
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(top));
  root.appendChild(copy);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(top + height + bottom));
  root.setAttribute('viewBox', `0 0 ${width} ${top + height + bottom}`);
  return root;
}

function element(name: string, attributes: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

function text(content: string, x: number, y: number, fontPx: number, weight: number, fill = '#1d2430'): SVGElement {
  const node = element('text', { x: String(x), y: String(y), style: `font-family: ${VIEW_FONT}; font-size: ${fontPx}px; font-weight: ${weight}; fill: ${fill}` });
  node.textContent = content;
  return node;
}

/** Rasterises an SVG (framed like svgMarkup) at twice its size (crisp on a projector). */
export async function svgToPng(svg: SVGSVGElement, frame?: ExportFrame): Promise<Blob> {
  const framed = standalone(svg, frame);
  const width = Number(framed.getAttribute('width'));
  const height = Number(framed.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(framed)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser gives no 2D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
