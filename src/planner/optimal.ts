/**
 * `optimal`: the exact minimum bottleneck (then, among plans as fast, the fewest stages and the lowest end-to-end
 * latency), with the exact DP behind the search. It refuses instances beyond the DP's range, saying why, rather
 * than running for hours.
 */
import { errors } from '../errors';
import { EXACT_WORK_LIMIT, exactWork } from './exact-search';
import type { Instance } from './instance';
import { type NoSolution, type Solution, solutionOrNull, type SolveOptions, solve } from './solve';

/** Most states the DP may allocate (11 bytes each): keeps memory under ~100 MB whatever the shape. */
const EXACT_STATE_LIMIT = 8_000_000;

export function isExactInRange(inst: Instance): boolean {
  const k = inst.candidates.length;
  return k <= 30 && exactWork(k, inst.blockCount) <= EXACT_WORK_LIMIT && 2 ** k * k * inst.blockCount <= EXACT_STATE_LIMIT;
}

/** optimal's solution, or null when no plan exists. */
export function optimalSolution(inst: Instance, options: OptimalOptions = {}): Solution | null {
  return solutionOrNull(optimalSearch(inst, options));
}

type OptimalOptions = Pick<SolveOptions, 'incumbents' | 'redeploy' | 'onProgress'>;

/** Throws SeiferError('out-of-range') when the instance is too big for the exact search. */
export function optimalSearch(inst: Instance, options: OptimalOptions = {}): Solution | NoSolution {
  if (!isExactInRange(inst)) {
    const k = inst.candidates.length;
    throw errors.outOfRange(
      'optimal',
      `${k} nodes and ${inst.blockCount} blocks need 2^n·n·B·(n+B) = ${exactWork(k, inst.blockCount).toExponential(1)} steps, ` +
        `beyond the exact search's limit of ${EXACT_WORK_LIMIT.toExponential(1)} (12 nodes and 60 blocks)`,
      'Use --algorithm best: it is exact within this range, near-optimal beyond it, and reports a lower bound on the optimum.',
    );
  }
  return solve(inst, { ...options, exact: true });
}
