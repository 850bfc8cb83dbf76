/**
 * Replanning after faults: plan again on what survives, as fast as `best` can make it, and among the plans with
 * that bottleneck choose the one that moves the fewest bytes (a block already on a node costs nothing to keep
 * there). The old plan is an incumbent when it still runs, so nothing changes unless something faster exists.
 */
import { bestSolution } from './best';
import { evaluateValidPlan } from './cost';
import { memoryVerdict, verdict } from './feasibility';
import { type Chain, chainToPlan, compileInstance, planToChain } from './instance';
import { isExactInRange } from './optimal';
import { planProblems } from './plan-check';
import { solve } from './solve';
import type { Cluster, Infeasible, Objective, Plan, PlanReport, Profile } from './types';
import { validateCluster, validateProfile } from './validate';

export interface ReplanOptions {
  objective?: Objective;
  seed?: number;
  labelsPerState?: number;
}

export interface ReplanReport extends PlanReport {
  /** Bytes of blocks that must be sent to a node that did not hold them before. */
  redeployBytes: number;
}

const now = () => (globalThis.performance ? globalThis.performance.now() : 0);

export function replan(
  profile: Profile,
  previous: Plan,
  cluster: Cluster,
  deadNodes: string[] = [],
  deadLinks: [string, string][] = [],
  options: ReplanOptions = {},
): ReplanReport | Infeasible {
  const { objective = 'full', seed = 1, labelsPerState } = options;
  const p = validateProfile(profile);
  const c = validateCluster(cluster);
  const ids = new Set(c.nodes.map((n) => n.id));
  for (const id of deadNodes) if (!ids.has(id)) throw new RangeError(`'deadNodes' contains '${id}', which is not a node of the cluster`);
  for (const [a, b] of deadLinks) {
    if (!ids.has(a) || !ids.has(b)) throw new RangeError(`'deadLinks' contains ['${a}', '${b}'], which is not a pair of cluster nodes`);
  }
  if (c.dispatcher !== undefined && deadNodes.includes(c.dispatcher)) throw new RangeError(`'deadNodes' contains the dispatcher '${c.dispatcher}': without it there is nothing to replan`);
  const oldNode = blockOwners(p, previous);
  const started = now();

  const survivors = surviving(c, new Set(deadNodes), deadLinks);
  const inst = compileInstance(p, survivors, objective);
  if (inst.candidates.length === 0) return { ...verdict(inst, 'no node survives to host the model'), haveBytes: 0 };
  const obvious = memoryVerdict(inst);
  if (obvious) return obvious;

  // what moving costs: a stage's blocks that its node did not hold before
  const B = inst.blockCount;
  const movedPrefix = new Float64Array(inst.nodeCount * (B + 1));
  for (let w = 0; w < inst.nodeCount; w++) {
    const id = survivors.nodes[w].id;
    for (let b = 0; b < B; b++) movedPrefix[w * (B + 1) + b + 1] = movedPrefix[w * (B + 1) + b] + (oldNode[b] === id ? 0 : p.blocks[b].memoryBytes);
  }
  const moved = (w: number, first: number, last: number) => movedPrefix[w * (B + 1) + last + 1] - movedPrefix[w * (B + 1) + first];
  const prices = { stage: moved, hop: () => 0, input: () => 0, output: () => 0 };

  const incumbents: Chain[] = [];
  const kept = { stages: previous.stages };
  if (kept.stages.every((s) => survivors.nodes.some((n) => n.id === s.node)) && planProblems(p, survivors, kept).length === 0) {
    incumbents.push(planToChain(inst, kept));
  }
  const exact = isExactInRange(inst);
  const best = bestSolution(inst, seed, { labelsPerState });
  if (best) incumbents.push(best.chain);
  const solution = solve(inst, { exact, incumbents, prices, labelsPerState });
  if (!solution) return verdict(inst, 'the surviving nodes cannot be chained to hold the model (memory or links)');
  const planMs = now() - started;

  const result = chainToPlan(inst, solution.chain);
  const evaluation = evaluateValidPlan(p, survivors, result, objective);
  const redeployBytes = result.stages.reduce((sum, s) => sum + moved(survivors.nodes.findIndex((n) => n.id === s.node), s.firstBlock, s.lastBlock), 0);
  const lowerBoundMs = Math.min(best ? best.lowerBoundMs : solution.lowerBoundMs, evaluation.bottleneckMs);
  return { algorithm: 'best', ...evaluation, lowerBoundMs, planMs, redeployBytes };
}

/** Which node held each block in the previous plan (checked against the profile's block count). */
function blockOwners(profile: Profile, previous: Plan): string[] {
  if (!previous || !Array.isArray(previous.stages) || previous.stages.length === 0) throw new TypeError(`'previous' must be a plan with at least one stage`);
  const owners: string[] = new Array(profile.blocks.length).fill('');
  for (const s of previous.stages) {
    if (!Number.isInteger(s.firstBlock) || !Number.isInteger(s.lastBlock) || s.firstBlock < 0 || s.lastBlock >= profile.blocks.length || s.firstBlock > s.lastBlock) {
      throw new RangeError(`'previous' has a stage over blocks ${s.firstBlock}..${s.lastBlock}, outside the profile's 0..${profile.blocks.length - 1}`);
    }
    for (let b = s.firstBlock; b <= s.lastBlock; b++) owners[b] = s.node;
  }
  return owners;
}

/** The cluster without the dead nodes, and with the dead links cut both ways. */
function surviving(cluster: Cluster, dead: Set<string>, deadLinks: [string, string][]): Cluster {
  const keep = cluster.nodes.map((n, i) => (dead.has(n.id) ? -1 : i)).filter((i) => i >= 0);
  const cut = new Set(deadLinks.flatMap(([a, b]) => [`${a}\u0000${b}`, `${b}\u0000${a}`]));
  const id = (i: number) => cluster.nodes[i].id;
  const out: Cluster = {
    nodes: keep.map((i) => cluster.nodes[i]),
    bandwidthMbps: keep.map((i) => keep.map((j) => (cut.has(`${id(i)}\u0000${id(j)}`) ? 0 : cluster.bandwidthMbps[i][j]))),
  };
  if (cluster.latencyMs) out.latencyMs = keep.map((i) => keep.map((j) => cluster.latencyMs![i][j]));
  if (cluster.dispatcher !== undefined) out.dispatcher = cluster.dispatcher;
  return out;
}
