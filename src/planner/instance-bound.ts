/**
 * A lower bound on the best plan's bottleneck, for reporting next to a plan that did not come with one (a
 * baseline's, or best's on a grouped chain, whose own bound holds only for the groups). Chains short enough to
 * search get the walk relaxation; longer ones what every plan must contain: the input and result hops, each
 * block's compute on the fastest node that can hold it, and one hop when no node holds the whole model.
 */
import { hopMs, msPerByte, stageComputeMs } from './cost';
import { MAX_PLAN_BLOCKS } from './grouping';
import { compileInstance } from './instance';
import { linkOrder } from './link-order';
import { bottleneckCosts } from './piece-costs';
import { type Cluster, EQUAL_BOTTLENECK, type Objective, type PlanReport, type Profile } from './types';
import { sparseWalk } from './walk-sparse';

export function instanceLowerBound(profile: Profile, cluster: Cluster, objective: Objective): number {
  if (profile.blocks.length <= MAX_PLAN_BLOCKS) {
    const inst = compileInstance(profile, cluster, objective);
    return sparseWalk(inst, linkOrder(inst), bottleneckCosts(inst)).optimum;
  }
  return necessaryPiecesBound(profile, cluster, objective);
}

function necessaryPiecesBound(profile: Profile, cluster: Cluster, objective: Objective): number {
  const d = cluster.nodes.findIndex((node) => node.id === cluster.dispatcher);
  const hosts = cluster.nodes.map((_, i) => i).filter((i) => i !== d);
  const link = (from: number, to: number, bytes: number) => hopMs(bytes, cluster.bandwidthMbps[from][to], cluster.latencyMs?.[from][to] ?? 0);
  let bound = 0;
  if (d >= 0) {
    bound = Math.max(bound, hosts.reduce((m, w) => Math.min(m, link(d, w, profile.inputBytes)), Infinity));
    bound = Math.max(bound, hosts.reduce((m, w) => Math.min(m, link(w, d, profile.outputBytes)), Infinity));
  }
  // hosts by memory, with the fastest speed among those at least that big
  const byMemory = hosts.map((w) => cluster.nodes[w]).sort((a, b) => a.memoryBytes - b.memoryBytes);
  const fastestFrom = byMemory.map((node) => node.gflops);
  for (let i = fastestFrom.length - 2; i >= 0; i--) fastestFrom[i] = Math.max(fastestFrom[i], fastestFrom[i + 1]);
  if (objective === 'full') {
    for (const block of profile.blocks) {
      let [lo, hi] = [0, byMemory.length]; // first host with enough memory
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byMemory[mid].memoryBytes >= block.memoryBytes) hi = mid;
        else lo = mid + 1;
      }
      if (lo < byMemory.length) bound = Math.max(bound, stageComputeMs(block.flops, fastestFrom[lo]));
    }
  }
  const total = profile.blocks.reduce((sum, b) => sum + b.memoryBytes, 0);
  if (byMemory.length > 0 && total > byMemory[byMemory.length - 1].memoryBytes) {
    let fastest = Infinity;
    for (const u of hosts) for (const v of hosts) if (u !== v) fastest = Math.min(fastest, msPerByte(cluster.bandwidthMbps[u][v]));
    let smallestCut = Infinity;
    for (let b = 0; b + 1 < profile.blocks.length; b++) smallestCut = Math.min(smallestCut, profile.blocks[b].outBytes);
    bound = Math.max(bound, smallestCut * fastest);
  }
  return bound;
}

/** Proof status from a bottleneck and a bound: proven when the bottleneck is within EQUAL_BOTTLENECK of the bound. */
export function proofStatus(bottleneckMs: number, lowerBoundMs: number): Pick<PlanReport, 'lowerBoundMs' | 'provenOptimal' | 'gapPct'> {
  const provenOptimal = bottleneckMs <= lowerBoundMs * (1 + EQUAL_BOTTLENECK) * (1 + 1e-12);
  const gapPct = provenOptimal ? 0 : lowerBoundMs > 0 ? (bottleneckMs / lowerBoundMs - 1) * 100 : Infinity;
  return { lowerBoundMs, provenOptimal, gapPct };
}
