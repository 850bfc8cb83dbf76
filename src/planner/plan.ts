/**
 * `plan(profile, cluster, {algorithm, objective, seed})`: the planner's one door. `best` and `optimal` plan over
 * every cut (a long chain in groups, see grouping.ts), SEIFER's baselines over single-tensor cuts; the plan comes
 * back in block numbers with its costs, a lower bound on the optimum and whether it is proven optimal.
 */
import { bestSearch } from './best';
import { evaluateValidPlan } from './cost';
import { largestHostBytes, memoryVerdict, verdict } from './feasibility';
import { coarseProfile, MAX_PLAN_BLOCKS, singleTensorProfile, toBlockPlan } from './grouping';
import { type Chain, chainToPlan, compileInstance } from './instance';
import { instanceLowerBound, proofStatus } from './instance-bound';
import { optimalSearch } from './optimal';
import { planProblems } from './plan-check';
import { type BaselineName, runBaseline } from './run-baseline';
import { ALGORITHMS, type AlgorithmName, type Cluster, type Objective, type PlanOutcome, type Profile } from './types';
import { validateCluster, validateProfile } from './validate';

export interface PlanOptions {
  /** Default 'best'. */
  algorithm?: AlgorithmName;
  /** Default 'full'. */
  objective?: Objective;
  /** Seeds kpath's and random's choices (and best's replay of them); default 1. */
  seed?: number;
  /** kpath's number of transfer-size classes; default 20 (the paper's headline setting). */
  classes?: number;
  /** Steps each phase of the exhaustive search may take (a step: one link, stage end or state looked at); default 1.5 million, about half a second. */
  stepBudget?: number;
  /** Called now and then with the fraction done, for a progress line or bar. */
  onProgress?: (fraction: number) => void;
}

/** Wall time for planMs (not part of any result's meaning, so the pure core may read it). */
export const now = () => (globalThis.performance ? globalThis.performance.now() : 0);

/** A plan, or why there is none (memory needed against memory available). */
export function plan(profile: Profile, cluster: Cluster, options: PlanOptions = {}): PlanOutcome {
  const { algorithm = 'best', objective = 'full', seed = 1, classes = 20, stepBudget, onProgress } = options;
  if (!ALGORITHMS.includes(algorithm)) throw new RangeError(`'algorithm' must be one of ${ALGORITHMS.join(', ')}, got '${algorithm}'`);
  if (objective !== 'full' && objective !== 'comm') throw new RangeError(`'objective' must be 'full' or 'comm', got '${objective}'`);
  if (!Number.isFinite(seed)) throw new RangeError(`'seed' must be a finite number, got ${seed}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`'classes' must be an integer >= 1, got ${classes}`);
  if (stepBudget !== undefined && !(Number.isInteger(stepBudget) && stepBudget >= 0)) throw new RangeError(`'stepBudget' must be an integer >= 0, got ${stepBudget}`);
  onProgress?.(0); // validating a big profile or cluster takes a while too
  const p = validateProfile(profile);
  const c = validateCluster(cluster);
  const started = now();
  const obvious = memoryVerdict(p, c);
  if (obvious) return obvious;

  const searched = algorithm === 'best' || algorithm === 'optimal';
  // best and optimal cut anywhere (long chains in groups); SEIFER's baselines only where one tensor crosses
  const grouping = searched ? coarseProfile(p, MAX_PLAN_BLOCKS, { maxGroupBytes: largestHostBytes(c) / 4 }) : singleTensorProfile(p);
  const inst = compileInstance(grouping.profile, c, objective);
  let chain: Chain;
  let boundMs: number | null = null;
  if (searched) {
    const solution = algorithm === 'best' ? bestSearch(inst, seed, { classes, stepBudget, onProgress }) : optimalSearch(inst, { onProgress });
    if (!solution.chain) {
      return verdict(
        p,
        c,
        solution.proven
          ? 'no chain of distinct, linked nodes can hold the model (memory is split across nodes that cannot be chained, or links are missing)'
          : 'the search found no plan within its budget, and could not prove that none exists',
      );
    }
    chain = solution.chain;
    // a bound on groups holds for the blocks only when nothing was grouped
    if (grouping.profile === p) boundMs = solution.lowerBoundMs;
  } else {
    const result = runBaseline(inst, algorithm as BaselineName, seed, classes);
    if ('reason' in result) return verdict(p, c, `${algorithm}: ${result.reason}`);
    chain = result.chain;
  }
  const planMs = now() - started;

  const result = toBlockPlan(chainToPlan(inst, chain), grouping.groups);
  const problems = planProblems(p, c, result);
  if (problems.length > 0) throw new Error(`planner bug: ${algorithm} built an invalid plan: ${problems[0].field} ${problems[0].detail}`);
  const evaluation = evaluateValidPlan(p, c, result, objective);
  const lowerBoundMs = Math.min(boundMs ?? instanceLowerBound(p, c, objective), evaluation.bottleneckMs);
  return { algorithm, ...evaluation, ...proofStatus(evaluation.bottleneckMs, lowerBoundMs), planMs };
}
