/** Seeded random small instances and an independent brute force, for the planner's tests. */
import { createRng, randomInt } from '../../src/util/rng';
import type { Cluster, Objective, Plan, Profile } from '../../src/planner/types';

export interface RandomInstance {
  profile: Profile;
  cluster: Cluster;
  objective: Objective;
}

const MB = 1024 * 1024;

/** A random chain of blocks and a random heterogeneous cluster: some links missing, sometimes a dispatcher. */
export interface RandomInstanceOptions {
  minNodes?: number;
  maxNodes?: number;
  minBlocks?: number;
  maxBlocks?: number;
  /** Chance that a link is missing. */
  missingLinks?: number;
  /** Block and node memory ranges, MiB. */
  blockMiB?: [number, number];
  nodeMiB?: [number, number];
}

export function randomInstance(seed: number, options: RandomInstanceOptions = {}): RandomInstance {
  const { minNodes = 1, maxNodes = 5, minBlocks = 1, maxBlocks = 7, missingLinks = 0.2, blockMiB = [1, 40], nodeMiB = [20, 120] } = options;
  const rng = createRng(seed);
  const blockCount = randomInt(rng, minBlocks, maxBlocks);
  const blocks = Array.from({ length: blockCount }, (_, i) => ({
    name: `b${i}`,
    memoryBytes: randomInt(rng, blockMiB[0], blockMiB[1]) * MB,
    flops: randomInt(rng, 0, 4000) * 1e6,
    outBytes: randomInt(rng, 1, 2000) * 1000,
  }));
  const profile: Profile = { model: `random-${seed}`, inputBytes: randomInt(rng, 1, 600) * 1000, outputBytes: blocks[blockCount - 1].outBytes, blocks };
  const hasDispatcher = rng() < 0.4;
  const workers = randomInt(rng, minNodes, maxNodes);
  const count = workers + (hasDispatcher ? 1 : 0);
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: hasDispatcher && i === 0 ? 'dispatcher' : `n${i}`,
    memoryBytes: randomInt(rng, nodeMiB[0], nodeMiB[1]) * MB,
    gflops: randomInt(rng, 1, 40),
  }));
  const bandwidthMbps = matrix(count, () => (rng() < missingLinks ? 0 : randomInt(rng, 1, 200)));
  const latencyMs = matrix(count, () => randomInt(rng, 0, 20));
  // keep every node linked to something, as validateCluster requires
  for (let i = 0; i < count && count > 1; i++) {
    if (!bandwidthMbps[i].some((b, j) => j !== i && b > 0)) bandwidthMbps[i][(i + 1) % count] = 10;
  }
  const cluster: Cluster = { nodes, bandwidthMbps, latencyMs: rng() < 0.5 ? latencyMs : undefined };
  if (!cluster.latencyMs) delete cluster.latencyMs;
  if (hasDispatcher) cluster.dispatcher = 'dispatcher';
  return { profile, cluster, objective: rng() < 0.7 ? 'full' : 'comm' };
}

function matrix(n: number, value: () => number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : value())));
}

/** Every valid plan, scored with plain loops: the reference `optimal` must match. */
export function bruteForce(profile: Profile, cluster: Cluster, objective: Objective): { bottleneckMs: number; plan: Plan } | null {
  const ids = cluster.nodes.map((n) => n.id);
  const d = cluster.dispatcher === undefined ? -1 : ids.indexOf(cluster.dispatcher);
  const workers = ids.map((_, i) => i).filter((i) => i !== d);
  const B = profile.blocks.length;
  const hop = (a: number, b: number, bytes: number) => (cluster.bandwidthMbps[a][b] > 0 ? ((bytes * 8) / (cluster.bandwidthMbps[a][b] * 1e6)) * 1000 + (cluster.latencyMs?.[a][b] ?? 0) : Infinity);
  let best: { bottleneckMs: number; plan: Plan } | null = null;
  const ends: number[] = [];
  const order: number[] = [];
  const score = () => {
    let worst = d >= 0 ? hop(d, order[0], profile.inputBytes) : 0;
    let first = 0;
    for (let i = 0; i < order.length; i++) {
      let mem = 0;
      let flops = 0;
      for (let b = first; b <= ends[i]; b++) [mem, flops] = [mem + profile.blocks[b].memoryBytes, flops + profile.blocks[b].flops];
      if (mem > cluster.nodes[order[i]].memoryBytes) return;
      if (objective === 'full') worst = Math.max(worst, (flops / (cluster.nodes[order[i]].gflops * 1e9)) * 1000);
      if (i + 1 < order.length) worst = Math.max(worst, hop(order[i], order[i + 1], profile.blocks[ends[i]].outBytes));
      first = ends[i] + 1;
    }
    if (d >= 0) worst = Math.max(worst, hop(order[order.length - 1], d, profile.outputBytes));
    if (worst < Infinity && (!best || worst < best.bottleneckMs)) {
      let f = 0;
      const stages = order.map((node, i) => {
        const stage = { node: ids[node], firstBlock: f, lastBlock: ends[i] };
        f = ends[i] + 1;
        return stage;
      });
      best = { bottleneckMs: worst, plan: { stages } };
    }
  };
  const place = (stage: number, stages: number) => {
    if (stage === stages) return score();
    for (const w of workers) {
      if (order.includes(w)) continue;
      order.push(w);
      place(stage + 1, stages);
      order.pop();
    }
  };
  const cut = (from: number, stages: number) => {
    if (ends.length === stages - 1) {
      ends.push(B - 1);
      place(0, stages);
      ends.pop();
      return;
    }
    for (let e = from; e < B - 1; e++) {
      ends.push(e);
      cut(e + 1, stages);
      ends.pop();
    }
  };
  for (let stages = 1; stages <= Math.min(B, workers.length); stages++) cut(0, stages);
  return best;
}

/**
 * Every valid plan's bottleneck and stage count, by depth-first enumeration that drops a partial plan as soon as a
 * stage does not fit or a hop has no link (still every valid plan, no bounds): fast enough for 13 to 16 nodes and
 * a few blocks.
 */
export function forEachPlan(profile: Profile, cluster: Cluster, objective: Objective, visit: (bottleneckMs: number, stages: number) => void): void {
  const ids = cluster.nodes.map((n) => n.id);
  const d = cluster.dispatcher === undefined ? -1 : ids.indexOf(cluster.dispatcher);
  const workers = ids.map((_, i) => i).filter((i) => i !== d);
  const B = profile.blocks.length;
  const hop = (a: number, b: number, bytes: number) => (cluster.bandwidthMbps[a][b] > 0 ? ((bytes * 8) / (cluster.bandwidthMbps[a][b] * 1e6)) * 1000 + (cluster.latencyMs?.[a][b] ?? 0) : Infinity);
  const used = new Set<number>();
  const place = (first: number, prev: number, worst: number, stages: number) => {
    for (const w of workers) {
      if (used.has(w)) continue;
      const enter = prev < 0 ? (d >= 0 ? hop(d, w, profile.inputBytes) : 0) : hop(prev, w, profile.blocks[first - 1].outBytes);
      if (enter === Infinity) continue;
      let mem = 0;
      let flops = 0;
      for (let last = first; last < B; last++) {
        mem += profile.blocks[last].memoryBytes;
        flops += profile.blocks[last].flops;
        if (mem > cluster.nodes[w].memoryBytes) break;
        const compute = objective === 'full' ? (flops / (cluster.nodes[w].gflops * 1e9)) * 1000 : 0;
        const value = Math.max(worst, enter, compute);
        if (last === B - 1) {
          const total = Math.max(value, d >= 0 ? hop(w, d, profile.outputBytes) : 0);
          if (total < Infinity) visit(total, stages + 1);
        } else {
          used.add(w);
          place(last + 1, w, value, stages + 1);
          used.delete(w);
        }
      }
    }
  };
  place(0, -1, 0, 0);
}

/** The optimum by enumeration, and the fewest stages among plans within `margin` of it (null: no plan). */
export function bruteForceDfs(profile: Profile, cluster: Cluster, objective: Objective, margin = 1e-3): { bottleneckMs: number; fewestStages: number; plans: number } | null {
  let optimum = Infinity;
  let plans = 0;
  forEachPlan(profile, cluster, objective, (ms) => {
    plans++;
    optimum = Math.min(optimum, ms);
  });
  if (optimum === Infinity) return null;
  let fewestStages = Infinity;
  forEachPlan(profile, cluster, objective, (ms, stages) => {
    if (ms <= optimum * (1 + margin) * (1 + 1e-12)) fewestStages = Math.min(fewestStages, stages);
  });
  return { bottleneckMs: optimum, fewestStages, plans };
}

/** Ten 20 MiB blocks with uneven transfers: SEIFER's single capacity fails it on uneven clusters. */
export const tenBlocks: Profile = {
  model: 'p',
  inputBytes: 1000,
  outputBytes: 10,
  blocks: Array.from({ length: 10 }, (_, i) => ({ name: `b${i}`, memoryBytes: 20 * MB, flops: 0, outBytes: (1 + ((i * 7) % 10)) * 100_000 })),
};
