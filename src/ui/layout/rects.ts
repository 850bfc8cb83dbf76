/** Axis-aligned rectangles (x, y of the top-left corner): the one shape every collision check in the views uses. */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A rectangle of size w x h centred on (cx, cy). */
export function centeredRect(cx: number, cy: number, w: number, h: number): Rect {
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

/** `v` kept within lo..hi (their middle when the range is empty). */
export function clamp(v: number, lo: number, hi: number): number {
  return hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v));
}

/** True when a and b share area, with `gap` pixels of clearance required between them. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** True when `inner` lies wholly within `outer`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/**
 * A uniform grid over rectangles, so a check against many (a 1,000-node cluster) looks at neighbours only.
 * Cells are `cell` pixels square; a rectangle is filed in every cell it touches.
 */
export class RectGrid<T extends Rect> {
  private readonly cells = new Map<string, T[]>();

  constructor(private readonly cell: number) {
    if (!(cell > 0)) throw new RangeError(`'cell' must be > 0, got ${cell}`);
  }

  add(rect: T): void {
    for (const key of this.keys(rect, 0)) {
      const list = this.cells.get(key);
      if (list) list.push(rect);
      else this.cells.set(key, [rect]);
    }
  }

  /** Some rectangle of the grid that overlaps `rect` (with `gap` clearance), if any. */
  hit(rect: Rect, gap = 0, ignore?: (item: T) => boolean): T | undefined {
    for (const key of this.keys(rect, gap)) {
      for (const item of this.cells.get(key) ?? []) if (overlaps(item, rect, gap) && !ignore?.(item)) return item;
    }
    return undefined;
  }

  private *keys(rect: Rect, gap: number): Generator<string> {
    const x0 = Math.floor((rect.x - gap) / this.cell);
    const x1 = Math.floor((rect.x + rect.w + gap) / this.cell);
    const y0 = Math.floor((rect.y - gap) / this.cell);
    const y1 = Math.floor((rect.y + rect.h + gap) / this.cell);
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) yield `${i},${j}`;
  }
}
