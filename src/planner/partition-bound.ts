/**
 * A lower bound that counts nodes, for chains that need many stages (where the walk relaxation, which may bounce
 * between two nodes forever, is weakest): a plan with bottleneck T has at most n stages on distinct nodes, each
 * within the largest memory and, at the fastest speed, within T; each of its cuts crosses some link within T.
 * Covering the chain greedily with the longest such stages gives the fewest stages any plan within T can have, so
 * the smallest T for which that fewest is at most n is a lower bound on every plan. Bisection finds it; linear
 * time per step, so it serves chains of any length.
 */
import type { Instance } from './instance';
import type { LinkOrder } from './link-order';
import type { Objective, Profile } from './types';

export interface HostSummary {
  /** Nodes that may host stages. */
  count: number;
  largestMemoryBytes: number;
  fastestGflops: number;
  /** The fastest link between two hosts, ms per byte. */
  fastestMsPerByte: number;
}

/** The bound, or `atLeastMs` when that is higher; Infinity when no plan can exist (too few nodes for the memory). */
export function partitionBound(profile: Profile, hosts: HostSummary, objective: Objective, atLeastMs = 0): number {
  const blocks = profile.blocks;
  const B = blocks.length;
  const perFlop = objective === 'full' ? 1 / (hosts.fastestGflops * 1e6) : 0;
  // the fewest stages covering the chain with every stage and cut within T (Infinity: not possible)
  const fewest = (T: number): number => {
    let stages = 0;
    for (let first = 0; first < B;) {
      let end = -1;
      let bytes = 0;
      let flops = 0;
      for (let e = first; e < B; e++) {
        bytes += blocks[e].memoryBytes;
        flops += blocks[e].flops;
        if (bytes > hosts.largestMemoryBytes || flops * perFlop > T) break;
        if (e === B - 1 || blocks[e].outBytes * hosts.fastestMsPerByte <= T) end = e;
      }
      if (end < 0) return Infinity;
      stages++;
      first = end + 1;
    }
    return stages;
  };
  // at this T every stage's compute and every cut fit: only memory and the node count are left
  let hi = 0;
  if (hosts.fastestMsPerByte < Infinity) for (let b = 0; b < B; b++) hi = Math.max(hi, blocks[b].outBytes * hosts.fastestMsPerByte);
  hi = Math.max(hi, blocks.reduce((sum, b) => sum + b.flops, 0) * perFlop, atLeastMs);
  if (fewest(hi) > hosts.count) return Infinity;
  if (fewest(atLeastMs) <= hosts.count) return atLeastMs;
  let lo = atLeastMs;
  while (hi - lo > 1e-9 * hi) {
    const mid = (lo + hi) / 2;
    if (fewest(mid) <= hosts.count) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** The summary of an instance's candidates (the fastest link from the link order: each list starts with it). */
export function instanceHosts(inst: Instance, order: LinkOrder): HostSummary {
  let [largestMemoryBytes, fastestGflops, fastestMsPerByte] = [0, 0, Infinity];
  inst.candidates.forEach((w, u) => {
    largestMemoryBytes = Math.max(largestMemoryBytes, inst.memoryBytes[w]);
    fastestGflops = Math.max(fastestGflops, inst.cluster.nodes[w].gflops);
    if (order.count[u] > 0) fastestMsPerByte = Math.min(fastestMsPerByte, order.perByte[order.start[u]]);
  });
  return { count: inst.candidates.length, largestMemoryBytes, fastestGflops, fastestMsPerByte };
}
