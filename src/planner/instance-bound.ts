/**
 * A lower bound on the best plan's bottleneck, for reporting next to a plan that did not come with one (a
 * baseline's, or best's on a grouped chain, whose own bound holds only for the groups): what every plan must
 * contain (the input and result hops, each block's compute on the fastest node that can hold it, the whole
 * model's compute spread over every node at once), the node-counting bound (partition-bound.ts), and when it is
 * affordable the walk relaxation over every block.
 */
import { hopMs, msPerByte, stageComputeMs } from './cost';
import { MAX_PLAN_BLOCKS } from './grouping';
import { partitionBound } from './partition-bound';
import { largestHostBytes } from './feasibility';
import { compileInstance } from './instance';
import { linkOrder } from './link-order';
import { bottleneckCosts } from './piece-costs';
import { type Cluster, EQUAL_BOTTLENECK, type Objective, type PlanReport, type Profile } from './types';
import { sparseWalk } from './walk-sparse';

/** Most work (nodes x blocks x blocks a stage spans) spent on the walk relaxation of an ungrouped chain. */
const WALK_WORK_LIMIT = 3e7;

export function instanceLowerBound(profile: Profile, cluster: Cluster, objective: Objective): number {
  const necessary = necessaryPiecesBound(profile, cluster, objective);
  if (profile.blocks.length <= MAX_PLAN_BLOCKS || walkWork(profile, cluster) <= WALK_WORK_LIMIT) {
    const inst = compileInstance(profile, cluster, objective);
    return Math.max(necessary, sparseWalk(inst, linkOrder(inst), bottleneckCosts(inst)).optimum);
  }
  return necessary;
}

/** About how many steps the walk relaxation takes: per node, every block times how far a stage reaches from it. */
function walkWork(profile: Profile, cluster: Cluster): number {
  const B = profile.blocks.length;
  const n = cluster.nodes.length;
  if (n * B > 4e6) return Infinity; // the instance's tables alone would be too big
  const capacity = largestHostBytes(cluster);
  let reach = 0;
  for (let s = 0, e = -1, bytes = 0; s < B; s++) {
    if (e < s - 1) [e, bytes] = [s - 1, 0];
    while (e + 1 < B && bytes + profile.blocks[e + 1].memoryBytes <= capacity) bytes += profile.blocks[++e].memoryBytes;
    reach += e - s + 1;
    if (e >= s) bytes -= profile.blocks[s].memoryBytes;
  }
  return n * (reach + B * 16);
}

function necessaryPiecesBound(profile: Profile, cluster: Cluster, objective: Objective): number {
  const d = cluster.nodes.findIndex((node) => node.id === cluster.dispatcher);
  const hosts = cluster.nodes.map((_, i) => i).filter((i) => i !== d);
  const link = (from: number, to: number, bytes: number) => hopMs(bytes, cluster.bandwidthMbps[from][to], cluster.latencyMs?.[from][to] ?? 0);
  let bound = 0;
  if (d >= 0) {
    bound = Math.max(
      bound,
      hosts.reduce((m, w) => Math.min(m, link(d, w, profile.inputBytes)), Infinity),
    );
    bound = Math.max(
      bound,
      hosts.reduce((m, w) => Math.min(m, link(w, d, profile.outputBytes)), Infinity),
    );
  }
  // hosts by memory, with the fastest speed among those at least that big
  const byMemory = hosts.map((w) => cluster.nodes[w]).sort((a, b) => a.memoryBytes - b.memoryBytes);
  const fastestFrom = byMemory.map((node) => node.gflops);
  for (let i = fastestFrom.length - 2; i >= 0; i--) fastestFrom[i] = Math.max(fastestFrom[i], fastestFrom[i + 1]);
  if (objective === 'full') {
    // every stage takes at least its FLOPs over its node's speed: all nodes at once cannot beat the total
    const totalFlops = profile.blocks.reduce((sum, b) => sum + b.flops, 0);
    bound = Math.max(
      bound,
      stageComputeMs(
        totalFlops,
        byMemory.reduce((sum, node) => sum + node.gflops, 0),
      ),
    );
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
  let fastest = Infinity;
  for (const u of hosts) for (const v of hosts) if (u !== v) fastest = Math.min(fastest, msPerByte(cluster.bandwidthMbps[u][v]));
  const summary = { count: hosts.length, largestMemoryBytes: byMemory.at(-1)?.memoryBytes ?? 0, fastestGflops: fastestFrom[0] ?? 0, fastestMsPerByte: fastest };
  return partitionBound(profile, summary, objective, bound);
}

/** Proof status from a bottleneck and a bound: proven when the bottleneck is within EQUAL_BOTTLENECK of the bound. */
export function proofStatus(bottleneckMs: number, lowerBoundMs: number): Pick<PlanReport, 'lowerBoundMs' | 'provenOptimal' | 'gapPct'> {
  const provenOptimal = bottleneckMs <= lowerBoundMs * (1 + EQUAL_BOTTLENECK) * (1 + 1e-12);
  const gapPct = provenOptimal ? 0 : lowerBoundMs > 0 ? (bottleneckMs / lowerBoundMs - 1) * 100 : Infinity;
  return { lowerBoundMs, provenOptimal, gapPct };
}
