/**
 * SEIFER's bottleneck k-path (its `modified_subgraph_k_path`): among the available vertices, a simple path of k
 * vertices whose slowest edge is as fast as possible. Edges are sorted by bandwidth (descending, stable) and a
 * binary search over that list keeps the highest threshold at which a k-path still exists in the graph of edges at
 * least that fast (whose vertices are the endpoints of those edges only). Shared by paper and correct mode.
 */
import type { Rng } from '../util/rng';
import { findKPath } from './kpath-search';

export interface BottleneckKPathQuery {
  /** [u][v] in Mbit/s, 0 = no edge. */
  bandwidth: ArrayLike<ArrayLike<number>>;
  /** Vertices that may be used. */
  available: Uint8Array;
  k: number;
  start?: number;
  end?: number;
  /** Undirected: an edge u-v may be used both ways and is listed once, as SEIFER's networkx graph does. */
  undirected?: boolean;
  rng?: Rng;
}

/** The path (k vertices), or [] when there is none (SEIFER then leaves the stages unplaced). */
export function bottleneckKPath(q: BottleneckKPathQuery): number[] {
  const n = q.available.length;
  const edges: { u: number; v: number; bw: number }[] = [];
  for (let u = 0; u < n; u++) {
    if (!q.available[u]) continue;
    for (let v = q.undirected ? u + 1 : 0; v < n; v++) {
      if (v !== u && q.available[v] && q.bandwidth[u][v] > 0) edges.push({ u, v, bw: q.bandwidth[u][v] });
    }
  }
  edges.sort((a, b) => b.bw - a.bw); // Array.prototype.sort is stable
  let [lo, hi] = [0, edges.length];
  let best: number[] = [];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const threshold = edges[mid].bw;
    const allowed = new Uint8Array(n);
    const neighbours: number[][] = Array.from({ length: n }, () => []);
    for (const e of edges) {
      if (e.bw < threshold) continue;
      allowed[e.u] = allowed[e.v] = 1;
      neighbours[e.u].push(e.v);
      if (q.undirected) neighbours[e.v].push(e.u);
    }
    if ((q.start !== undefined && !allowed[q.start]) || (q.end !== undefined && !allowed[q.end])) {
      lo = mid + 1;
      continue;
    }
    const { path } = findKPath({ vertexCount: n, allowed, neighbours, k: q.k, start: q.start, end: q.end, rng: q.rng });
    if (path && path.length > 0) {
      hi = mid;
      best = path;
    } else lo = mid + 1;
  }
  return best;
}
