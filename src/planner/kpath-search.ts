/**
 * Exact k-path search (replacing SEIFER's colour coding): a simple directed path of exactly k vertices,
 * optionally from a given start and/or to a given end, using only allowed vertices and edges. Depth-first with
 * pruning: the start's reachable set must hold k vertices, the end must stay reachable within the steps left, and
 * the end is entered only as the last vertex. Exact unless the step budget runs out (then it reports `exhausted`).
 */
import type { Rng } from '../util/rng';

export interface KPathQuery {
  /** Vertices 0..vertexCount-1. */
  vertexCount: number;
  /** Whether vertex v may be used. */
  allowed: Uint8Array;
  /** Out-neighbours of each vertex (only edges that may be used). */
  neighbours: number[][];
  k: number;
  start?: number;
  end?: number;
  /** Shuffles the order vertices are tried in (SEIFER's colour coding returns an arbitrary path); default: in order. */
  rng?: Rng;
  /** Give up after this many extension steps; default 2,000,000. */
  stepBudget?: number;
}

export interface KPathResult {
  path: number[] | null;
  /** True when the budget ran out before the search could decide: `path` is then null without proof. */
  exhausted: boolean;
}

export function findKPath(q: KPathQuery): KPathResult {
  const { vertexCount: n, allowed, neighbours, k, start, end } = q;
  const budget = q.stepBudget ?? 2_000_000;
  if (k < 1) return { path: [], exhausted: false };
  if ((start !== undefined && !allowed[start]) || (end !== undefined && !allowed[end])) return { path: null, exhausted: false };
  if (k === 1) {
    if (start !== undefined && end !== undefined && start !== end) return { path: null, exhausted: false };
    const only = start ?? end ?? firstAllowed(allowed);
    return { path: only === undefined ? null : [only], exhausted: false };
  }
  if (start !== undefined && start === end) return { path: null, exhausted: false };
  const order = (list: number[]) => (q.rng ? shuffled(list, q.rng) : list);
  const adjacency = neighbours.map((list) => order(list.filter((v) => allowed[v])));
  // steps from each vertex to `end` (reverse BFS), to prune paths that could no longer arrive in time
  const toEnd = new Int32Array(n).fill(end === undefined ? 0 : 1 << 30);
  if (end !== undefined) {
    const reverse: number[][] = Array.from({ length: n }, () => []);
    adjacency.forEach((list, u) => allowed[u] && list.forEach((v) => reverse[v].push(u)));
    toEnd[end] = 0;
    const queue = [end];
    for (let head = 0; head < queue.length; head++) {
      for (const u of reverse[queue[head]]) {
        if (toEnd[u] > toEnd[queue[head]] + 1) {
          toEnd[u] = toEnd[queue[head]] + 1;
          queue.push(u);
        }
      }
    }
  }
  const onPath = new Uint8Array(n);
  const path: number[] = [];
  let steps = 0;
  let exhausted = false;
  const extend = (u: number): boolean => {
    if (path.length === k) return end === undefined || u === end;
    if (++steps > budget) {
      exhausted = true;
      return false;
    }
    const left = k - path.length; // vertices still to add
    for (const v of adjacency[u]) {
      if (onPath[v] || toEnd[v] > left - 1) continue;
      if (v === end && left !== 1) continue;
      onPath[v] = 1;
      path.push(v);
      if (extend(v)) return true;
      path.pop();
      onPath[v] = 0;
      if (exhausted) return false;
    }
    return false;
  };
  const starts = start !== undefined ? [start] : order(range(n).filter((v) => allowed[v] && v !== end));
  for (const s of starts) {
    if (reachableCount(s, adjacency, n) < k || toEnd[s] > k - 1) continue;
    onPath[s] = 1;
    path.push(s);
    if (extend(s)) return { path: [...path], exhausted: false };
    path.pop();
    onPath[s] = 0;
    if (exhausted) return { path: null, exhausted: true };
  }
  return { path: null, exhausted: false };
}

function reachableCount(s: number, adjacency: number[][], n: number): number {
  const seen = new Uint8Array(n);
  seen[s] = 1;
  const stack = [s];
  let count = 1;
  while (stack.length) {
    for (const v of adjacency[stack.pop()!]) {
      if (!seen[v]) {
        seen[v] = 1;
        count++;
        stack.push(v);
      }
    }
  }
  return count;
}

function firstAllowed(allowed: Uint8Array): number | undefined {
  const i = allowed.indexOf(1);
  return i < 0 ? undefined : i;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function shuffled<T>(list: T[], rng: Rng): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
