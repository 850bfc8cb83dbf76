/**
 * Each candidate's outgoing links from the fastest (fewest ms per byte) to the slowest, so the searches for big
 * clusters look only at the links fast enough for a threshold: a hop after a cut of `a` bytes over a link of `p`
 * ms per byte takes at least a·p ms, so a scan stops at the first link with a·p over the threshold. Scans rarely go
 * far, so each list is sorted lazily: its PREFIX fastest links up front (found in linear time), the rest, all
 * slower, sorted the first time a scan reaches them (`reach`). Sorting is numeric on packed keys (no comparator
 * calls), then one insertion pass makes the order exact.
 */
import type { Instance } from './instance';

export interface LinkOrder {
  /** Candidate count; local index i is cluster node nodes[i]. */
  k: number;
  nodes: number[];
  /** [u]: where u's list starts in `to` and `perByte`; its length is count[u] (links only, no self). */
  start: Int32Array;
  count: Int32Array;
  /** Local indices of u's out-neighbours, fastest link first (up to sorted[u]). */
  to: Int32Array;
  /** The matching ms per byte. */
  perByte: Float64Array;
  /** [u]: u's list is in order before this position; every entry from it on is no faster than those before. */
  sorted: Int32Array;
}

/** Links sorted up front per node; a scan that goes further sorts the rest of that node's list. */
const PREFIX = 32;
const INDEX_BITS = 2 ** 21;

export function linkOrder(inst: Instance): LinkOrder {
  const nodes = inst.candidates;
  const k = nodes.length;
  const n = inst.nodeCount;
  if (k > INDEX_BITS) throw new RangeError(`linkOrder takes at most ${INDEX_BITS} candidates, got ${k}`);
  const width = Math.max(0, k - 1);
  const order: LinkOrder = {
    k,
    nodes,
    start: new Int32Array(k),
    count: new Int32Array(k),
    to: new Int32Array(k * width),
    perByte: new Float64Array(k * width),
    sorted: new Int32Array(k),
  };
  const { start, count, to, perByte, sorted } = order;
  const scratch = new Float64Array(width);
  for (let u = 0; u < k; u++) {
    const row = nodes[u] * n;
    const at = u * width;
    let m = 0;
    for (let v = 0; v < k; v++) {
      if (v === u) continue;
      const p = inst.msPerByte[row + nodes[v]];
      if (p === Infinity) continue;
      to[at + m] = v;
      perByte[at + m] = p;
      scratch[m++] = p;
    }
    start[u] = at;
    count[u] = m;
    if (m <= 2 * PREFIX) {
      sortRange(order, at, at + m);
      sorted[u] = at + m;
      continue;
    }
    // the PREFIX-th fastest link; everything up to it goes in front (ties included), the rest after
    const cut = select(scratch.subarray(0, m), PREFIX - 1);
    let front = at;
    for (let i = at; i < at + m; i++) {
      if (perByte[i] > cut) continue;
      [to[front], to[i]] = [to[i], to[front]];
      [perByte[front], perByte[i]] = [perByte[i], perByte[front]];
      front++;
    }
    sortRange(order, at, front);
    sorted[u] = front;
  }
  return order;
}

/** Makes u's whole list ordered (called by a scan that reaches sorted[u]). */
export function sortRest(order: LinkOrder, u: number): void {
  const end = order.start[u] + order.count[u];
  if (order.sorted[u] >= end) return;
  sortRange(order, order.sorted[u], end);
  order.sorted[u] = end;
}

const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

/** Sorts entries [from, to) by ms per byte: a positive float32's bits order like its value, packed with the index. */
function sortRange(order: LinkOrder, from: number, end: number): void {
  const { to, perByte } = order;
  const m = end - from;
  if (m < 2) return;
  const keys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    f32[0] = perByte[from + i];
    keys[i] = bits[0] * INDEX_BITS + i; // 31 + 21 bits < 53: exact
  }
  keys.sort();
  const v = to.slice(from, end);
  const p = perByte.slice(from, end);
  for (let i = 0; i < m; i++) {
    const high = Math.floor(keys[i] / INDEX_BITS);
    const source = keys[i] - high * INDEX_BITS;
    // float32 rounding may leave entries within one float32 step out of order: insertion makes it exact
    let j = from + i;
    while (j > from && perByte[j - 1] > p[source]) {
      perByte[j] = perByte[j - 1];
      to[j] = to[j - 1];
      j--;
    }
    perByte[j] = p[source];
    to[j] = v[source];
  }
}

/** The value of rank `rank` (0 = smallest) among `values` (reordered in place): quickselect, linear on average. */
function select(values: Float64Array, rank: number): number {
  let [lo, hi] = [0, values.length - 1];
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let [i, j] = [lo, hi];
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        [values[i], values[j]] = [values[j], values[i]];
        i++;
        j--;
      }
    }
    if (rank <= j) hi = j;
    else if (rank >= i) lo = i;
    else return values[rank];
  }
  return values[rank];
}
