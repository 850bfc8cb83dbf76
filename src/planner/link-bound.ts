/**
 * A second lower bound, for when distinct nodes is what binds (many stages, few fast links): the walk relaxation
 * may send every hop over the single fastest link, a real plan cannot. In a plan with m stages the m - 1 hops use
 * m - 1 different node pairs, forming a path. For a bottleneck β, let r(c) bound how many hops of a path can use
 * pairs fast enough to carry the cut after block c within β; the sets of usable pairs are nested (a bigger transfer
 * can use fewer pairs), so, Hall-style, the chosen cuts get their own pairs only if, for every t, at most t - 1 of
 * them have r(c) < t. Checking each t
 * on its own, with the best partition for that t (every stage fitting some node within β), is a relaxation, so the
 * largest β that fails the check is a valid lower bound. Bisection finds it to 1e-9.
 */
import type { PieceTable } from './piece-costs';

export function distinctLinkBound(t: PieceTable, lowerBound: number, upperBound: number): number {
  const { k, blockCount: B } = t;
  if (B < 2 || k < 2 || !(upperBound > lowerBound) || upperBound === Infinity) return lowerBound;
  // per cut and pair: the hop time over the faster direction
  const pairs = (k * (k - 1)) / 2;
  const pairHop = new Float64Array((B - 1) * pairs);
  for (let cut = 0, p = 0; cut + 1 < B; cut++) {
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) pairHop[p++] = Math.min(t.hop[(cut * k + i) * k + j], t.hop[(cut * k + j) * k + i]);
    }
  }
  const degree = new Int32Array(k);
  const root = new Int32Array(k);
  const find = (x: number): number => {
    while (root[x] !== x) x = root[x] = root[root[x]];
    return x;
  };
  // per stage s..e: its smallest time over the nodes it fits on
  const minStage = new Float64Array(B * B).fill(Infinity);
  for (let i = 0; i < k; i++) {
    for (let s = 0; s < B; s++) {
      const at = t.stageAt[i * B + s] - s;
      for (let e = s; e <= t.reach[i * B + s]; e++) minStage[s * B + e] = Math.min(minStage[s * B + e], t.stage[at + e]);
    }
  }
  const usable = new Int32Array(B);
  const fewest = new Float64Array(B);
  const feasible = (beta: number): boolean => {
    // usable[cut]: how many of a plan's hops can at most carry this cut within beta. The hops of a plan form a
    // path, so besides being distinct pairs they touch every node at most twice and close no cycle: the count is
    // capped by sum(min(degree, 2)) / 2 and by the size of a spanning forest of the usable pairs, which matters when
    // the fast pairs all share one node or fall into many small clusters.
    for (let cut = 0; cut + 1 < B; cut++) {
      degree.fill(0);
      for (let i = 0; i < k; i++) root[i] = i;
      let count = 0;
      let forest = 0; // edges of a spanning forest: touched nodes minus components
      for (let i = 0, p = cut * pairs; i < k; i++) {
        for (let j = i + 1; j < k; j++, p++) {
          if (pairHop[p] > beta) continue;
          count++;
          degree[i]++;
          degree[j]++;
          const [a, b] = [find(i), find(j)];
          if (a !== b) {
            root[a] = b;
            forest++;
          }
        }
      }
      let ends = 0;
      for (let i = 0; i < k; i++) ends += Math.min(degree[i], 2);
      usable[cut] = Math.min(count, ends >> 1, forest);
    }
    // for t = 1..k-1: at most t - 1 cuts with fewer than t usable pairs; t = k: at most k - 1 cuts at all
    for (let limit = 1; limit <= k; limit++) {
      for (let e = 0; e < B; e++) {
        let best = Infinity;
        for (let s = e; s >= 0; s--) {
          if (minStage[s * B + e] > beta) break; // a stage only gets slower (or stops fitting) as it grows
          if (s === 0) best = 0;
          else if (usable[s - 1] > 0 && fewest[s - 1] < best) {
            const counted = limit === k || usable[s - 1] < limit ? 1 : 0;
            best = Math.min(best, fewest[s - 1] + counted);
          }
        }
        fewest[e] = best;
      }
      if (!(fewest[B - 1] <= limit - 1)) return false;
    }
    return true;
  };
  if (feasible(lowerBound)) return lowerBound;
  let [lo, hi] = [lowerBound, upperBound];
  while (hi - lo > 1e-9 * hi) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) hi = mid;
    else lo = mid;
  }
  return lo;
}
