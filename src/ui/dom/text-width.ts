/** Text widths as the browser will draw them (a canvas with the views' font), cached; the estimate without a canvas. */
import { estimateText, type MeasureText } from '../layout/card-layout';

/** The views' font stack (the SVG texts and this measure must agree). */
export const VIEW_FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

export const measureText: MeasureText = (text, fontPx, bold) => {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return estimateText(text, fontPx, bold);
  const font = `${bold ? '700 ' : ''}${fontPx}px ${VIEW_FONT}`;
  const key = `${font}|${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    context.font = font;
    width = context.measureText(text).width;
    if (cache.size > 5000) cache.clear();
    cache.set(key, width);
  }
  return width;
};
