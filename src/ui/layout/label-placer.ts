/**
 * Collision-aware placement of text labels: each label offers candidate centres (best first); the placer takes
 * labels in priority order and gives each the first candidate that stays inside the bounds and clear of every
 * obstacle (node cards, the dispatcher) and every label placed before it. A label with no free candidate is
 * left out (its text stays available as a tooltip): nothing is ever drawn over something else.
 */
import { centeredRect, contains, RectGrid, type Rect } from './rects';

export interface LabelRequest {
  w: number;
  h: number;
  /** Centres to try, best first. */
  candidates: readonly (readonly [number, number])[];
  /** Higher is placed first (the bottleneck before ordinary hops). */
  priority: number;
}

/** Clearance kept between a label and anything else, in pixels. */
export const LABEL_GAP = 2;

export interface PlacedLabel extends Rect {
  /** Which candidate it took. */
  candidate: number;
}

/** Where each request went (same order), or null when no candidate was free. */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Rect[], bounds: Rect, gap = LABEL_GAP): (PlacedLabel | null)[] {
  const cell = Math.max(32, ...requests.map((r) => Math.max(r.w, r.h)));
  const blocked = new RectGrid<Rect>(cell);
  for (const o of obstacles) blocked.add(o);
  const placed: (PlacedLabel | null)[] = requests.map(() => null);
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].priority - requests[a].priority || a - b);
  for (const i of order) {
    const request = requests[i];
    for (const [candidate, [cx, cy]] of request.candidates.entries()) {
      const rect = centeredRect(cx, cy, request.w, request.h);
      if (!contains(bounds, rect) || blocked.hit(rect, gap)) continue;
      placed[i] = { ...rect, candidate };
      blocked.add(rect);
      break;
    }
  }
  return placed;
}

/**
 * Candidate centres for a w x h label around a box: right, left, below, above, then the corners, `gap` pixels
 * clear of it; then the same again `rings - 1` more times, each a label height further out.
 */
export function around(box: Rect, w: number, h: number, gap = 4, rings = 1): [number, number][] {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const candidates: [number, number][] = [];
  for (let ring = 0; ring < rings; ring++) {
    const g = gap + ring * (h + 4);
    const right = box.x + box.w + g + w / 2;
    const left = box.x - g - w / 2;
    const below = box.y + box.h + g + h / 2;
    const above = box.y - g - h / 2;
    candidates.push([right, cy], [left, cy], [cx, below], [cx, above], [right, below], [right, above], [left, below], [left, above]);
  }
  return candidates;
}
