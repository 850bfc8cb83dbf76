/**
 * The heuristic search for clusters too big for the exact DP: the same DP over (node, last block), but each state
 * keeps up to `labelsPerState` partial plans ("labels"), each with the set of nodes it has used, so "distinct nodes"
 * is respected exactly along every label. A label is ranked by its potential: its value so far combined with the
 * walk relaxation's best completion from its state (A*-style; being a lower bound, pruning by it never drops a
 * label that could beat the bound). A label dominated by another (no better potential, a superset of its nodes) is
 * dropped; beyond that the worst potential goes. With unlimited labels this is exact; with a few it is fast.
 * Labels of a state are only moved while the state still receives offers, i.e. before anything points to them.
 */
import type { Chain } from './instance';
import { walkBackward } from './lower-bound';
import type { PieceTable } from './piece-costs';

export interface LabelSearchOptions {
  labelsPerState?: number;
  /** Only chains strictly better than this are returned. */
  upperBound?: number;
  /** walkBackward(table), if the caller has it already. */
  completion?: Float64Array;
}

export function labelSearch(t: PieceTable, options: LabelSearchOptions = {}): { chain: Chain; value: number } | null {
  const L = Math.max(1, Math.min(255, options.labelsPerState ?? 8));
  const ub = options.upperBound ?? Infinity;
  const completion = options.completion ?? walkBackward(t);
  const { k, blockCount: B, sum } = t;
  const W = Math.ceil(k / 32);
  const slots = k * B * L;
  const value = new Float64Array(slots);
  const potential = new Float64Array(slots);
  const used = new Int32Array(slots * W);
  const size = new Uint16Array(slots);
  const prev = new Int32Array(slots);
  const count = new Uint8Array(k * B);
  const scratch = new Int32Array(W);
  const combine = (a: number, b: number) => (sum ? a + b : a > b ? a : b);

  const moveSlot = (from: number, to: number) => {
    if (from === to) return;
    value[to] = value[from];
    potential[to] = potential[from];
    size[to] = size[from];
    prev[to] = prev[from];
    for (let u = 0; u < W; u++) used[to * W + u] = used[from * W + u];
  };

  /** Offers a label (node set in `scratch`) to state (i, e). */
  const offer = (i: number, e: number, val: number, pot: number, nodes: number, from: number) => {
    const state = i * B + e;
    const base = state * L;
    let n = count[state];
    let worst = -1;
    if (n === L) {
      // full: a label worse than all present can neither enter nor dominate anyone
      worst = base;
      for (let a = base + 1; a < base + L; a++) {
        if (potential[a] > potential[worst] || (potential[a] === potential[worst] && size[a] > size[worst])) worst = a;
      }
      if (pot > potential[worst] || (pot === potential[worst] && nodes >= size[worst])) return;
    }
    for (let a = base; a < base + n; a++) {
      if (potential[a] > pot) continue;
      let subset = true;
      for (let u = 0; u < W && subset; u++) subset = (used[a * W + u] & ~scratch[u]) === 0;
      if (subset) return;
    }
    for (let a = base; a < base + n; a++) {
      if (pot > potential[a]) continue;
      let superset = true;
      for (let u = 0; u < W && superset; u++) superset = (scratch[u] & ~used[a * W + u]) === 0;
      if (superset) {
        moveSlot(base + n - 1, a);
        n--;
        a--;
        worst = -1;
      }
    }
    const slot = n < L ? base + n++ : worst;
    count[state] = n;
    value[slot] = val;
    potential[slot] = pot;
    size[slot] = nodes;
    prev[slot] = from;
    for (let u = 0; u < W; u++) used[slot * W + u] = scratch[u];
  };

  for (let i = 0; i < k; i++) {
    const start = t.input[i];
    if (!(start < ub)) continue;
    scratch.fill(0);
    scratch[i >> 5] |= 1 << (i & 31);
    const reach = t.reach[i * B];
    const at = t.stageAt[i * B];
    for (let e = 0; e <= reach; e++) {
      const val = combine(start, t.stage[at + e]);
      if (!(val < ub)) break;
      const pot = combine(val, completion[i * B + e]);
      if (pot < ub) offer(i, e, val, pot, 1, -1);
    }
  }

  for (let e = 0; e < B - 1; e++) {
    const s = e + 1;
    const row = e * k * k;
    for (let i = 0; i < k; i++) {
      const state = i * B + e;
      for (let slot = 0; slot < count[state]; slot++) {
        const a = state * L + slot;
        if (!(potential[a] < ub)) continue;
        for (let j = 0; j < k; j++) {
          if (used[a * W + (j >> 5)] & (1 << (j & 31))) continue;
          const base = combine(value[a], t.hop[row + i * k + j]);
          if (!(base < ub)) continue;
          const reach = t.reach[j * B + s];
          if (reach < s) continue;
          for (let u = 0; u < W; u++) scratch[u] = used[a * W + u];
          scratch[j >> 5] |= 1 << (j & 31);
          const at = t.stageAt[j * B + s] - s;
          for (let e2 = s; e2 <= reach; e2++) {
            const val = combine(base, t.stage[at + e2]);
            if (!(val < ub)) break;
            const pot = combine(val, completion[j * B + e2]);
            if (pot < ub) offer(j, e2, val, pot, size[a] + 1, a);
          }
        }
      }
    }
  }

  let best = ub;
  let bestSlot = -1;
  for (let i = 0; i < k; i++) {
    const state = i * B + B - 1;
    for (let slot = 0; slot < count[state]; slot++) {
      const a = state * L + slot;
      const total = combine(value[a], t.output[i]);
      if (total < best) [best, bestSlot] = [total, a];
    }
  }
  if (bestSlot < 0) return null;
  const nodes: number[] = [];
  const lastBlocks: number[] = [];
  for (let a = bestSlot; a >= 0; a = prev[a]) {
    const state = Math.floor(a / L);
    nodes.push(t.nodes[Math.floor(state / B)]);
    lastBlocks.push(state % B);
  }
  return { chain: { nodes: nodes.reverse(), lastBlocks: lastBlocks.reverse() }, value: best };
}
