/**
 * `best`, the default: exact where the exact DP is in range; beyond it, the label search seeded with the SEIFER
 * baselines' plans as incumbents, so it is never worse than any of them on the same instance, and it reports the
 * best lower bound it has (walk relaxation and distinct-links bound) so the remaining gap is visible.
 */
import { errors } from '../errors';
import { btspChain } from './btsp';
import type { Chain, Instance } from './instance';
import { jointChain } from './joint';
import { kpathChain } from './kpath';
import { isExactInRange } from './optimal';
import { randomChain } from './random';
import { type Solution, solve } from './solve';
import { streamFor } from './streams';

export interface BestOptions {
  labelsPerState?: number;
  /** Seed the search with the baselines' plans (default true beyond the exact range). */
  useBaselines?: boolean;
  /** Force the exact DP on or off (default: on exactly when the instance is in its range). */
  exact?: boolean;
  /** kpath's class count, so best replays kpath as plan() runs it; default 20. */
  classes?: number;
}

/** The search tabulates every hop (blocks x nodes²): beyond this many entries it would take too much memory. */
export const BEST_TABLE_LIMIT = 50_000_000;

export function bestSolution(inst: Instance, seed: number, options: BestOptions = {}): Solution | null {
  const k = inst.candidates.length;
  if (inst.blockCount * k * k > BEST_TABLE_LIMIT) {
    throw errors.outOfRange(
      'best',
      `${k} nodes and ${inst.blockCount} blocks need a table of ${(inst.blockCount * k * k).toExponential(1)} hops, beyond ${BEST_TABLE_LIMIT.toExponential(1)}`,
      'Merge blocks (fewer cut points) or plan on a subset of the nodes, e.g. the 300 best connected.',
    );
  }
  const exact = options.exact ?? isExactInRange(inst);
  const incumbents: Chain[] = [];
  if (!exact && options.useBaselines !== false) {
    // the same streams plan() hands each baseline, so best sees exactly the plans they return
    const results = [jointChain(inst), kpathChain(inst, streamFor(seed, 'kpath'), options.classes), btspChain(inst), randomChain(inst, streamFor(seed, 'random'))];
    for (const r of results) if ('chain' in r) incumbents.push(r.chain);
  }
  return solve(inst, { exact, incumbents, labelsPerState: options.labelsPerState });
}
