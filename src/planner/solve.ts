/**
 * The two-phase search shared by `optimal`, `best` and `replan`:
 * 1. minimise the bottleneck. The walk relaxation gives a lower bound; plans handed in as incumbents give the first
 *    upper bound. The label search then looks for plans at the lower bound, letting the target grow geometrically
 *    until it finds one (each pass prunes everything above its target, so failed passes are cheap), then tries to
 *    beat what it found. When asked, the exact DP finishes the job.
 * 2. among plans no slower than that bottleneck, minimise a price: end-to-end latency by default, or the bytes to
 *    redeploy when replanning.
 */
import { exactSearch } from './exact-search';
import type { Chain, Instance } from './instance';
import { labelSearch } from './label-search';
import { distinctLinkBound } from './link-bound';
import { walkBackward, walkOptimum } from './lower-bound';
import { bottleneckCosts, chainValue, type Prices, sumCosts, tabulate } from './piece-costs';
import { subsetPolish } from './subset-polish';

export interface SolveOptions {
  /** Run the exact DP in both phases (only for instances within EXACT_WORK_LIMIT). */
  exact: boolean;
  /** Labels kept per (node, block) state by the heuristic search; default: 8 to 64, more for smaller instances. */
  labelsPerState?: number;
  /** Plans to beat; the result is never worse than the best of them. */
  incumbents?: Chain[];
  /** The phase-2 price; default: each piece's time (end-to-end latency). */
  prices?: Prices;
}

export interface Solution {
  chain: Chain;
  bottleneckMs: number;
  /** Equal to bottleneckMs when optimality is proven. */
  lowerBoundMs: number;
  /** 'exact' (the DP), 'search' (the label search), or 'incumbent' (a plan handed in was not beaten). */
  method: 'exact' | 'search' | 'incumbent';
}

/** Relative growth of the search target after each failed pass: 1 %, 2 %, 4 %, ... above the lower bound. */
const TARGET_STEPS = [1e-12, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56];

/** Labels per state so that a pass costs about the same whatever the size: 64 for small clusters, 8 for big ones. */
export function defaultLabels(inst: Instance): number {
  const k = inst.candidates.length;
  return Math.max(8, Math.min(64, Math.floor(2e6 / (k * k * inst.blockCount))));
}

/** null: no plan exists (exact, or the relaxation has no walk) or none was found (heuristic). */
export function solve(inst: Instance, options: SolveOptions): Solution | null {
  const table = tabulate(inst, bottleneckCosts(inst));
  const lowerBound = walkOptimum(table);
  if (lowerBound === Infinity) return null;
  const labelsPerState = options.labelsPerState ?? defaultLabels(inst);
  const completion = walkBackward(table);
  const best: { chain: Chain | null; value: number; method: Solution['method'] } = { chain: null, value: Infinity, method: 'incumbent' };
  const take = (found: { chain: Chain; value: number } | null, method: Solution['method']) => {
    if (found && found.value < best.value) Object.assign(best, { chain: found.chain, value: found.value, method });
  };
  const max = bottleneckCosts(inst);
  for (const candidate of options.incumbents ?? []) take({ chain: candidate, value: chainValue(inst, max, candidate) }, 'incumbent');

  if (best.value > lowerBound) {
    for (const step of lowerBound > 0 ? TARGET_STEPS : []) {
      const target = lowerBound * (1 + step);
      if (target >= best.value) break;
      take(labelSearch(table, { labelsPerState, upperBound: target, completion }), 'search');
      if (best.value <= target) break;
    }
    // beat what the passes found (or search without a target when they found nothing)
    if (best.value > lowerBound) take(labelSearch(table, { labelsPerState, upperBound: best.value, completion }), 'search');
    // nothing at all yet: before calling it infeasible, search again with the most labels
    if (!best.chain && !options.exact) take(labelSearch(table, { labelsPerState: 255, completion }), 'search');
  }
  if (options.exact) {
    if (best.value > lowerBound) take(exactSearch(table, best.value), 'exact');
    best.method = 'exact';
  } else if (best.chain && best.value > lowerBound) {
    take(subsetPolish(inst, max, best.chain, best.value, lowerBound), 'search');
  }
  if (!best.chain) return null;
  let chain: Chain = best.chain;
  const value = best.value;

  const priced = tabulate(inst, sumCosts(inst, value, options.prices));
  const price = chainValue(inst, sumCosts(inst, value, options.prices), chain);
  const better = options.exact ? exactSearch(priced, price) : labelSearch(priced, { labelsPerState, upperBound: price });
  if (better) chain = better.chain;
  const proven = options.exact || value <= lowerBound;
  return { chain, bottleneckMs: value, lowerBoundMs: proven ? value : distinctLinkBound(table, lowerBound, value), method: best.method };
}
