/**
 * `best`, the default: the two-phase search of solve.ts, finished by the exact DP where that is in range. Beyond
 * it, when the search cannot prove its plan optimal within its budget, the SEIFER baselines' plans are taken as
 * well, so `best` is never worse than any of them on the same instance; the bound it reports is then the best one
 * it has, and the gap is visible.
 */
import type { Instance } from './instance';
import { isExactInRange } from './optimal';
import { baselineChains } from './run-baseline';
import { type NoSolution, type Solution, solutionOrNull, type SolveOptions, solve } from './solve';

export interface BestOptions extends Pick<SolveOptions, 'incumbents' | 'redeploy' | 'stepBudget' | 'onProgress'> {
  /** Fall back on the baselines' plans when the search cannot prove optimality (default true). */
  useBaselines?: boolean;
  /** Finish with the exact DP (default: exactly when the instance is in its range). */
  exact?: boolean;
  /** kpath's class count, so best replays kpath as plan() runs it; default 20. */
  classes?: number;
}

/** The search's answer, saying when there is no plan whether that is proven (see solve.ts). */
export function bestSearch(inst: Instance, seed: number, options: BestOptions = {}): Solution | NoSolution {
  const { useBaselines = true, exact = isExactInRange(inst), classes, ...rest } = options;
  return solve(inst, { ...rest, exact, fallbacks: useBaselines ? () => baselineChains(inst, seed, classes) : undefined });
}

/** best's solution, or null when it has none. */
export function bestSolution(inst: Instance, seed: number, options: BestOptions = {}): Solution | null {
  return solutionOrNull(bestSearch(inst, seed, options));
}
