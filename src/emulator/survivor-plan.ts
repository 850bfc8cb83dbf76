/** Planning on what survives a fault: pure functions over the profile, the cluster and what is known dead. */
import { evaluatePlan, isInfeasible, plan, replan, type AlgorithmName, type Cluster, type Infeasible, type Objective, type PlanReport, type Profile } from '../planner/index';

export interface SurvivorInput {
  profile: Profile;
  cluster: Cluster;
  /** The plan that ran before, or null after a pause (nothing to keep in place then). */
  current: PlanReport | null;
  deadNodes: readonly string[];
  /** 'from->to' */
  deadLinks: ReadonlySet<string>;
  algorithm: AlgorithmName;
  objective: Objective;
  seed: number;
}

/** A plan on the survivors: stages stay where they are when that costs nothing; never throws. */
export function planOnSurvivors(input: SurvivorInput): PlanReport | Infeasible {
  try {
    return survivorPlan(input);
  } catch (error) {
    // e.g. a node left with no link at all: the planner refuses the cluster; say why and wait for a repair
    return { error: 'infeasible', reason: error instanceof Error ? error.message : String(error), needBytes: 0, haveBytes: 0 };
  }
}

function survivorPlan({ profile, cluster, current, deadNodes, deadLinks, algorithm, objective, seed }: SurvivorInput): PlanReport | Infeasible {
  const links = [...deadLinks].map((k) => k.split('->') as [string, string]);
  if (current) return replan(profile, current, cluster, [...deadNodes], links, { objective, seed });
  const dead = new Set(deadNodes);
  const keep = cluster.nodes.map((n, i) => (dead.has(n.id) ? -1 : i)).filter((i) => i >= 0);
  const linkUp = (i: number, j: number) => !deadLinks.has(`${cluster.nodes[i].id}->${cluster.nodes[j].id}`);
  const alive: Cluster = {
    ...cluster,
    nodes: keep.map((i) => cluster.nodes[i]),
    bandwidthMbps: keep.map((i) => keep.map((j) => (linkUp(i, j) ? cluster.bandwidthMbps[i][j] : 0))),
    ...(cluster.latencyMs ? { latencyMs: keep.map((i) => keep.map((j) => (cluster.latencyMs as number[][])[i][j])) } : {}),
  };
  return plan(profile, alive, { algorithm, objective, seed });
}

/** Whether `candidate` beats the running plan (re-evaluated on today's cluster) by at least `threshold`. */
export function isClearImprovement(input: SurvivorInput, candidate: PlanReport | Infeasible, threshold: number): candidate is PlanReport {
  if (isInfeasible(candidate) || !input.current) return false;
  const now = evaluatePlan(input.profile, input.cluster, { stages: input.current.stages }, input.objective);
  return candidate.bottleneckMs <= now.bottleneckMs * (1 - threshold);
}

/** The message of a pause: memory figures when memory is the reason, the planner's reason otherwise. */
export function pauseMessage(outcome: Infeasible): string {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  if (outcome.needBytes > 0 || outcome.haveBytes > 0) return `The cluster can no longer hold the model: need ${mb(outcome.needBytes)}, have ${mb(outcome.haveBytes)}`;
  return `The cluster can no longer run the model: ${outcome.reason}`;
}
