/**
 * Replanning after faults, with the algorithm the run was started with. SEIFER re-plans with its own method, so a
 * baseline simply runs again on what survives. `best` and `optimal` search again, and among the plans as fast
 * (within EQUAL_BOTTLENECK) choose the fewest stages, then the fewest bytes to redeploy (a block already on a
 * node costs nothing to keep there), then the lowest latency. The old plan is an incumbent when it still runs, so
 * nothing moves unless something faster or leaner exists.
 */
import { bestSearch } from './best';
import { evaluateValidPlan } from './cost';
import { largestHostBytes, memoryVerdict, verdict } from './feasibility';
import { coarseProfile, MAX_PLAN_BLOCKS, toBlockPlan } from './grouping';
import { type Chain, chainToPlan, compileInstance } from './instance';
import { instanceLowerBound, proofStatus } from './instance-bound';
import { optimalSearch } from './optimal';
import { planProblems } from './plan-check';
import { now, plan } from './plan';
import { survivingCluster } from './surviving';
import { ALGORITHMS, type AlgorithmName, type Cluster, type Infeasible, isInfeasible, type Objective, type Plan, type PlanReport, type Profile } from './types';
import { validateCluster, validateProfile } from './validate';

export interface ReplanOptions {
  /** Default 'best'. A baseline re-runs itself on the survivors, as SEIFER does. */
  algorithm?: AlgorithmName;
  objective?: Objective;
  seed?: number;
  /** kpath's class count; default 20. */
  classes?: number;
  /** As plan()'s. */
  stepBudget?: number;
  onProgress?: (fraction: number) => void;
}

export interface ReplanReport extends PlanReport {
  /** Bytes of blocks that must be sent to a node that did not hold them before. */
  redeployBytes: number;
}

/** Plans again on the cluster without `deadNodes` and the directed `deadLinks` ([from, to] pairs, see surviving.ts). */
export function replan(profile: Profile, previous: Plan, cluster: Cluster, deadNodes: string[] = [], deadLinks: [string, string][] = [], options: ReplanOptions = {}): ReplanReport | Infeasible {
  const { algorithm = 'best', objective = 'full', seed = 1, classes = 20, stepBudget, onProgress } = options;
  if (!ALGORITHMS.includes(algorithm)) throw new RangeError(`'algorithm' must be one of ${ALGORITHMS.join(', ')}, got '${algorithm}'`);
  const p = validateProfile(profile);
  const c = validateCluster(cluster);
  if (c.dispatcher !== undefined && deadNodes.includes(c.dispatcher)) throw new RangeError(`'deadNodes' contains the dispatcher '${c.dispatcher}': without it there is nothing to replan`);
  const moved = movedBytes(p, previous);
  const survivors = survivingCluster(c, deadNodes, deadLinks);
  const redeploy = (stages: Plan['stages']) => stages.reduce((sum, s) => sum + moved(s.node, s.firstBlock, s.lastBlock), 0);

  if (algorithm !== 'best' && algorithm !== 'optimal') {
    const outcome = plan(p, survivors, { algorithm, objective, seed, classes });
    return isInfeasible(outcome) ? outcome : { ...outcome, redeployBytes: redeploy(outcome.stages) };
  }
  const started = now();
  const obvious = memoryVerdict(p, survivors);
  if (obvious) return obvious;
  // a long chain in the groups plan() used on this cluster, plus the old cuts, so the old plan can be kept
  const keepCuts = new Set(previous.stages.map((s) => s.lastBlock));
  const grouping = coarseProfile(p, MAX_PLAN_BLOCKS, { mustCut: keepCuts, maxGroupBytes: largestHostBytes(c) / 4 });
  const { groups } = grouping;
  const inst = compileInstance(grouping.profile, survivors, objective);
  const redeployCosts = {
    movedBytes: (w: number, first: number, last: number) => moved(survivors.nodes[w].id, groups[first][0], groups[last][1]),
    heldBefore: (w: number) => previous.stages.some((s) => s.node === survivors.nodes[w].id),
  };

  const incumbents: Chain[] = [];
  const groupOf = new Map(groups.map(([, last], g) => [last, g]));
  if (planProblems(p, survivors, previous).length === 0 && previous.stages.every((s) => groupOf.has(s.lastBlock))) {
    const index = new Map(survivors.nodes.map((n, i) => [n.id, i]));
    incumbents.push({ nodes: previous.stages.map((s) => index.get(s.node)!), lastBlocks: previous.stages.map((s) => groupOf.get(s.lastBlock)!) });
  }
  const options2 = { incumbents, redeploy: redeployCosts, onProgress };
  const solution = algorithm === 'optimal' ? optimalSearch(inst, options2) : bestSearch(inst, seed, { ...options2, classes, stepBudget });
  if (!solution.chain) return verdict(p, survivors, 'the surviving nodes cannot be chained to hold the model (memory or links)');
  const planMs = now() - started;

  const result = toBlockPlan(chainToPlan(inst, solution.chain), groups);
  const evaluation = evaluateValidPlan(p, survivors, result, objective);
  const bound = grouping.profile === p ? solution.lowerBoundMs : instanceLowerBound(p, survivors, objective);
  return { algorithm, ...evaluation, ...proofStatus(evaluation.bottleneckMs, Math.min(bound, evaluation.bottleneckMs)), planMs, redeployBytes: redeploy(result.stages) };
}

/**
 * Bytes a stage of blocks first..last on a node must receive: the blocks that node did not hold in the previous
 * plan (each node held at most one range, its stage). Checks the previous plan against the profile.
 */
function movedBytes(profile: Profile, previous: Plan): (node: string, first: number, last: number) => number {
  if (!previous || !Array.isArray(previous.stages) || previous.stages.length === 0) throw new TypeError(`'previous' must be a plan with at least one stage`);
  const B = profile.blocks.length;
  const held = new Map<string, [number, number]>();
  for (const s of previous.stages) {
    if (!Number.isInteger(s.firstBlock) || !Number.isInteger(s.lastBlock) || s.firstBlock < 0 || s.lastBlock >= B || s.firstBlock > s.lastBlock) {
      throw new RangeError(`'previous' has a stage over blocks ${s.firstBlock}..${s.lastBlock}, outside the profile's 0..${B - 1}`);
    }
    held.set(s.node, [s.firstBlock, s.lastBlock]);
  }
  const prefix = new Float64Array(B + 1);
  profile.blocks.forEach((b, i) => (prefix[i + 1] = prefix[i] + b.memoryBytes));
  return (node, first, last) => {
    const range = held.get(node);
    const all = prefix[last + 1] - prefix[first];
    if (!range) return all;
    const [a, b] = [Math.max(first, range[0]), Math.min(last, range[1])];
    return a > b ? all : all - (prefix[b + 1] - prefix[a]);
  };
}
