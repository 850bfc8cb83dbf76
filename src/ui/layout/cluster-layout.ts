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

export const CARD = { full: { w: 152, h: 80 }, compact: { w: 108, h: 44 }, dot: { w: 18, h: 18 } } as const;

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
  // positions are hints, not a map: stretch them to the view's shape so wide screens are used
  const scaleX = maxX > minX ? innerW / (maxX - minX) : 0;
  const scaleY = maxY > minY ? innerH / (maxY - minY) : 0;
  const nodes: (SimulationNodeDatum & { id: string; tx: number; ty: number })[] = raw.map(([x, y], i) => {
    const tx = scaleX > 0 ? marginX + (x - minX) * scaleX : width / 2;
    const ty = scaleY > 0 ? marginY + (y - minY) * scaleY : height / 2;
    return { id: ids[i], x: tx, y: ty, tx, ty };
  });
  const radius = size.w / 2 + 6;
  const simulation = forceSimulation(nodes)
    .force('x', forceX<(typeof nodes)[0]>((d) => d.tx).strength(0.2))
    .force('y', forceY<(typeof nodes)[0]>((d) => d.ty).strength(0.2))
    .force('collide', forceCollide(radius).iterations(3))
    .stop();
  // keep cards inside at every step, so crowded ones slide along the edge instead of piling up in a corner
  for (let tick = ids.length > 60 ? 40 : 120; tick > 0; tick--) {
    simulation.tick();
    for (const n of nodes) {
      n.x = clamp(n.x ?? n.tx, marginX, width - marginX);
      n.y = clamp(n.y ?? n.ty, marginY, height - marginY);
    }
  }
  return nodes.map((n, i) => ({ id: n.id, x: n.x as number, y: n.y as number, isDispatcher: i === ids.length - 1 }));
}

/** Nodes on a circle, the dispatcher in the middle. */
function ring(count: number): [number, number][] {
  const n = count - 1;
  return [...Array.from({ length: n }, (_, i): [number, number] => [Math.cos((2 * Math.PI * i) / n - Math.PI / 2), Math.sin((2 * Math.PI * i) / n - Math.PI / 2)]), [0, 0]];
}

const clamp = (v: number, lo: number, hi: number) => (hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));
