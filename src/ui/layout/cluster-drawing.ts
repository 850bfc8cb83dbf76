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

export function drawLinks(placed: readonly PlacedNode[], links: ScenarioLink[][], states: readonly { a: string; b: string; state: LinkState }[], keep: (a: string, b: string) => boolean): DrawnLink[] {
  const stateOf = new Map(states.map((s) => [pairKey(s.a, s.b), s.state]));
  const all = placed.length - 1 <= ALL_LINKS_UP_TO;
  const drawn: DrawnLink[] = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i];
      const b = placed[j];
      const state = stateOf.get(pairKey(a.id, b.id)) ?? 'ok';
      if (!all && state === 'ok' && !keep(a.id, b.id)) continue;
      const bandwidthMbps = Math.max(links[i]?.[j]?.bandwidthMbps ?? 0, links[j]?.[i]?.bandwidthMbps ?? 0);
      drawn.push({ a: a.id, b: b.id, x1: a.x, y1: a.y, x2: b.x, y2: b.y, bandwidthMbps, state });
    }
  }
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
