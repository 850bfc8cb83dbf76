import { describe, expect, test } from 'vitest';
import { findKPath } from '../../src/planner/kpath-search';
import { createRng } from '../../src/util/rng';

/** Every simple directed path of k vertices, by enumeration. */
function anyPath(n: number, edges: boolean[][], allowed: Uint8Array, k: number, start?: number, end?: number): boolean {
  const path: number[] = [];
  const go = (u: number): boolean => {
    if (path.length === k) return end === undefined || u === end;
    for (let v = 0; v < n; v++) if (allowed[v] && edges[u][v] && !path.includes(v) && go2(v)) return true;
    return false;
  };
  const go2 = (v: number) => {
    path.push(v);
    const ok = go(v);
    path.pop();
    return ok;
  };
  for (let s = 0; s < n; s++) if (allowed[s] && (start === undefined || s === start) && go2(s)) return true;
  return false;
}

describe('findKPath', () => {
  test('findKPath(query) finds a path exactly when enumeration does, on 400 random small graphs', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 400; trial++) {
      const n = 2 + Math.floor(rng() * 6);
      const density = 0.2 + rng() * 0.6;
      const edges = Array.from({ length: n }, (_, u) => Array.from({ length: n }, (__, v) => u !== v && rng() < density));
      const allowed = Uint8Array.from({ length: n }, () => (rng() < 0.85 ? 1 : 0));
      const k = 1 + Math.floor(rng() * n);
      const start = rng() < 0.5 ? Math.floor(rng() * n) : undefined;
      const end = rng() < 0.5 ? Math.floor(rng() * n) : undefined;
      const neighbours = edges.map((row) => row.flatMap((e, v) => (e ? [v] : [])));
      const { path, exhausted } = findKPath({ vertexCount: n, allowed, neighbours, k, start, end, rng });
      expect(exhausted).toBe(false);
      expect(path !== null, `trial ${trial}`).toBe(anyPath(n, edges, allowed, k, start, end));
      if (!path) continue;
      expect(path).toHaveLength(k);
      expect(new Set(path).size).toBe(k);
      if (start !== undefined) expect(path[0]).toBe(start);
      if (end !== undefined) expect(path[k - 1]).toBe(end);
      path.forEach((v, i) => {
        expect(allowed[v]).toBe(1);
        if (i > 0) expect(edges[path[i - 1]][v]).toBe(true);
      });
    }
  });

  test('findKPath(query) reports an exhausted budget instead of a wrong "no"', () => {
    // three cliques of 5 joined only through one hub (vertex 15): every vertex is reachable, yet a path through all
    // 16 would need the hub twice; proving that takes more than 1000 steps
    const n = 16;
    const clique = (v: number) => Math.floor(v / 5);
    const neighbours = Array.from({ length: n }, (_, u) => Array.from({ length: n }, (__, v) => v).filter((v) => v !== u && (u === 15 || v === 15 || clique(u) === clique(v))));
    const result = findKPath({ vertexCount: n, allowed: new Uint8Array(n).fill(1), neighbours, k: 16, stepBudget: 1000 });
    expect(result).toEqual({ path: null, exhausted: true });
  });
});
