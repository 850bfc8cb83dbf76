/** What the cluster view draws, from the scenario, the plan and the latest sample: plain geometry. */
import type { ScenarioLink } from '../../emulator/scenario';
import type { LinkStats } from '../../netsim/types';
import type { PlanReport } from '../../planner/types';
import type { LinkState } from '../lab/link-faults';
import { linkKey, pairKey } from '../../netsim/world';
import type { Hop } from './flight-layout';
import type { PlacedNode } from './cluster-layout';

export interface DrawnLink {
  a: string;
  b: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  bandwidthMbps: number;
  state: LinkState;
}

export interface DrawnHop extends Hop {
  from: string;
  to: string;
  bytes: number;
  ms: number;
  /** Stage the hop feeds (its colour); the last hop carries the last stage's output. */
  stage: number;
  isBottleneck: boolean;
}

/** Above this many nodes only the links that matter are drawn (the pipeline's, a selected node's, faulty ones). */
export const ALL_LINKS_UP_TO = 12;

/**
 * The links to draw: all of them in a small cluster; in a big one only those that matter (the pipeline's, the
 * selected node's, the faulty ones), found without visiting the N^2 pairs (a 1,000-node view redraws this often).
 */
export function drawLinks(
  placed: readonly PlacedNode[],
  links: ScenarioLink[][],
  states: readonly { a: string; b: string; state: LinkState }[],
  keep: { pairs: readonly (readonly [string, string])[]; node: string },
): DrawnLink[] {
  const stateOf = new Map(states.map((s) => [pairKey(s.a, s.b), s.state]));
  const drawn: DrawnLink[] = [];
  const add = (i: number, j: number) => {
    const [a, b] = [placed[i], placed[j]];
    const bandwidthMbps = Math.max(links[i]?.[j]?.bandwidthMbps ?? 0, links[j]?.[i]?.bandwidthMbps ?? 0);
    drawn.push({ a: a.id, b: b.id, x1: a.x, y1: a.y, x2: b.x, y2: b.y, bandwidthMbps, state: stateOf.get(pairKey(a.id, b.id)) ?? 'ok' });
  };
  if (placed.length - 1 <= ALL_LINKS_UP_TO) {
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) add(i, j);
    return drawn;
  }
  const index = new Map(placed.map((p, i) => [p.id, i]));
  const pairs = new Set<number>();
  const pair = (a: string, b: string) => {
    const [i, j] = [index.get(a), index.get(b)];
    if (i !== undefined && j !== undefined && i !== j) pairs.add(Math.min(i, j) * placed.length + Math.max(i, j));
  };
  for (const s of states) pair(s.a, s.b);
  for (const [a, b] of keep.pairs) pair(a, b);
  if (index.has(keep.node)) for (const p of placed) pair(keep.node, p.id);
  // in endpoint order, as the full loop draws them
  for (const k of [...pairs].sort((x, y) => x - y)) add(Math.floor(k / placed.length), k % placed.length);
  return drawn;
}

/** The pipeline's hops (dispatcher -> stages -> dispatcher), with what is in flight on each and how long a crossing looks. */
export function drawHops(placed: readonly PlacedNode[], plan: PlanReport | null, stats: readonly LinkStats[], timeScale: number): DrawnHop[] {
  if (!plan) return [];
  const at = new Map(placed.map((p) => [p.id, p]));
  const inFlight = new Map(stats.map((s) => [linkKey(s.from, s.to), s.inFlight]));
  const bottleneckHop = plan.limitedBy?.kind === 'hop' ? plan.limitedBy.index : -1;
  return plan.hops.flatMap((hop, i) => {
    const a = at.get(hop.from);
    const b = at.get(hop.to);
    if (!a || !b) return [];
    return [
      {
        from: hop.from,
        to: hop.to,
        x1: a.x,
        y1: a.y,
        x2: b.x,
        y2: b.y,
        bytes: hop.bytes,
        ms: hop.ms,
        stage: Math.min(i, plan.stages.length - 1),
        isBottleneck: i === bottleneckHop,
        inFlight: inFlight.get(linkKey(hop.from, hop.to)) ?? 0,
        // slow enough to follow by eye: at least 0.4 s per crossing on screen
        periodMs: Math.max(400, hop.ms * timeScale),
      },
    ];
  });
}
