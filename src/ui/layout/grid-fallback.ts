/**
 * The cluster layout's way out of a view too crowded to untangle by pushing: every node takes the free grid cell
 * nearest its target, the dispatcher first over as many cells as it needs; nothing can overlap while the grid has
 * room.
 */
import { clamp, type Rect } from './rects';

interface Body {
  x: number;
  y: number;
  tx: number;
  ty: number;
  w: number;
  h: number;
}

/** Moves every node (the dispatcher last in `nodes`) to a cell; leaves them be when the grid is too small. */
export function gridFallback(nodes: Body[], gap: number, bounds: Rect): void {
  const plain = nodes.slice(0, -1);
  const cw = Math.max(...plain.map((n) => n.w)) + gap;
  const ch = Math.max(...plain.map((n) => n.h)) + gap;
  const cols = Math.floor(bounds.w / cw);
  const rows = Math.floor(bounds.h / ch);
  if (cols * rows < nodes.length) return;
  const used = new Uint8Array(cols * rows);
  const hub = nodes[nodes.length - 1];
  const spanX = Math.min(cols, Math.ceil((hub.w + gap) / cw));
  const spanY = Math.min(rows, Math.ceil((hub.h + gap) / ch));
  const c0 = clamp(Math.round(hub.tx / cw - spanX / 2), 0, cols - spanX);
  const r0 = clamp(Math.round(hub.ty / ch - spanY / 2), 0, rows - spanY);
  for (let c = c0; c < c0 + spanX; c++) for (let r = r0; r < r0 + spanY; r++) used[r * cols + c] = 1;
  hub.x = bounds.x + (c0 + spanX / 2) * cw;
  hub.y = bounds.y + (r0 + spanY / 2) * ch;
  const order = plain.map((_, i) => i).sort((a, b) => plain[a].ty - plain[b].ty || plain[a].tx - plain[b].tx || a - b);
  for (const i of order) {
    const n = plain[i];
    const k = nearestFree(used, cols, rows, clamp(Math.floor((n.tx - bounds.x) / cw), 0, cols - 1), clamp(Math.floor((n.ty - bounds.y) / ch), 0, rows - 1));
    used[k] = 1;
    n.x = bounds.x + ((k % cols) + 0.5) * cw;
    n.y = bounds.y + (Math.floor(k / cols) + 0.5) * ch;
  }
}

/** The free cell nearest (c, r), searched in growing square rings (the grid has a free cell). */
function nearestFree(used: Uint8Array, cols: number, rows: number, c: number, r: number): number {
  for (let d = 0; d < cols + rows; d++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let y = r - d; y <= r + d; y++) {
      if (y < 0 || y >= rows) continue;
      const step = y === r - d || y === r + d ? 1 : 2 * d;
      for (let x = c - d; x <= c + d; x += Math.max(1, step)) {
        if (x < 0 || x >= cols || used[y * cols + x]) continue;
        const distance = (x - c) ** 2 + (y - r) ** 2;
        if (distance < bestDistance) [best, bestDistance] = [y * cols + x, distance];
      }
    }
    if (best >= 0) return best;
  }
  throw new Error('nearestFree: the grid is full');
}
