/**
 * The cluster view's free-standing labels (a hop's bytes and time, the bottleneck, a map node's name), placed by
 * the label placer clear of every node's drawn shape and of each other. Card texts live inside their cards
 * (card-layout.ts); these are the labels that could otherwise land on something.
 */
import { formatBytes, formatMs } from '../../util/format';
import type { MeasureText } from './card-layout';
import type { DrawnHop } from './cluster-drawing';
import { boxOf, type ClusterLayout } from './cluster-layout';
import { pointOnHop } from './flight-layout';
import { around, placeLabels, type LabelRequest } from './label-placer';
import { centeredRect, type Rect } from './rects';

export const LABEL_TEXT_PX = 11;
const LABEL_PAD_X = 5;
const LABEL_H = 17;

/** How a node is drawn: its role decides its size on a map. */
export type NodeRole = 'stage' | 'down' | 'idle';

export interface ViewLabel {
  kind: 'hop' | 'title' | 'note';
  text: string;
  rect: Rect;
  /** The bottleneck: drawn in red. */
  emphasis: boolean;
  /** Index of the hop it belongs to (hop labels). */
  hop?: number;
  /** The point on the hop it describes, when the label had to move away from it (a leader line joins them). */
  anchor?: [number, number];
}

/** The rectangle each node is drawn in: its card, the dispatcher's pill, or its dot on a map. */
export function drawnBoxes(layout: ClusterLayout, roleOf: (id: string) => NodeRole): Rect[] {
  return layout.nodes.map((n) => {
    if (layout.size !== 'map' || n.isDispatcher) return boxOf(n);
    const r = dotRadius(layout.cell, roleOf(n.id));
    return centeredRect(n.x, n.y, 2 * r, 2 * r);
  });
}

/** A map node's dot: pipeline and failed nodes nearly fill their square, idle ones are small. */
export function dotRadius(cell: number, role: NodeRole): number {
  return role === 'idle' ? Math.max(2, cell * 0.16) : cell * 0.45;
}

export interface LabelInput {
  layout: ClusterLayout;
  boxes: Rect[];
  hops: readonly DrawnHop[];
  roleOf: (id: string) => NodeRole;
  /** Stage of a node (for map titles), -1 for none. */
  stageOf: (id: string) => number;
  /** The stage that limits the plan (its node and compute time), if a stage does. */
  bottleneckStage: { node: string; ms: number } | null;
  width: number;
  height: number;
  measure: MeasureText;
}

export function clusterLabels(input: LabelInput): ViewLabel[] {
  const { layout, boxes, measure } = input;
  const requests: (LabelRequest & Omit<ViewLabel, 'rect'> & { anchors?: [number, number][] })[] = [];
  const sized = (text: string, bold: boolean) => ({ w: measure(text, LABEL_TEXT_PX, bold) + 2 * LABEL_PAD_X, h: LABEL_H });
  const map = layout.size === 'map';
  input.hops.forEach((hop, i) => {
    // on a crowded map the red plate alone says 'bottleneck': a short label finds room more often
    const text = `${hop.isBottleneck && !map ? 'bottleneck · ' : ''}${formatBytes(hop.bytes)} · ${formatMs(hop.ms)}`;
    const size = sized(text, hop.isBottleneck);
    const along = alongHop(hop, size.h, hop.isBottleneck ? (map ? 8 : 4) : map ? 4 : 2);
    requests.push({ kind: 'hop', text, emphasis: hop.isBottleneck, hop: i, ...size, priority: hop.isBottleneck ? 100 : 50, candidates: along.map((c) => c.at), anchors: along.map((c) => c.on) });
  });
  const at = new Map(layout.nodes.map((n, i) => [n.id, i]));
  if (input.bottleneckStage) {
    const i = at.get(input.bottleneckStage.node);
    if (i !== undefined) {
      const text = `bottleneck · ${formatMs(input.bottleneckStage.ms)} compute`;
      const size = sized(text, true);
      const box = boxes[i];
      // the leader of a note that had to move out starts on the card's edge nearest to it
      const candidates = around(box, size.w, size.h, 4, 4);
      const anchors = candidates.map(([x, y]): [number, number] => [Math.min(Math.max(x, box.x), box.x + box.w), Math.min(Math.max(y, box.y), box.y + box.h)]);
      requests.push({ kind: 'note', text, emphasis: true, ...size, priority: 100, candidates, anchors });
    }
  }
  if (layout.size === 'map') {
    layout.nodes.forEach((n, i) => {
      const role = n.isDispatcher ? 'idle' : input.roleOf(n.id);
      if (role === 'idle') return;
      const stage = input.stageOf(n.id);
      const text = role === 'down' ? `${n.id} down` : `${n.id} · stage ${stage + 1}`;
      const size = sized(text, false);
      const candidates = around(boxes[i], size.w, size.h, 2, 5);
      const box = boxes[i];
      const anchors = candidates.map((): [number, number] => [box.x + box.w / 2, box.y + box.h / 2]);
      requests.push({ kind: 'title', text, emphasis: false, ...size, priority: role === 'down' ? 60 : 80, candidates, anchors });
    });
  }
  const placed = placeLabels(requests, boxes, { x: 0, y: 0, w: input.width, h: input.height });
  return requests.flatMap((r, i) => {
    const spot = placed[i];
    if (!spot) return [];
    const rect = { x: spot.x, y: spot.y, w: spot.w, h: spot.h };
    const anchor = r.anchors?.[spot.candidate];
    const far = anchor && (r.kind === 'hop' ? Math.hypot(anchor[0] - (rect.x + rect.w / 2), anchor[1] - (rect.y + rect.h / 2)) > rect.h : spot.candidate >= 8);
    return [{ kind: r.kind, text: r.text, emphasis: r.emphasis, rect, ...(r.hop !== undefined ? { hop: r.hop } : {}), ...(far ? { anchor } : {}) }];
  });
}

/**
 * Centres along a hop's curve, from its middle outwards: on the curve, then to either side of it, `reach` label
 * heights out at most (the bottleneck's label searches further, so a short hop between close cards keeps it).
 */
function alongHop(hop: DrawnHop, labelH: number, reach: number): { at: [number, number]; on: [number, number] }[] {
  const length = Math.hypot(hop.x2 - hop.x1, hop.y2 - hop.y1) || 1;
  const [nx, ny] = [-(hop.y2 - hop.y1) / length, (hop.x2 - hop.x1) / length];
  const [dx, dy] = [(hop.x2 - hop.x1) / length, (hop.y2 - hop.y1) / length];
  const candidates: { at: [number, number]; on: [number, number] }[] = [];
  for (let ring = 0; ring <= reach; ring++) {
    const side = ring === 0 ? 0 : labelH / 2 + 5 + (ring - 1) * (labelH + 4);
    for (const t of [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82]) {
      const on = pointOnHop(hop, t);
      if (ring === 0) candidates.push({ at: on, on });
      else candidates.push({ at: [on[0] + nx * side, on[1] + ny * side], on }, { at: [on[0] - nx * side, on[1] - ny * side], on });
    }
    // far out, also beyond either end along the hop's direction
    if (ring > 1) {
      candidates.push({ at: [hop.x2 + dx * side, hop.y2 + dy * side], on: pointOnHop(hop, 0.82) });
      candidates.push({ at: [hop.x1 - dx * side, hop.y1 - dy * side], on: pointOnHop(hop, 0.18) });
    }
  }
  return candidates;
}
