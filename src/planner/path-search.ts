/**
 * The exhaustive search for clusters beyond the exact DP: depth first over (last block, node, used nodes), looking
 * for a chain whose value is strictly below a bound. It reads only the links fast enough for the bound (link-order)
 * and prunes every branch the walk relaxation (walk-sparse) says cannot finish below it, so what is left to search
 * is where "distinct nodes" bites. A state that fails is remembered with its conflict set: the used nodes that
 * blocked a branch below it (a branch refused because its node was taken, or a failed child's own set). The same
 * state fails again whenever those nodes are used and it needs at least as good a completion, whatever the rest
 * of the path, so most states are searched once. When it finishes without a chain, nothing below the bound exists:
 * that is a proof. A step budget bounds the work; a search cut short proves nothing and remembers nothing.
 */
import type { Chain, Instance } from './instance';
import { type LinkOrder, sortRest } from './link-order';
import type { PieceCosts } from './piece-costs';
import { stageRows } from './stage-rows';
import type { SparseWalk } from './walk-sparse';

export interface PathSearchResult {
  /** The chain found (value below the bound), or null. */
  chain: Chain | null;
  value: number;
  /** True when the search ran to its end: with no chain, no chain below the bound exists. */
  complete: boolean;
}

export interface PathSearch {
  /** The first chain found with value < bound, within `stepBudget` more steps. */
  below(bound: number, stepBudget: number): PathSearchResult;
  /** Steps used so far, over all calls (a step: one link, stage end or state looked at). */
  steps(): number;
}

interface Failure {
  /** No completion with a value below this (for max: every piece below it) avoids... */
  need: number;
  /** ...as long as these nodes are used. */
  conflict: number[];
}

/** Failures kept per state: enough for the few used-node sets that matter, bounded for the lookups. */
const FAILURES_PER_STATE = 6;
/** Steps between progress calls. */
const TICK = 1 << 16;

const FOUND: number[] = [];
const ABORTED: number[] = [];

/** A search over the instance's candidates; failures are remembered across calls (they hold for any lower bound). */
export function pathSearch(inst: Instance, order: LinkOrder, costs: PieceCosts, walk: SparseWalk, onSteps?: (steps: number) => void): PathSearch {
  const { k, nodes, start, count, to, perByte } = order;
  const B = inst.blockCount;
  const sum = costs.combine === 'sum';
  const combine = (a: number, b: number) => (sum ? a + b : a > b ? a : b);
  const { after, from } = walk;
  const rows = stageRows(inst, nodes, costs);
  const memo: (Failure[] | undefined)[] = new Array(k * B);
  const used = new Uint8Array(k);
  const pathNodes: number[] = [];
  const pathEnds: number[] = [];
  let steps = 0;
  let limit = 0;
  let nextTick = TICK;
  let bound = Infinity;
  let found: PathSearchResult | null = null;

  // the starts, most promising first (by the relaxation's value through them)
  const starts = Array.from({ length: k }, (_, v) => v)
    .map((v) => ({ v, value: combine(costs.input(nodes[v]), from[v * B]) }))
    .filter((s) => s.value < Infinity)
    .sort((a, b) => a.value - b.value)
    .map((s) => s.v);

  /** A failure, replacing those it makes redundant (they need no more and block with more); a few per state. */
  const remember = (state: number, need: number, conflict: number[]) => {
    const list = (memo[state] ??= []);
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].need <= need && conflict.every((c) => list[i].conflict.includes(c))) list.splice(i, 1);
    }
    list.push({ need, conflict });
    if (list.length > FAILURES_PER_STATE) list.shift();
  };

  /**
   * Stages s..e on v after a prefix worth `base`, longest first (fewer stages make better first plans for the
   * tie-break to improve on); returns FOUND, ABORTED, or the conflict set of the failures.
   */
  const stagesOn = (v: number, s: number, base: number, conflict: number[]): number[] => {
    const node = nodes[v];
    const r = rows.row[v] * B + s;
    const at = rows.at[r] - s;
    let last = s - 1;
    while (last < rows.reach[r] && combine(base, rows.price[at + last + 1]) < bound) last++; // prices only grow
    steps += last - s + 2;
    for (let e = last; e >= s; e--) {
      const value = combine(base, rows.price[at + e]);
      if (e === B - 1) {
        const total = combine(value, costs.output(node));
        if (total < bound) {
          found = { chain: { nodes: [...pathNodes, node], lastBlocks: [...pathEnds, e] }, value: total, complete: false };
          return FOUND;
        }
        continue;
      }
      if (!(combine(value, after[v * B + e]) < bound)) continue;
      if (steps > limit) return ABORTED;
      if (steps >= nextTick) {
        nextTick = steps + TICK;
        onSteps?.(steps);
      }
      used[v] = 1;
      pathNodes.push(node);
      pathEnds.push(e);
      const result = expand(e, v, value);
      pathNodes.pop();
      pathEnds.pop();
      used[v] = 0;
      if (result === FOUND || result === ABORTED) return result;
      for (const c of result) if (c !== v && !conflict.includes(c)) conflict.push(c);
    }
    return conflict;
  };

  /** Everything after a stage ending at block e on u (u and the path's nodes used), prefix worth `prefix`. */
  const expand = (e: number, u: number, prefix: number): number[] => {
    const need = sum ? bound - prefix : bound;
    const state = u * B + e;
    const failures = memo[state];
    if (failures) {
      for (const f of failures) if (need <= f.need && f.conflict.every((c) => used[c])) return f.conflict;
    }
    const conflict: number[] = [];
    const s = e + 1;
    const bytes = inst.outBytes[e];
    for (let j = start[u], end = start[u] + count[u]; j < end; j++) {
      steps++;
      if (j === order.sorted[u]) sortRest(order, u);
      const ms = bytes * perByte[j];
      if (ms > costs.maxHopMs || !(combine(prefix, costs.hopFloor * ms) < bound)) break; // links only get slower
      const v = to[j];
      const base = combine(prefix, costs.hop(nodes[u], nodes[v], e));
      if (!(combine(base, from[v * B + s]) < bound)) continue;
      if (used[v]) {
        if (!conflict.includes(v)) conflict.push(v);
        continue;
      }
      const result = stagesOn(v, s, base, conflict);
      if (result === FOUND || result === ABORTED) return result;
    }
    remember(state, need, conflict);
    return conflict;
  };

  return {
    below(newBound, stepBudget) {
      bound = newBound;
      limit = steps + stepBudget;
      found = null;
      for (const v of starts) {
        const base = costs.input(nodes[v]);
        if (!(combine(base, from[v * B]) < bound)) continue;
        const result = stagesOn(v, 0, base, []);
        if (result === FOUND) return found!;
        if (result === ABORTED) return { chain: null, value: Infinity, complete: false };
      }
      return { chain: null, value: Infinity, complete: true };
    },
    steps: () => steps,
  };
}
