/**
 * The two-phase search shared by `optimal`, `best` and `replan`:
 * 1. minimise the bottleneck. The walk relaxation (walk-sparse) and the node-counting bound (partition-bound) give
 *    a lower bound and, when the best walk uses distinct nodes, the answer. Otherwise the exhaustive path search looks for plans below targets growing from
 *    the bound (a target it refutes raises the bound), then below the best plan found until it proves that nothing
 *    beats it. Cut short by its step budget, the exact DP finishes the job where it is in range; beyond, the plan
 *    found is kept with the best bound known, and the caller's fallback plans (the baselines) are taken if better.
 * 2. among plans whose bottleneck is the same within EQUAL_BOTTLENECK, prefer the fewest stages, then (replanning)
 *    the fewest bytes to redeploy, then the lowest end-to-end latency: one additive price, searched the same way.
 */
import { exactSearch } from './exact-search';
import type { Chain, Instance } from './instance';
import { distinctLinkBound } from './link-bound';
import { type LinkOrder, linkOrder } from './link-order';
import { instanceHosts, partitionBound } from './partition-bound';
import { pathSearch } from './path-search';
import { bottleneckCosts, chainValue, type PieceCosts, type Prices, sumCosts, tabulate } from './piece-costs';
import { EQUAL_BOTTLENECK } from './types';
import { sparseWalk } from './walk-sparse';

export interface SolveOptions {
  /** Finish with the exact DP when the search is cut short (only for instances within EXACT_WORK_LIMIT). */
  exact: boolean;
  /** Plans to beat; the result is never worse than the best of them. */
  incumbents?: Chain[];
  /** Plans computed only when the search cannot prove its plan optimal (the baselines: they cost time). */
  fallbacks?: () => Chain[];
  /** Replanning: what moving blocks costs, ranked right after stage count. */
  redeploy?: Redeploy;
  /** Steps each phase's search may take (default SEARCH_STEPS). */
  stepBudget?: number;
  /** Called now and then with the fraction done. */
  onProgress?: (fraction: number) => void;
}

export interface Redeploy {
  /** Bytes a stage of blocks first..last on cluster node `node` must receive (the blocks it did not hold). */
  movedBytes(node: number, first: number, last: number): number;
  /** Whether the node held any block before (the others all price a stage alike). */
  heldBefore(node: number): boolean;
}

export interface Solution {
  chain: Chain;
  bottleneckMs: number;
  /** No plan has a lower bottleneck. */
  lowerBoundMs: number;
  /** The bottleneck is within EQUAL_BOTTLENECK of the optimum (lowerBoundMs is then the optimum itself). */
  proven: boolean;
}

/** What solve says when it has no plan: `proven` when no plan exists at all, false when none was found in budget. */
export interface NoSolution {
  chain: null;
  proven: boolean;
}

export function solutionOrNull(result: Solution | NoSolution): Solution | null {
  return result.chain ? result : null;
}

/** About half a second of search per phase on this kind of machine, whatever the instance. */
const SEARCH_STEPS = 1_500_000;

/** Relative growth of the search target after each refuted pass: 1 %, 2 %, 4 %, ... above the lower bound. */
const TARGET_STEPS = [1e-9, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56];

/** Links the tie-break walk may look at: about a second here (a 2,000-node cluster and a 100,000-block profile needs 30 times that). */
const TIE_BREAK_WALK_STEPS = 40_000_000;

/** Instances whose hop table stays small enough to tabulate for the distinct-links bound. */
const TABLE_LIMIT = 4_000_000;

const distinct = (chain: Chain | null) => chain !== null && new Set(chain.nodes).size === chain.nodes.length;

export function solve(inst: Instance, options: SolveOptions): Solution | NoSolution {
  const budget = options.stepBudget ?? SEARCH_STEPS;
  const progress = options.onProgress ?? (() => undefined);
  const order = linkOrder(inst);
  const max = bottleneckCosts(inst);
  const walk = sparseWalk(inst, order, max, { onProgress: (f) => progress(0.1 * f) });
  // the walk may bounce between two nodes; counting nodes bounds chains that need many stages
  let lower = partitionBound(inst.profile, instanceHosts(inst, order), inst.objective, walk.optimum);
  progress(0.1);
  if (lower === Infinity) return { chain: null, proven: true };

  // phase 1: the bottleneck
  const best: { chain: Chain | null; value: number } = { chain: null, value: Infinity };
  const take = (chain: Chain | null, value = chain ? chainValue(inst, max, chain) : Infinity) => {
    if (chain && value < best.value) [best.chain, best.value] = [chain, value];
  };
  for (const chain of options.incumbents ?? []) take(chain);
  if (distinct(walk.walk)) take(walk.walk);
  const search = pathSearch(inst, order, max, walk, (steps) => progress(0.1 + 0.6 * Math.min(1, steps / budget)));
  const left = () => budget - search.steps();
  let complete = best.value <= lower;
  // each pass gets a share of the budget: one cut short proves nothing, and the next target may be easy
  const passBudget = Math.max(1, Math.floor(budget / 8));
  const base = lower;
  for (const step of lower > 0 && !complete ? TARGET_STEPS : []) {
    const target = base * (1 + step);
    if (target >= best.value || left() <= 0) break;
    const found = search.below(target, Math.min(passBudget, left()));
    if (found.chain) {
      take(found.chain, found.value);
      break;
    }
    if (found.complete) lower = Math.max(lower, target); // nothing has every piece below the target
  }
  while (!complete && left() > 0) {
    const found = search.below(best.value, left());
    if (found.chain) take(found.chain, found.value);
    else complete = found.complete;
  }
  if (!complete && options.exact) {
    const exact = exactSearch(tabulate(inst, max), best.value);
    if (exact) take(exact.chain, exact.value);
    complete = true;
  }
  if (!complete) for (const chain of options.fallbacks?.() ?? []) take(chain);
  progress(0.7);
  if (!best.chain) return { chain: null, proven: complete };
  if (complete) lower = best.value;
  else if (inst.blockCount * inst.candidates.length ** 2 <= TABLE_LIMIT) {
    lower = Math.max(lower, distinctLinkBound(tabulate(inst, max), lower, best.value));
  }

  // phase 2: among plans as fast, the fewest stages (then bytes moved, then latency)
  const window = best.value * (1 + EQUAL_BOTTLENECK);
  const priced = sumCosts(inst, window, tieBreakPrices(inst, window, options.redeploy));
  const chain = cheapest(inst, order, priced, best.chain, options.exact, budget, (f) => progress(0.7 + 0.3 * f));
  progress(1);
  return { chain, bottleneckMs: chainValue(inst, max, chain), lowerBoundMs: Math.min(lower, best.value), proven: complete };
}

/** The chain with the lowest additive price, starting from `incumbent` (allowed by the prices). */
function cheapest(inst: Instance, order: LinkOrder, costs: PieceCosts, incumbent: Chain, exact: boolean, budget: number, progress: (f: number) => void): Chain {
  let chain = incumbent;
  let price = chainValue(inst, costs, chain);
  // this walk is only a tie-break (the bottleneck is settled): on a huge instance whose walk would not end within
  // the search budget, the incumbent stays (same bottleneck, perhaps more stages than needed)
  const walk = sparseWalk(inst, order, costs, { maxSteps: TIE_BREAK_WALK_STEPS, onProgress: (f) => progress(0.5 * f) });
  if (!walk.complete) return chain;
  if (distinct(walk.walk) && walk.optimum < price) return walk.walk!;
  if (walk.optimum >= price) return chain;
  const search = pathSearch(inst, order, costs, walk, (steps) => progress(0.5 + 0.5 * Math.min(1, steps / budget)));
  let complete = false;
  while (!complete && search.steps() < budget) {
    const found = search.below(price, budget - search.steps());
    if (found.chain) [chain, price] = [found.chain, found.value];
    else complete = found.complete;
  }
  if (!complete && exact) {
    const better = exactSearch(tabulate(inst, costs), price);
    if (better) chain = better.chain;
  }
  return chain;
}

/**
 * Prices that rank plans by stage count first: each stage costs more than any plan's whole remainder can (a plan
 * within `windowMs` has at most 2S + 1 pieces of at most windowMs each); replanning puts bytes moved next, with
 * latency scaled to weigh less than one byte in total.
 */
function tieBreakPrices(inst: Instance, windowMs: number, redeploy?: Redeploy): Prices {
  const stagesAtMost = Math.min(inst.candidates.length, inst.blockCount);
  const latencyCap = Number.isFinite(windowMs) ? (2 * stagesAtMost + 2) * windowMs + 1 : 1;
  const byClass = (node: number) => inst.stageClass[node];
  if (!redeploy) {
    const perStage = latencyCap;
    return { stage: (_n, _f, _l, ms) => perStage + ms, stageKey: byClass };
  }
  const perMs = 1 / latencyCap;
  const perStage = inst.memPrefix[inst.blockCount] + 2;
  return {
    stage: (node, first, last, ms) => perStage + redeploy.movedBytes(node, first, last) + perMs * ms,
    stageKey: (node) => (redeploy.heldBefore(node) ? inst.stageClass.length + node : byClass(node)),
    hop: (_f, _t, _c, ms) => perMs * ms,
    input: (_n, ms) => perMs * ms,
    output: (_n, ms) => perMs * ms,
    hopPerMs: perMs,
  };
}
