/**
 * A figure's header: its title on the left and its legend after it, wrapping to further rows when the width runs
 * out. Charts draw it inside their SVG and exports put it over the cluster and model views, so a saved figure
 * says what it shows.
 */
import type { MeasureText } from './card-layout';

export interface LegendItem {
  label: string;
  color: string;
  /** A dashed line swatch (predicted series). */
  dashed?: boolean;
  /** A filled box swatch (a stage colour) instead of a line. */
  box?: boolean;
}

export interface PlacedLegendItem extends LegendItem {
  /** Left of the swatch and the baseline of the text. */
  x: number;
  y: number;
}

export interface FrameHeader {
  title: { text: string; x: number; y: number };
  legend: PlacedLegendItem[];
  /** Pixels the header takes from the top. */
  height: number;
}

export const FRAME_TITLE_PX = 13;
export const FRAME_TEXT_PX = 11;
const ROW = 17;
const SWATCH = 14;
const GAP = 10;

export function frameHeader(title: string, legend: readonly LegendItem[], width: number, measure: MeasureText): FrameHeader {
  let x = measure(title, FRAME_TITLE_PX, true) + 2 * GAP;
  let row = 0;
  const placed = legend.map((item) => {
    const w = SWATCH + 4 + measure(item.label, FRAME_TEXT_PX, false);
    if (x + w > width && x > 0) {
      row++;
      x = 0;
    }
    const at = { ...item, x, y: 13 + row * ROW };
    x += w + GAP;
    return at;
  });
  return { title: { text: title, x: 0, y: 13 }, legend: placed, height: 18 + row * ROW };
}

/** The width a legend item's swatch takes before its text. */
export const SWATCH_PX = SWATCH;
