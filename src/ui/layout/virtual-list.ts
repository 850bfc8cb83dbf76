/** Which rows of a long fixed-height list are on screen: the list renders those and spacers for the rest. */

export interface ListWindow {
  first: number;
  /** Exclusive. */
  end: number;
  offsetTop: number;
  totalHeight: number;
}

export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): ListWindow {
  if (!(rowHeight > 0)) throw new RangeError(`'rowHeight' must be > 0, got ${rowHeight}`);
  const totalHeight = count * rowHeight;
  const first = Math.max(0, Math.min(count, Math.floor(Math.max(0, scrollTop) / rowHeight) - overscan));
  const end = Math.max(first, Math.min(count, Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight) + overscan));
  return { first, end, offsetTop: first * rowHeight, totalHeight };
}
