/**
 * Hamiltonian paths for `btsp`: exact by a DP over subsets up to 12 vertices; beyond that, after the cheap
 * necessary conditions (at most one vertex without a way in, one without a way out, everything reachable), a
 * depth-first search that tries the neighbour with the fewest onward options first (Warnsdorff's rule) within a
 * step budget, so an answer of "none" is then not a proof.
 */

/** A directed path through every vertex using only edges with `edge(u, v)` true, or null. */
export function hamiltonianPath(n: number, edge: (u: number, v: number) => boolean): number[] | null {
  if (n === 0) return [];
  return n <= 12 ? exactPath(n, edge) : searchPath(n, edge, 20_000);
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
  for (let mask = full; ;) {
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
  const inDegree = new Int32Array(n);
  out.forEach((list) => list.forEach((v) => inDegree[v]++));
  if (out.filter((l) => l.length === 0).length > 1 || inDegree.filter((d) => d === 0).length > 1) return null;
  const undirected: number[][] = out.map((l) => [...l]);
  out.forEach((list, u) => list.forEach((v) => undirected[v].push(u)));
  const seen = new Uint8Array(n);
  const stack = [0];
  seen[0] = 1;
  while (stack.length) {
    for (const v of undirected[stack.pop()!]) {
      if (seen[v]) continue;
      seen[v] = 1;
      stack.push(v);
    }
  }
  if (seen.includes(0)) return null;
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
