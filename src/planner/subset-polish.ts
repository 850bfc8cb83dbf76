/**
 * A large-neighbourhood step for clusters beyond the exact DP: run the exact search on a subset of the nodes, the
 * ones the current plan uses plus the most promising others (ranked by the best walk through each node, from the
 * relaxation's forward and backward passes), a few different subsets in turn. Any plan found is valid for the
 * whole cluster, so this can only improve the incumbent.
 */
import { EXACT_WORK_LIMIT, exactSearch, exactWork } from './exact-search';
import type { Chain, Instance } from './instance';
import { walkBackward, walkForward } from './lower-bound';
import { type PieceCosts, tabulate } from './piece-costs';

export function subsetPolish(inst: Instance, costs: PieceCosts, chain: Chain, value: number, lowerBound: number, rounds = 3): { chain: Chain; value: number } {
  const k = inst.candidates.length;
  const B = inst.blockCount;
  let size = 2;
  while (size + 1 < k && exactWork(size + 1, B) <= EXACT_WORK_LIMIT / 8) size++;
  if (size <= chain.nodes.length) return { chain, value };
  const table = tabulate(inst, costs);
  const forward = walkForward(table);
  const backward = walkBackward(table);
  const score = inst.candidates.map((node, i) => {
    let best = Infinity;
    for (let e = 0; e < B; e++) {
      const f = forward[i * B + e];
      const b = backward[i * B + e];
      const through = table.sum ? f + b : Math.max(f, b);
      if (through < best) best = through;
    }
    return { node, best };
  });
  const ranked = score.sort((a, b) => a.best - b.best).map((s) => s.node);
  let current = { chain, value };
  for (let round = 0; round < rounds && current.value > lowerBound; round++) {
    const keep = new Set(current.chain.nodes);
    const others = ranked.filter((n) => !keep.has(n));
    const take = size - keep.size;
    const from = Math.min(round * Math.ceil(take / 2), Math.max(0, others.length - take));
    const subset = [...keep, ...others.slice(from, from + take)].sort((a, b) => a - b);
    const found = exactSearch(tabulate({ ...inst, candidates: subset }, costs), current.value);
    if (found) current = found;
  }
  return current;
}
