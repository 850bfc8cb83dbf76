/**
 * Where the cluster view draws each node: the scenario's positions scaled into the view (or a ring around the
 * dispatcher when there are none), then pushed apart as rectangles so that no card, dot or the dispatcher covers
 * another. The card size follows how crowded the view would be: full cards, compact cards, or a map of dots for
 * big clusters. Pure and deterministic.
 */
import { gridFallback } from './grid-fallback';
import { clamp, overlaps, type Rect } from './rects';

export type CardSize = 'full' | 'compact' | 'map';

export interface Box {
  w: number;
  h: number;
}

export interface PlacedNode extends Box {
  id: string;
  /** Centre. */
  x: number;
  y: number;
  isDispatcher: boolean;
}

export interface ClusterLayout {
  size: CardSize;
  /** Side of a node's square in map mode (its dot is drawn inside it); the card width otherwise. */
  cell: number;
  nodes: PlacedNode[];
}

export const CARD = { full: { w: 160, h: 84 }, compact: { w: 112, h: 46 } } as const;
export const DISPATCHER_BOX = { full: { w: 96, h: 40 }, compact: { w: 96, h: 40 }, map: { w: 80, h: 24 } } as const;
/** Clearance between cards, so a hop's label can sometimes sit between them. */
const CARD_GAP = 10;
/** Above this share of the view covered by cards, the next smaller size is used. */
const FULL_SHARE = 0.36;
const COMPACT_SHARE = 0.4;

/** Full cards while they fit comfortably, then compact cards, then a map of dots (over about 60 nodes). */
export function cardSizeFor(nodeCount: number, width: number, height: number): CardSize {
  const area = Math.max(1, width * height);
  const covered = (box: Box) => (nodeCount * (box.w + CARD_GAP) * (box.h + CARD_GAP)) / area;
  if (nodeCount <= 12 && covered(CARD.full) <= FULL_SHARE) return 'full';
  if (nodeCount <= 60 && covered(CARD.compact) <= COMPACT_SHARE) return 'compact';
  return 'map';
}

/** A map node's square: as large as a third of the view allows, 10 to 28 px. */
export function mapCell(nodeCount: number, width: number, height: number): number {
  return Math.max(10, Math.min(28, Math.floor(Math.sqrt((0.3 * width * height) / (nodeCount + 4)))));
}

/** `ids` are the nodes then the dispatcher (last), like the scenario's positions; `size` forces a drawing size. */
export function clusterLayout(
  ids: readonly string[],
  positions: readonly [number, number][] | null,
  width: number,
  height: number,
  size = cardSizeFor(Math.max(0, ids.length - 1), width, height),
): ClusterLayout {
  const nodeCount = Math.max(0, ids.length - 1);
  const cell = size === 'map' ? mapCell(nodeCount, width, height) : CARD[size].w;
  if (ids.length === 0) return { size, cell, nodes: [] };
  const nodeBox: Box = size === 'map' ? { w: cell, h: cell } : CARD[size];
  const boxes = ids.map((_, i): Box => (i === ids.length - 1 ? DISPATCHER_BOX[size] : nodeBox));
  const gap = size === 'map' ? 0 : CARD_GAP;
  const marginX = Math.max(...boxes.map((b) => b.w)) / 2 + 4;
  const marginY = Math.max(...boxes.map((b) => b.h)) / 2 + 4;
  const innerW = Math.max(1, width - 2 * marginX);
  const innerH = Math.max(1, height - 2 * marginY);
  const raw = positions && positions.length === ids.length ? positions : ring(ids.length);
  const xs = raw.map((p) => p[0]);
  const ys = raw.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // positions are hints, not a map: stretch them to the view's shape so wide screens are used
  const scaleX = maxX > minX ? innerW / (maxX - minX) : 0;
  const scaleY = maxY > minY ? innerH / (maxY - minY) : 0;
  const nodes = raw.map(([x, y], i) => {
    const tx = scaleX > 0 ? marginX + (x - minX) * scaleX : width / 2;
    const ty = scaleY > 0 ? marginY + (y - minY) * scaleY : height / 2;
    return { id: ids[i], x: tx, y: ty, tx, ty, ...boxes[i], isDispatcher: i === ids.length - 1 };
  });
  const bounds = { x: 0, y: 0, w: width, h: height };
  // big maps jam easily and then take the grid at once; pushing is for the few cards a person arranged
  if (!separate(nodes, gap, bounds, ids.length > 300 ? 30 : 240)) gridFallback(nodes, gap, bounds);
  return { size, cell, nodes: nodes.map((n) => ({ id: n.id, x: n.x, y: n.y, w: n.w, h: n.h, isDispatcher: n.isDispatcher })) };
}

/** A node's rectangle. */
export function boxOf(node: PlacedNode): Rect {
  return { x: node.x - node.w / 2, y: node.y - node.h / 2, w: node.w, h: node.h };
}

type Body = Box & { x: number; y: number; tx: number; ty: number };

/**
 * Pushes overlapping rectangles apart along the axis where they overlap least, pulling each gently towards its
 * target meanwhile and keeping it inside the bounds. True when nothing overlaps any more.
 */
function separate(nodes: Body[], gap: number, bounds: Rect, rounds: number): boolean {
  const cell = Math.max(...nodes.map((n) => Math.max(n.w, n.h))) + gap;
  for (let round = 0; round < rounds; round++) {
    let overlapping = false;
    forEachNeighbourPair(nodes, cell, bounds, (a, b, i, j) => {
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const ox = (a.w + b.w) / 2 + gap - Math.abs(dx);
      const oy = (a.h + b.h) / 2 + gap - Math.abs(dy);
      if (ox <= 0 || oy <= 0) return;
      overlapping = true;
      // a hair more than the overlap, so that rounding never leaves two boxes touching by 1e-9 px
      const push = (o: number) => o / 2 + 1e-6;
      // nodes on the same spot part by index, so the result does not depend on floating-point noise
      if (ox / (a.w + b.w) <= oy / (a.h + b.h)) {
        const s = dx !== 0 ? Math.sign(dx) : i < j ? 1 : -1;
        a.x -= s * push(ox);
        b.x += s * push(ox);
      } else {
        const s = dy !== 0 ? Math.sign(dy) : i < j ? 1 : -1;
        a.y -= s * push(oy);
        b.y += s * push(oy);
      }
    });
    if (!overlapping) return true;
    // the pull fades out, so the last rounds only separate
    const pull = round < rounds / 2 ? 0.04 * (1 - (2 * round) / rounds) : 0;
    for (const n of nodes) {
      n.x = clamp(n.x + (n.tx - n.x) * pull, bounds.x + n.w / 2, bounds.x + bounds.w - n.w / 2);
      n.y = clamp(n.y + (n.ty - n.y) * pull, bounds.y + n.h / 2, bounds.y + bounds.h - n.h / 2);
    }
  }
  return !anyOverlap(nodes, gap, bounds);
}

/** Calls `visit` once for every pair of nodes in the same or adjacent grid cells (linked lists in typed arrays). */
function forEachNeighbourPair(nodes: Body[], cell: number, bounds: Rect, visit: (a: Body, b: Body, i: number, j: number) => void): void {
  const cols = Math.ceil(bounds.w / cell) + 2;
  const rows = Math.ceil(bounds.h / cell) + 2;
  const head = new Int32Array(cols * rows).fill(-1);
  const next = new Int32Array(nodes.length);
  const cx = new Int32Array(nodes.length);
  const cy = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    cx[i] = clamp(Math.floor((n.x - bounds.x) / cell) + 1, 0, cols - 1);
    cy[i] = clamp(Math.floor((n.y - bounds.y) / cell) + 1, 0, rows - 1);
    const k = cy[i] * cols + cx[i];
    next[i] = head[k];
    head[k] = i;
  });
  for (let i = 0; i < nodes.length; i++) {
    for (let gy = Math.max(0, cy[i] - 1); gy <= Math.min(rows - 1, cy[i] + 1); gy++) {
      for (let gx = Math.max(0, cx[i] - 1); gx <= Math.min(cols - 1, cx[i] + 1); gx++) {
        for (let j = head[gy * cols + gx]; j >= 0; j = next[j]) if (j > i) visit(nodes[i], nodes[j], i, j);
      }
    }
  }
}

function anyOverlap(nodes: Body[], gap: number, bounds: Rect): boolean {
  let found = false;
  const cell = Math.max(...nodes.map((n) => Math.max(n.w, n.h))) + gap;
  forEachNeighbourPair(nodes, cell, bounds, (a, b) => {
    if (!found && overlaps(rectOf(a), rectOf(b), gap)) found = true;
  });
  return found;
}

function rectOf(n: Body): Rect {
  return { x: n.x - n.w / 2, y: n.y - n.h / 2, w: n.w, h: n.h };
}

/** Nodes on a circle, the dispatcher in the middle. */
function ring(count: number): [number, number][] {
  const n = count - 1;
  return [...Array.from({ length: n }, (_, i): [number, number] => [Math.cos((2 * Math.PI * i) / n - Math.PI / 2), Math.sin((2 * Math.PI * i) / n - Math.PI / 2)]), [0, 0]];
}
