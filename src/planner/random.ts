/**
 * `random`: the random baseline of SEIFER's evaluation made valid: as few stages as the smallest node's memory allows, each cut
 * drawn uniformly among the positions that keep the rest coverable, then a random chain of distinct linked nodes.
 * (Paper mode keeps SEIFER's version, which skips the first split and never re-checks memory.)
 */
import type { Rng } from '../util/rng';
import { type BaselineResult, capacityReason, seiferCapacityBytes } from './baseline';
import type { Instance } from './instance';

export function randomChain(inst: Instance, rng: Rng): BaselineResult {
  const B = inst.blockCount;
  const cap = seiferCapacityBytes(inst);
  const farthest = (s: number) => {
    let e = s - 1;
    while (e + 1 < B && inst.memPrefix[e + 2] - inst.memPrefix[s] <= cap) e++;
    return e;
  };
  // need[s]: fewest stages covering blocks s..B-1 (filling each stage greedily is optimal for a chain)
  const need = new Float64Array(B + 1);
  for (let s = B - 1; s >= 0; s--) need[s] = farthest(s) < s ? Infinity : 1 + need[farthest(s) + 1];
  const stages = need[0];
  if (!(stages <= inst.candidates.length)) return { reason: capacityReason(inst) };
  const lastBlocks: number[] = [];
  for (let first = 0, left = stages; left > 1; left--) {
    const options: number[] = [];
    for (let e = first; e <= farthest(first); e++) if (need[e + 1] <= left - 1) options.push(e);
    const e = options[Math.floor(rng() * options.length)];
    lastBlocks.push(e);
    first = e + 1;
  }
  lastBlocks.push(B - 1);
  const nodes = randomLinkedPath(inst, stages, rng);
  return nodes ? { chain: { nodes, lastBlocks } } : { reason: `it found no chain of ${stages} distinct linked nodes` };
}

/** A random simple path of `length` candidates over existing links (and dispatcher links at its ends). */
function randomLinkedPath(inst: Instance, length: number, rng: Rng): number[] | null {
  const bw = inst.cluster.bandwidthMbps;
  const d = inst.dispatcher;
  const shuffled = (list: number[]) => {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const path: number[] = [];
  const used = new Set<number>();
  let steps = 0;
  const extend = (): boolean => {
    const u = path[path.length - 1];
    if (path.length === length) return d < 0 || bw[u][d] > 0;
    if (++steps > 100_000) return false;
    for (const v of shuffled(inst.candidates)) {
      if (used.has(v) || !(bw[u][v] > 0)) continue;
      path.push(v);
      used.add(v);
      if (extend()) return true;
      path.pop();
      used.delete(v);
    }
    return false;
  };
  for (const s of shuffled(inst.candidates)) {
    if (d >= 0 && !(bw[d][s] > 0)) continue;
    path.push(s);
    used.add(s);
    if (extend()) return path;
    path.pop();
    used.delete(s);
  }
  return null;
}
