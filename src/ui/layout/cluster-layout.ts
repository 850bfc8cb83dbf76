/**
 * Where the cluster view draws each node: the scenario's positions scaled into the view (or a ring around the
 * dispatcher when there are none), then pushed apart so cards do not overlap. Pure and deterministic.
 */
import { forceCollide, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  isDispatcher: boolean;
}

export type CardSize = 'full' | 'compact' | 'dot';

/** Cards shrink as clusters grow, so 5 nodes are readable on a projector and 200 still fit. */
export function cardSizeFor(nodeCount: number): CardSize {
  return nodeCount <= 10 ? 'full' : nodeCount <= 32 ? 'compact' : 'dot';
}

export const CARD = { full: { w: 152, h: 80 }, compact: { w: 96, h: 44 }, dot: { w: 18, h: 18 } } as const;

/** `ids` are the nodes then the dispatcher (last), like the scenario's positions. */
export function clusterLayout(ids: readonly string[], positions: readonly [number, number][] | null, width: number, height: number): PlacedNode[] {
  if (ids.length === 0) return [];
  const size = CARD[cardSizeFor(ids.length - 1)];
  const marginX = size.w / 2 + 8;
  const marginY = size.h / 2 + 8;
  const innerW = Math.max(1, width - 2 * marginX);
  const innerH = Math.max(1, height - 2 * marginY);
  const raw = positions && positions.length === ids.length ? positions : ring(ids.length);
  const xs = raw.map((p) => p[0]);
  const ys = raw.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(innerW / Math.max(maxX - minX, 1e-9), innerH / Math.max(maxY - minY, 1e-9));
  const offsetX = marginX + (innerW - (maxX - minX) * scale) / 2;
  const offsetY = marginY + (innerH - (maxY - minY) * scale) / 2;
  const nodes: (SimulationNodeDatum & { id: string; tx: number; ty: number })[] = raw.map(([x, y], i) => {
    const tx = offsetX + (x - minX) * scale;
    const ty = offsetY + (y - minY) * scale;
    return { id: ids[i], x: tx, y: ty, tx, ty };
  });
  const radius = Math.hypot(size.w, size.h) / 2 + 4;
  const simulation = forceSimulation(nodes)
    .force('x', forceX<(typeof nodes)[0]>((d) => d.tx).strength(0.2))
    .force('y', forceY<(typeof nodes)[0]>((d) => d.ty).strength(0.2))
    .force('collide', forceCollide(radius * 0.8).iterations(2))
    .stop();
  simulation.tick(ids.length > 60 ? 40 : 120);
  return nodes.map((n, i) => ({
    id: n.id,
    x: clamp(n.x ?? n.tx, marginX, width - marginX),
    y: clamp(n.y ?? n.ty, marginY, height - marginY),
    isDispatcher: i === ids.length - 1,
  }));
}

/** Nodes on a circle, the dispatcher in the middle. */
function ring(count: number): [number, number][] {
  const n = count - 1;
  return [...Array.from({ length: n }, (_, i): [number, number] => [Math.cos((2 * Math.PI * i) / n - Math.PI / 2), Math.sin((2 * Math.PI * i) / n - Math.PI / 2)]), [0, 0]];
}

const clamp = (v: number, lo: number, hi: number) => (hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));
