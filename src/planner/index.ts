/**
 * The planner: split a chain of blocks across a cluster so the slowest stage or hop is as fast as possible.
 * `plan(profile, cluster, {algorithm, objective, seed})` is the one door; the rest is exported for the UI,
 * the emulator, the CLI and the benches.
 */
import { bestSolution } from './best';
import { btspChain } from './btsp';
import { evaluateValidPlan } from './cost';
import { memoryVerdict, verdict } from './feasibility';
import { type Chain, chainToPlan, compileInstance, type Instance } from './instance';
import { jointChain } from './joint';
import { kpathChain } from './kpath';
import { distinctLinkBound } from './link-bound';
import { walkOptimum } from './lower-bound';
import { optimalSolution } from './optimal';
import { bottleneckCosts, tabulate } from './piece-costs';
import { planProblems } from './plan-check';
import { randomChain } from './random';
import { streamFor } from './streams';
import { ALGORITHMS, type AlgorithmName, type Cluster, type Objective, type PlanOutcome, type Profile } from './types';
import { validateCluster, validateProfile } from './validate';

export * from './types';
export { evaluatePlan, hopMs, stageComputeMs } from './cost';
export { planProblems } from './plan-check';
export { validateCluster, validateProfile } from './validate';
export { randomGeometricCluster, paperBandwidthMbps } from './cluster-gen';
export { replan, type ReplanOptions } from './replan';

export interface PlanOptions {
  /** Default 'best'. */
  algorithm?: AlgorithmName;
  /** Default 'full'. */
  objective?: Objective;
  /** Seeds kpath's and random's choices (and best's replay of them); default 1. */
  seed?: number;
  /** kpath's number of transfer-size classes; default 20 (the paper's headline setting). */
  classes?: number;
  /** best's labels per search state; default: 8 to 64 depending on the instance's size. */
  labelsPerState?: number;
}

const now = () => (globalThis.performance ? globalThis.performance.now() : 0);

export function plan(profile: Profile, cluster: Cluster, options: PlanOptions = {}): PlanOutcome {
  const { algorithm = 'best', objective = 'full', seed = 1, classes = 20, labelsPerState } = options;
  if (!ALGORITHMS.includes(algorithm)) throw new RangeError(`'algorithm' must be one of ${ALGORITHMS.join(', ')}, got '${algorithm}'`);
  if (objective !== 'full' && objective !== 'comm') throw new RangeError(`'objective' must be 'full' or 'comm', got '${objective}'`);
  if (!Number.isFinite(seed)) throw new RangeError(`'seed' must be a finite number, got ${seed}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`'classes' must be an integer >= 1, got ${classes}`);
  if (labelsPerState !== undefined && (!Number.isInteger(labelsPerState) || labelsPerState < 1 || labelsPerState > 255)) throw new RangeError(`'labelsPerState' must be an integer in 1..255, got ${labelsPerState}`);
  const inst = compileInstance(validateProfile(profile), validateCluster(cluster), objective);
  const started = now();
  const obvious = memoryVerdict(inst);
  if (obvious) return obvious;

  let chain: Chain | null = null;
  let lowerBoundMs: number | undefined;
  let reason = '';
  if (algorithm === 'best' || algorithm === 'optimal') {
    const solution = algorithm === 'best' ? bestSolution(inst, seed, { labelsPerState, classes }) : optimalSolution(inst);
    if (solution) [chain, lowerBoundMs] = [solution.chain, solution.lowerBoundMs];
    else reason = 'no chain of distinct, linked nodes can hold the model (memory is split across nodes that cannot be chained, or links are missing)';
  } else {
    const result = baseline(inst, algorithm, seed, classes);
    if ('chain' in result) chain = result.chain;
    else reason = result.reason;
  }
  if (!chain) return verdict(inst, reason);
  const planMs = now() - started;

  const result = chainToPlan(inst, chain);
  const problems = planProblems(inst.profile, inst.cluster, result);
  if (problems.length > 0) throw new Error(`planner bug: ${algorithm} built an invalid plan: ${problems[0].field} ${problems[0].detail}`);
  const evaluation = evaluateValidPlan(inst.profile, inst.cluster, result, objective);
  const bound = lowerBoundMs ?? lowerBound(inst, evaluation.bottleneckMs);
  return { algorithm, ...evaluation, lowerBoundMs: Math.min(bound, evaluation.bottleneckMs), planMs };
}

function baseline(inst: Instance, algorithm: 'kpath' | 'joint' | 'random' | 'btsp', seed: number, classes: number) {
  switch (algorithm) {
    case 'kpath':
      return kpathChain(inst, streamFor(seed, 'kpath'), classes);
    case 'joint':
      return jointChain(inst);
    case 'random':
      return randomChain(inst, streamFor(seed, 'random'));
    case 'btsp':
      return btspChain(inst);
  }
}

/** The best lower bound we can give without searching: walk relaxation, tightened by the distinct-links bound. */
export function lowerBound(inst: Instance, upperBoundMs: number): number {
  const table = tabulate(inst, bottleneckCosts(inst));
  const walk = walkOptimum(table);
  return walk < upperBoundMs ? distinctLinkBound(table, walk, upperBoundMs) : walk;
}
