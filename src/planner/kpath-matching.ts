/**
 * SEIFER's K-path matching placement (ITNAC paper, arXiv 2210.12219): transfers are binned into C size classes (the paper's
 * "bandwidth classes": a histogram of transfer sizes), and runs of consecutive transfers of one class are placed,
 * largest class first and longest run first, each on a bottleneck k-path whose ends are the neighbours already
 * placed (re-admitted to the pool for the purpose). Shared by paper mode and correct mode.
 */
import type { Rng } from '../util/rng';
import { bottleneckKPath } from './bottleneck-kpath';

/**
 * numpy's `digitize(x, histogram_bin_edges(all, bins=C))`: edges = linspace(min, max, C + 1) (the last edge exactly
 * max), class = how many edges are <= x, so 1..C+1, and C+1 only for x == max. `clamp` keeps classes in 1..C (the
 * correct-mode fix; SEIFER leaves C+1, whose runs are then never placed).
 */
export function transferClasses(all: number[], chosen: number[], classCount: number, clamp: boolean): number[] {
  const edges = classEdges(all, classCount);
  return chosen.map((x) => {
    let c = 0;
    while (c < edges.length && edges[c] <= x) c++;
    return clamp ? Math.min(Math.max(c, 1), classCount) : c;
  });
}

/** The class edges: `histogram_bin_edges(all, bins=classCount)`, linspace(min, max, C + 1), the last exactly max. */
export function classEdges(all: number[], classCount: number): number[] {
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5]; // numpy widens an empty range the same way
  const step = (hi - lo) / classCount;
  return Array.from({ length: classCount + 1 }, (_, i) => (i === classCount ? hi : i * step + lo));
}

export interface MatchingQuery {
  bandwidth: ArrayLike<ArrayLike<number>>;
  /** Vertices that may be used. */
  available: Uint8Array;
  /** Class of each transfer (m - 1 of them for m partitions). */
  classes: number[];
  classCount: number;
  undirected?: boolean;
  rng?: Rng;
  /** Called for each run as it is placed (or fails), in the matching's order: for explaining the method. */
  onRun?: (run: { cls: number; first: number; length: number; path: number[] }) => void;
  /**
   * Correct mode: a run with no path leaves all its partitions unplaced, its ends included, and ends the matching.
   * SEIFER (paper mode) keeps the ends' earlier placements and goes on, so a plan can join two of its nodes by a
   * hop that has no link, and the ends stay re-admitted for later runs.
   */
  strict?: boolean;
}

/** Node of each partition (m = classes.length + 1); undefined where the matching left a partition unplaced. */
export function kPathMatching(q: MatchingQuery): (number | undefined)[] {
  return matchRuns(q).placed;
}

export interface Matching {
  placed: (number | undefined)[];
  /** Strict mode: the partitions of the run that found no path (the matching stopped there), else null. */
  noPath: { first: number; last: number } | null;
}

export function matchRuns(q: MatchingQuery): Matching {
  const available = q.available.slice();
  const placed: (number | undefined)[] = new Array(q.classes.length + 1).fill(undefined);
  for (let x = q.classCount; x >= 1; x--) {
    const runs: [number, number][] = [];
    for (let t = 0; t < q.classes.length; t++) {
      if (q.classes[t] !== x) continue;
      if (t > 0 && q.classes[t - 1] === x) runs[runs.length - 1][1]++;
      else runs.push([t, 1]);
    }
    runs.sort((a, b) => b[1] - a[1]); // stable: equal lengths keep their order
    for (const [first, length] of runs) {
      const start = placed[first];
      const end = placed[first + length];
      if (start !== undefined) available[start] = 1;
      if (end !== undefined) available[end] = 1;
      const path = bottleneckKPath({ bandwidth: q.bandwidth, available, k: length + 1, start, end, undirected: q.undirected, rng: q.rng });
      q.onRun?.({ cls: x, first, length, path });
      if (path.length === 0 && q.strict) {
        for (let i = first; i <= first + length; i++) placed[i] = undefined;
        return { placed, noPath: { first, last: first + length } };
      }
      path.forEach((v, i) => {
        available[v] = 0;
        placed[first + i] = v;
      });
    }
  }
  return { placed, noPath: null };
}
