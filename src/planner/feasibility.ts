/**
 * Why a model cannot be planned, in the terms a person acts on: memory needed against memory available. Reads the
 * profile and the cluster directly (linear time), so it can refuse before anything grows with blocks x nodes.
 */
import type { Cluster, Infeasible, Profile } from './types';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Memory of the nodes that may host stages (every node but the dispatcher). */
function hostMemory(cluster: Cluster): number[] {
  return cluster.nodes.filter((n) => n.id !== cluster.dispatcher).map((n) => n.memoryBytes);
}

/** The largest memory of a node that may host stages. */
export function largestHostBytes(cluster: Cluster): number {
  return hostMemory(cluster).reduce((a, b) => Math.max(a, b), 0);
}

/** The obvious verdicts (not enough memory in total, a block bigger than every node), or null. */
export function memoryVerdict(profile: Profile, cluster: Cluster): Infeasible | null {
  const needBytes = profile.blocks.reduce((sum, b) => sum + b.memoryBytes, 0);
  const hosts = hostMemory(cluster);
  const haveBytes = hosts.reduce((sum, m) => sum + m, 0);
  if (hosts.length === 0) return { error: 'infeasible', reason: 'no node survives to host the model', needBytes, haveBytes: 0 };
  if (needBytes > haveBytes) {
    return { error: 'infeasible', reason: `the model needs ${mib(needBytes)} but the ${hosts.length} node(s) have ${mib(haveBytes)} in total`, needBytes, haveBytes };
  }
  const largest = largestHostBytes(cluster);
  const b = profile.blocks.findIndex((block) => block.memoryBytes > largest);
  if (b >= 0) {
    const block = profile.blocks[b];
    return { error: 'infeasible', reason: `block ${b} ('${block.name}') needs ${mib(block.memoryBytes)} but the largest node has ${mib(largest)}`, needBytes: block.memoryBytes, haveBytes: largest };
  }
  return null;
}

/** A verdict with the model's totals and the given reason (no plan found for another cause). */
export function verdict(profile: Profile, cluster: Cluster, reason: string): Infeasible {
  return {
    error: 'infeasible',
    reason,
    needBytes: profile.blocks.reduce((sum, b) => sum + b.memoryBytes, 0),
    haveBytes: hostMemory(cluster).reduce((sum, m) => sum + m, 0),
  };
}
