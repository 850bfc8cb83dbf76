/**
 * Activation liveness over a topological order, in one linear sweep. Position i means "after the node at
 * order[i] has run"; position -1 is before the first node. A cut at position i carries the tensors live there.
 */
import { MAX_CUT_TENSORS } from './cut-points';
import type { Graph } from './types';
import type { Topology } from './topology';

export interface Liveness {
  /** Activations only (weights excluded): producer position, -1 for graph inputs. */
  producedAt: Map<string, number>;
  /** Last position that reads the tensor; the last position for graph outputs; producedAt when never read. */
  lastUsedAt: Map<string, number>;
  /** liveCount[i + 1] = number of activations live at position i (i = -1 .. n-1). */
  liveCount: Int32Array;
  /** liveBytes[i + 1] = bytes of the activations live at position i. */
  liveBytes: Float64Array;
  /** The live tensors at position i, in boundary order (see liveTensorsAt), when there are at most `listUpTo`. Index i + 1. */
  narrowLive: (string[] | undefined)[];
  /** duringBytes[i] = activation bytes held while the node at position i runs (its inputs, outputs and everything passing by). */
  duringBytes: Float64Array;
}

/** `listUpTo`: record the live tensors of positions where at most this many are live (the candidate cut points). */
export function computeLiveness(graph: Graph, topology: Topology, bytesOf: (tensor: string) => number, listUpTo = MAX_CUT_TENSORS): Liveness {
  const n = topology.order.length;
  const producedAt = new Map<string, number>();
  const lastUsedAt = new Map<string, number>();
  for (const name of topology.activationInputs) producedAt.set(name, -1);
  topology.order.forEach((nodeIndex, position) => {
    for (const out of graph.nodes[nodeIndex].outputs) if (out) producedAt.set(out, position);
  });
  topology.order.forEach((nodeIndex, position) => {
    for (const name of topology.reads[nodeIndex]) if (producedAt.has(name)) lastUsedAt.set(name, position);
  });
  for (const output of graph.outputs) if (producedAt.has(output.name)) lastUsedAt.set(output.name, n - 1);
  for (const [name, at] of producedAt) if (!lastUsedAt.has(name)) lastUsedAt.set(name, at);

  const liveCount = new Int32Array(n + 1);
  const liveBytes = new Float64Array(n + 1);
  const duringDelta = new Float64Array(n + 1);
  const endsAt: string[][] = Array.from({ length: n + 1 }, () => []);
  const startsAt: string[][] = Array.from({ length: n + 1 }, () => []);
  for (const [name, first] of producedAt) {
    const last = lastUsedAt.get(name) as number;
    const bytes = bytesOf(name);
    duringDelta[Math.max(first, 0)] += bytes;
    if (last + 1 <= n) duringDelta[last + 1] -= bytes;
    if (last > first) {
      startsAt[first + 1].push(name);
      endsAt[last + 1].push(name);
    }
  }
  // sweep: live at position i = produced at or before i, last used after i
  const live = new Set<string>();
  const narrowLive = new Array<string[] | undefined>(n + 1).fill(undefined);
  let bytes = 0;
  for (let slot = 0; slot <= n; slot++) {
    for (const name of endsAt[slot]) {
      live.delete(name);
      bytes -= bytesOf(name);
    }
    for (const name of startsAt[slot]) {
      live.add(name);
      bytes += bytesOf(name);
    }
    liveCount[slot] = live.size;
    liveBytes[slot] = bytes;
    if (live.size > 0 && live.size <= listUpTo) narrowLive[slot] = inBoundaryOrder([...live], producedAt);
  }
  const duringBytes = new Float64Array(n);
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += duringDelta[i];
    duringBytes[i] = running;
  }
  return { producedAt, lastUsedAt, liveCount, liveBytes, narrowLive, duringBytes };
}

/** The activations live at a position, ordered by where they are produced (then by name): the boundary of a cut. */
export function liveTensorsAt(liveness: Liveness, position: number): string[] {
  const result: string[] = [];
  for (const [name, first] of liveness.producedAt) {
    if (first <= position && (liveness.lastUsedAt.get(name) as number) > position) result.push(name);
  }
  return inBoundaryOrder(result, liveness.producedAt);
}

/** The order tensors cross a cut in (the positional stage contract): by where they are produced, then by name. */
function inBoundaryOrder(names: string[], producedAt: ReadonlyMap<string, number>): string[] {
  return names.sort((a, b) => (producedAt.get(a) as number) - (producedAt.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0));
}
