/**
 * A profile and a cluster compiled into flat arrays once, so the algorithms' inner loops only read numbers:
 * prefix sums of memory and FLOPs, per-link ms per byte, and how far a stage can reach on each node within memory.
 * Algorithms work on cluster indices and return a Chain; index.ts turns it back into a Plan with node ids.
 */
import { msPerByte, msPerFlop } from './cost';
import type { Cluster, Objective, Plan, Profile } from './types';

export interface Instance {
  profile: Profile;
  cluster: Cluster;
  objective: Objective;
  blockCount: number;
  nodeCount: number;
  /** Cluster indices that may host stages: every node but the dispatcher. */
  candidates: number[];
  /** Cluster index of the dispatcher, -1 when there is none. */
  dispatcher: number;
  memPrefix: Float64Array;
  flopPrefix: Float64Array;
  outBytes: Float64Array;
  memoryBytes: Float64Array;
  /** 0 under the comm objective, so compute terms vanish everywhere at once. */
  msPerFlop: Float64Array;
  /** [from * nodeCount + to]; Infinity where there is no link (and on the diagonal). */
  msPerByte: Float64Array;
  /** [from * nodeCount + to]; null when the cluster gives no latencies (all 0 ms). */
  latencyMs: Float64Array | null;
  /** [node * blockCount + s]: the last block a stage starting at block s can hold on that node (s - 1 if none). */
  maxEnd: Int32Array;
  /** [node]: nodes with the same memory and speed share a class (their stages cost the same). */
  stageClass: Int32Array;
}

/** An internal plan: stage i runs on cluster node nodes[i] and ends at block lastBlocks[i]. */
export interface Chain {
  nodes: number[];
  lastBlocks: number[];
}

export function compileInstance(profile: Profile, cluster: Cluster, objective: Objective): Instance {
  const blockCount = profile.blocks.length;
  const nodeCount = cluster.nodes.length;
  const memPrefix = new Float64Array(blockCount + 1);
  const flopPrefix = new Float64Array(blockCount + 1);
  const outBytes = new Float64Array(blockCount);
  profile.blocks.forEach((b, i) => {
    memPrefix[i + 1] = memPrefix[i] + b.memoryBytes;
    flopPrefix[i + 1] = flopPrefix[i] + b.flops;
    outBytes[i] = b.outBytes;
  });
  const memoryBytes = Float64Array.from(cluster.nodes, (n) => n.memoryBytes);
  const perFlop = Float64Array.from(cluster.nodes, (n) => (objective === 'full' ? msPerFlop(n.gflops) : 0));
  const perByte = new Float64Array(nodeCount * nodeCount).fill(Infinity);
  const latencyMs = cluster.latencyMs ? new Float64Array(nodeCount * nodeCount) : null;
  for (let i = 0; i < nodeCount; i++) {
    const bandwidth = cluster.bandwidthMbps[i];
    const latency = cluster.latencyMs?.[i];
    for (let j = 0; j < nodeCount; j++) {
      if (i === j) continue;
      perByte[i * nodeCount + j] = msPerByte(bandwidth[j]);
      if (latencyMs) latencyMs[i * nodeCount + j] = latency![j];
    }
  }
  const dispatcher = cluster.dispatcher === undefined ? -1 : cluster.nodes.findIndex((n) => n.id === cluster.dispatcher);
  const candidates = cluster.nodes.map((_, i) => i).filter((i) => i !== dispatcher);
  const classes = new Map<string, number>();
  const stageClass = Int32Array.from(cluster.nodes, (n) => {
    const key = `${n.memoryBytes}/${n.gflops}`;
    if (!classes.has(key)) classes.set(key, classes.size);
    return classes.get(key)!;
  });
  const maxEnd = new Int32Array(nodeCount * blockCount);
  const firstOfClass = new Int32Array(classes.size).fill(-1);
  for (let w = 0; w < nodeCount; w++) {
    const twin = firstOfClass[stageClass[w]];
    if (twin >= 0) {
      maxEnd.copyWithin(w * blockCount, twin * blockCount, (twin + 1) * blockCount);
      continue;
    }
    firstOfClass[stageClass[w]] = w;
    let e = -1;
    for (let s = 0; s < blockCount; s++) {
      if (e < s - 1) e = s - 1;
      while (e + 1 < blockCount && memPrefix[e + 2] - memPrefix[s] <= memoryBytes[w]) e++;
      maxEnd[w * blockCount + s] = e;
    }
  }
  return {
    profile,
    cluster,
    objective,
    blockCount,
    nodeCount,
    candidates,
    dispatcher,
    memPrefix,
    flopPrefix,
    outBytes,
    memoryBytes,
    msPerFlop: perFlop,
    msPerByte: perByte,
    latencyMs,
    maxEnd,
    stageClass,
  };
}

export function stageMs(inst: Instance, node: number, first: number, last: number): number {
  return (inst.flopPrefix[last + 1] - inst.flopPrefix[first]) * inst.msPerFlop[node];
}

/** The hop after block `cut` from node `from` to node `to`; Infinity without a link. */
export function cutHopMs(inst: Instance, from: number, to: number, cut: number): number {
  const k = from * inst.nodeCount + to;
  const perByte = inst.msPerByte[k];
  return perByte === Infinity ? Infinity : inst.outBytes[cut] * perByte + (inst.latencyMs ? inst.latencyMs[k] : 0);
}

export function linkMs(inst: Instance, from: number, to: number, bytes: number): number {
  const k = from * inst.nodeCount + to;
  const perByte = inst.msPerByte[k];
  return perByte === Infinity ? Infinity : bytes * perByte + (inst.latencyMs ? inst.latencyMs[k] : 0);
}

/** dispatcher -> node with the input (0 without a dispatcher). */
export function inputMs(inst: Instance, node: number): number {
  return inst.dispatcher < 0 ? 0 : linkMs(inst, inst.dispatcher, node, inst.profile.inputBytes);
}

/** node -> dispatcher with the result (0 without a dispatcher). */
export function outputMs(inst: Instance, node: number): number {
  return inst.dispatcher < 0 ? 0 : linkMs(inst, node, inst.dispatcher, inst.profile.outputBytes);
}

export function fits(inst: Instance, node: number, first: number, last: number): boolean {
  return inst.maxEnd[node * inst.blockCount + first] >= last;
}

/** The chain's bottleneck with the instance's own arithmetic (Infinity if it breaks memory or a link). */
export function chainBottleneckMs(inst: Instance, chain: Chain): number {
  let worst = inputMs(inst, chain.nodes[0]);
  let first = 0;
  chain.nodes.forEach((node, i) => {
    const last = chain.lastBlocks[i];
    if (!fits(inst, node, first, last)) worst = Infinity;
    worst = Math.max(worst, stageMs(inst, node, first, last));
    if (i + 1 < chain.nodes.length) worst = Math.max(worst, cutHopMs(inst, node, chain.nodes[i + 1], last));
    first = last + 1;
  });
  return Math.max(worst, outputMs(inst, chain.nodes[chain.nodes.length - 1]));
}

export function chainToPlan(inst: Instance, chain: Chain): Plan {
  let first = 0;
  return {
    stages: chain.nodes.map((node, i) => {
      const stage = { node: inst.cluster.nodes[node].id, firstBlock: first, lastBlock: chain.lastBlocks[i] };
      first = chain.lastBlocks[i] + 1;
      return stage;
    }),
  };
}
