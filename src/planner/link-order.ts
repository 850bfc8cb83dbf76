/**
 * Each candidate's outgoing links sorted from the fastest (fewest ms per byte) to the slowest, so the searches for
 * big clusters look only at the links fast enough for a threshold: a hop after a cut of `a` bytes over a link of
 * `p` ms per byte takes at least a·p ms, so a scan stops at the first link with a·p over the threshold. Built once
 * per instance in O(n² log n) with a numeric sort of packed keys (no comparator calls), then one insertion pass
 * that makes the order exact.
 */
import type { Instance } from './instance';

export interface LinkOrder {
  /** Candidate count; local index i is cluster node nodes[i]. */
  k: number;
  nodes: number[];
  /** [u]: where u's list starts in `to` and `perByte`; its length is count[u] (links only, no self). */
  start: Int32Array;
  count: Int32Array;
  /** Local indices of u's out-neighbours, fastest link first. */
  to: Int32Array;
  /** The matching ms per byte, ascending within each list. */
  perByte: Float64Array;
}

const INDEX_BITS = 2 ** 21;

export function linkOrder(inst: Instance): LinkOrder {
  const nodes = inst.candidates;
  const k = nodes.length;
  const n = inst.nodeCount;
  if (k > INDEX_BITS) throw new RangeError(`linkOrder takes at most ${INDEX_BITS} candidates, got ${k}`);
  const start = new Int32Array(k);
  const count = new Int32Array(k);
  const to = new Int32Array(k * Math.max(0, k - 1));
  const perByte = new Float64Array(to.length);
  // a positive float32's bits order like its value; packed with the index they sort as plain doubles (exactly:
  // 31 + 21 bits < 53)
  const f32 = new Float32Array(1);
  const bits = new Uint32Array(f32.buffer);
  const keys = new Float64Array(Math.max(0, k - 1));
  for (let u = 0; u < k; u++) {
    const row = nodes[u] * n;
    let m = 0;
    for (let v = 0; v < k; v++) {
      if (v === u) continue;
      const p = inst.msPerByte[row + nodes[v]];
      if (p === Infinity) continue;
      f32[0] = p;
      keys[m++] = bits[0] * INDEX_BITS + v;
    }
    const sorted = keys.subarray(0, m).sort();
    const at = u * Math.max(0, k - 1);
    start[u] = at;
    count[u] = m;
    for (let i = 0; i < m; i++) {
      const v = sorted[i] % INDEX_BITS;
      const p = inst.msPerByte[row + nodes[v]];
      // float32 rounding may leave neighbours within one float32 step out of order: insertion makes it exact
      let j = at + i;
      while (j > at && perByte[j - 1] > p) {
        perByte[j] = perByte[j - 1];
        to[j] = to[j - 1];
        j--;
      }
      perByte[j] = p;
      to[j] = v;
    }
  }
  return { k, nodes, start, count, to, perByte };
}
