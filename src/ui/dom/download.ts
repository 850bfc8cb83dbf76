/** Saving files from the page: text as a download, and an SVG view as a standalone SVG or a PNG. */

/** Styles the views set through CSS classes, inlined so an exported SVG looks the same outside the page. */
const EXPORT_STYLE = `
text { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: 11px; fill: #1d2430; }
.id { font-weight: 700; font-size: 13px; } .device, .small, .tick, .cut-label { fill: #5d6673; font-size: 10px; }
.badge { fill: #fff; font-weight: 700; font-size: 10px; } .dispatcher text { fill: #fff; font-weight: 600; font-size: 12px; }
.hit { stroke: transparent; fill: transparent; } .link { opacity: 0.45; } .link.cut, .link.degraded { opacity: 1; }
.grid { stroke: #e3e7ec; } .hop { stroke-dasharray: none; }`;

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

/** The SVG as a standalone document, with a white background and the page's styles inlined. */
export function svgMarkup(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = EXPORT_STYLE;
  copy.insertBefore(style, copy.firstChild);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#fff');
  copy.insertBefore(background, style.nextSibling);
  return new XMLSerializer().serializeToString(copy);
}

/** Rasterises an SVG at twice its size (crisp on a projector). */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const width = svg.width.baseVal.value || svg.clientWidth;
  const height = svg.height.baseVal.value || svg.clientHeight;
  const url = URL.createObjectURL(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
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
