/**
 * Tensors in flight on the pipeline's hops, as dots along curved hops: a hop is a quadratic curve bowed to one
 * side (so a hop and its way back do not overlap); `k` transfers in flight are k dots travelling it.
 */
export interface Hop {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Transfers on the hop now. */
  inFlight: number;
  /** Wall time one transfer takes to cross, as drawn. */
  periodMs: number;
}

export const BOW = 0.12;

/** The control point of a hop's curve. */
export function hopControl(x1: number, y1: number, x2: number, y2: number): [number, number] {
  const dx = x2 - x1;
  const dy = y2 - y1;
  return [(x1 + x2) / 2 - dy * BOW, (y1 + y2) / 2 + dx * BOW];
}

export function hopPath(x1: number, y1: number, x2: number, y2: number): string {
  const [cx, cy] = hopControl(x1, y1, x2, y2);
  return `M${x1.toFixed(1)},${y1.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

export function pointOnHop(hop: Pick<Hop, 'x1' | 'y1' | 'x2' | 'y2'>, t: number): [number, number] {
  const [cx, cy] = hopControl(hop.x1, hop.y1, hop.x2, hop.y2);
  const u = 1 - t;
  return [u * u * hop.x1 + 2 * u * t * cx + t * t * hop.x2, u * u * hop.y1 + 2 * u * t * cy + t * t * hop.y2];
}

/** Dot positions at wall time `nowMs`: at most `maxPerHop` per hop, evenly staggered. */
export function flightDots(hops: readonly Hop[], nowMs: number, maxPerHop = 6): [number, number][] {
  const dots: [number, number][] = [];
  for (const hop of hops) {
    const count = Math.min(maxPerHop, Math.max(0, Math.round(hop.inFlight)));
    if (count === 0 || !(hop.periodMs > 0)) continue;
    const phase = (nowMs % hop.periodMs) / hop.periodMs;
    for (let k = 0; k < count; k++) dots.push(pointOnHop(hop, (phase + k / count) % 1));
  }
  return dots;
}
