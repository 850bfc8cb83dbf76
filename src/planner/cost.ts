/**
 * The cost model (correct mode): stage compute = FLOPs / (gflops x 10^9) s; hop = bytes x 8 / (Mbit/s x 10^6) s +
 * latency; the bottleneck is the slowest stage or hop, throughput its inverse, end-to-end latency the sum.
 */
import { errors } from '../errors';
import { planProblems } from './plan-check';
import type { Cluster, Evaluation, HopReport, Objective, Plan, Profile, StageReport } from './types';

/** Milliseconds per byte on a link of `bandwidthMbps` (Infinity when there is no link). */
export function msPerByte(bandwidthMbps: number): number {
  return bandwidthMbps > 0 ? 0.008 / bandwidthMbps : Infinity;
}

/** Milliseconds per FLOP on a node of `gflops`. */
export function msPerFlop(gflops: number): number {
  return 1 / (gflops * 1e6);
}

export function stageComputeMs(flops: number, gflops: number): number {
  return flops * msPerFlop(gflops);
}

/** Time to send `bytes` over one link: transfer plus the link's latency. */
export function hopMs(bytes: number, bandwidthMbps: number, latencyMs = 0): number {
  return bytes * msPerByte(bandwidthMbps) + latencyMs;
}

/**
 * Evaluates a plan under an objective. Throws SeiferError('bad-plan') when the plan is not valid for this profile
 * and cluster (a block missing or twice, out of order, a node reused or unknown, memory exceeded, a missing link).
 */
export function evaluatePlan(profile: Profile, cluster: Cluster, plan: Plan, objective: Objective = 'full'): Evaluation {
  const problems = planProblems(profile, cluster, plan);
  if (problems.length > 0) throw errors.badPlan(problems[0].field, problems[0].detail);
  return evaluateValidPlan(profile, cluster, plan, objective);
}

/** evaluatePlan without the checks, for plans the planner built itself. */
export function evaluateValidPlan(profile: Profile, cluster: Cluster, plan: Plan, objective: Objective): Evaluation {
  const index = new Map(cluster.nodes.map((n, i) => [n.id, i]));
  const link = (from: number, to: number, bytes: number): HopReport => ({
    from: cluster.nodes[from].id,
    to: cluster.nodes[to].id,
    bytes,
    ms: hopMs(bytes, cluster.bandwidthMbps[from][to], cluster.latencyMs?.[from][to] ?? 0),
  });
  const stages: StageReport[] = plan.stages.map((s) => {
    let memoryBytes = 0;
    let flops = 0;
    for (let b = s.firstBlock; b <= s.lastBlock; b++) {
      memoryBytes += profile.blocks[b].memoryBytes;
      flops += profile.blocks[b].flops;
    }
    const node = cluster.nodes[index.get(s.node)!];
    return { ...s, memoryBytes, computeMs: stageComputeMs(flops, node.gflops) };
  });
  const at = plan.stages.map((s) => index.get(s.node)!);
  const hops: HopReport[] = [];
  const dispatcher = cluster.dispatcher === undefined ? -1 : index.get(cluster.dispatcher)!;
  if (dispatcher >= 0) hops.push(link(dispatcher, at[0], profile.inputBytes));
  for (let i = 0; i + 1 < at.length; i++) hops.push(link(at[i], at[i + 1], profile.blocks[plan.stages[i].lastBlock].outBytes));
  if (dispatcher >= 0) hops.push(link(at[at.length - 1], dispatcher, profile.outputBytes));

  let bottleneckMs = 0;
  let latencyMs = 0;
  let limitedBy: Evaluation['limitedBy'] = null;
  if (objective === 'full') {
    stages.forEach((s, i) => {
      latencyMs += s.computeMs;
      if (s.computeMs > bottleneckMs) [bottleneckMs, limitedBy] = [s.computeMs, { kind: 'stage', index: i }];
    });
  }
  hops.forEach((h, i) => {
    latencyMs += h.ms;
    if (h.ms > bottleneckMs) [bottleneckMs, limitedBy] = [h.ms, { kind: 'hop', index: i }];
  });
  return { objective, bottleneckMs, throughputPerSec: bottleneckMs > 0 ? 1000 / bottleneckMs : null, latencyMs, stages, hops, limitedBy };
}
