/**
 * `optimal`: the exact minimum bottleneck (then, among optimal plans, the lowest end-to-end latency). It refuses
 * instances beyond the exact DP's range, saying why, rather than running for hours.
 */
import { errors } from '../errors';
import { EXACT_WORK_LIMIT, exactWork } from './exact-search';
import type { Instance } from './instance';
import { type Solution, solve } from './solve';

/** Most states the DP may allocate (11 bytes each): keeps memory under ~100 MB whatever the shape. */
const EXACT_STATE_LIMIT = 8_000_000;

export function isExactInRange(inst: Instance): boolean {
  const k = inst.candidates.length;
  return k <= 30 && exactWork(k, inst.blockCount) <= EXACT_WORK_LIMIT && 2 ** k * k * inst.blockCount <= EXACT_STATE_LIMIT;
}

/** Throws SeiferError('out-of-range') when the instance is too big for the exact search. */
export function optimalSolution(inst: Instance): Solution | null {
  if (!isExactInRange(inst)) {
    const k = inst.candidates.length;
    throw errors.outOfRange(
      'optimal',
      `${k} nodes and ${inst.blockCount} blocks need 2^n·n·B·(n+B) = ${exactWork(k, inst.blockCount).toExponential(1)} steps, ` +
        `beyond the exact search's limit of ${EXACT_WORK_LIMIT.toExponential(1)} (12 nodes and 60 blocks)`,
      'Use --algorithm best: it is exact within this range, near-optimal beyond it, and reports a lower bound on the optimum.',
    );
  }
  return solve(inst, { exact: true });
}
