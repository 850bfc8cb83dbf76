/**
 * Hamiltonian paths for `btsp`: exact by a DP over subsets up to 16 vertices, beyond that a depth-first search that
 * tries the neighbour with the fewest onward options first (Warnsdorff's rule) within a step budget.
 */

/** A directed path through every vertex using only edges with `edge(u, v)` true, or null. */
export function hamiltonianPath(n: number, edge: (u: number, v: number) => boolean): number[] | null {
  if (n === 0) return [];
  return n <= 16 ? exactPath(n, edge) : searchPath(n, edge, 200_000);
}

function exactPath(n: number, edge: (u: number, v: number) => boolean): number[] | null {
  const full = (1 << n) - 1;
  const ends = new Int32Array(1 << n); // bit v: some path over exactly `mask` ends at v
  const from = new Int8Array((1 << n) * n).fill(-1);
  for (let v = 0; v < n; v++) ends[1 << v] = 1 << v;
  for (let mask = 1; mask <= full; mask++) {
    const at = ends[mask];
    if (!at) continue;
    for (let v = 0; v < n; v++) {
      if (!(at & (1 << v))) continue;
      for (let w = 0; w < n; w++) {
        if (mask & (1 << w) || !edge(v, w)) continue;
        const next = mask | (1 << w);
        if (!(ends[next] & (1 << w))) {
          ends[next] |= 1 << w;
          from[next * n + w] = v;
        }
      }
    }
  }
  if (!ends[full]) return null;
  let v = 31 - Math.clz32(ends[full] & -ends[full]);
  const path = [v];
  for (let mask = full; ; ) {
    const u = from[mask * n + v];
    if (u < 0) break;
    mask ^= 1 << v;
    v = u;
    path.push(v);
  }
  return path.reverse();
}

function searchPath(n: number, edge: (u: number, v: number) => boolean, budget: number): number[] | null {
  const out: number[][] = Array.from({ length: n }, (_, u) => Array.from({ length: n }, (__, v) => v).filter((v) => v !== u && edge(u, v)));
  const used = new Uint8Array(n);
  const path: number[] = [];
  let steps = 0;
  const onward = (v: number) => out[v].reduce((c, w) => c + (used[w] ? 0 : 1), 0);
  const extend = (): boolean => {
    if (path.length === n) return true;
    if (++steps > budget) return false;
    const u = path[path.length - 1];
    const next = out[u].filter((v) => !used[v]).sort((a, b) => onward(a) - onward(b));
    for (const v of next) {
      used[v] = 1;
      path.push(v);
      if (extend()) return true;
      path.pop();
      used[v] = 0;
      if (steps > budget) return false;
    }
    return false;
  };
  const starts = Array.from({ length: n }, (_, v) => v).sort((a, b) => out[a].length - out[b].length);
  for (const s of starts) {
    used[s] = 1;
    path.push(s);
    if (extend()) return path;
    path.pop();
    used[s] = 0;
    if (steps > budget) return null;
  }
  return null;
}
