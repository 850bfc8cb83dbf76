/**
 * The cluster that survives faults, once for every caller (replanning here, the emulator's re-plans): dead nodes
 * removed, dead links cut. A link is directed: [from, to] cuts traffic from `from` to `to` only, so a cable cut
 * between A and B is the two pairs [A, B] and [B, A].
 */
import type { Cluster } from './types';

export function survivingCluster(cluster: Cluster, deadNodes: readonly string[] = [], deadLinks: readonly (readonly [string, string])[] = []): Cluster {
  const index = new Map(cluster.nodes.map((n, i) => [n.id, i]));
  for (const id of deadNodes) if (!index.has(id)) throw new RangeError(`'deadNodes' contains '${id}', which is not a node of the cluster`);
  const n = cluster.nodes.length;
  const cut = new Uint8Array(n * n);
  for (const pair of deadLinks) {
    const [a, b] = Array.isArray(pair) && pair.length === 2 ? [index.get(pair[0]), index.get(pair[1])] : [undefined, undefined];
    if (a === undefined || b === undefined) {
      throw new RangeError(`'deadLinks' contains ${JSON.stringify(pair)}, which is not a [from, to] pair of cluster nodes`);
    }
    cut[a * n + b] = 1;
  }
  const dead = new Set(deadNodes);
  const keep = cluster.nodes.map((node, i) => (dead.has(node.id) ? -1 : i)).filter((i) => i >= 0);
  const out: Cluster = {
    nodes: keep.map((i) => cluster.nodes[i]),
    bandwidthMbps: keep.map((i) => keep.map((j) => (cut[i * n + j] ? 0 : cluster.bandwidthMbps[i][j]))),
  };
  if (cluster.latencyMs) out.latencyMs = keep.map((i) => keep.map((j) => cluster.latencyMs![i][j]));
  if (cluster.dispatcher !== undefined) out.dispatcher = cluster.dispatcher;
  return out;
}
