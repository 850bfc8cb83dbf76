/**
 * Why a model cannot be planned, in the terms a person acts on: memory needed against memory available.
 */
import type { Instance } from './instance';
import type { Infeasible } from './types';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The obvious verdicts (not enough memory in total, a block bigger than every node), or null. */
export function memoryVerdict(inst: Instance): Infeasible | null {
  const needBytes = inst.memPrefix[inst.blockCount];
  const haveBytes = inst.candidates.reduce((sum, w) => sum + inst.memoryBytes[w], 0);
  if (needBytes > haveBytes) {
    return {
      error: 'infeasible',
      reason: `the model needs ${mib(needBytes)} but the ${inst.candidates.length} node(s) have ${mib(haveBytes)} in total`,
      needBytes,
      haveBytes,
    };
  }
  const largest = Math.max(...inst.candidates.map((w) => inst.memoryBytes[w]));
  for (let b = 0; b < inst.blockCount; b++) {
    const block = inst.profile.blocks[b];
    if (block.memoryBytes > largest) {
      return {
        error: 'infeasible',
        reason: `block ${b} ('${block.name}') needs ${mib(block.memoryBytes)} but the largest node has ${mib(largest)}`,
        needBytes: block.memoryBytes,
        haveBytes: largest,
      };
    }
  }
  return null;
}

/** A verdict with the model's totals and the given reason (no plan found for another cause). */
export function verdict(inst: Instance, reason: string): Infeasible {
  return {
    error: 'infeasible',
    reason,
    needBytes: inst.memPrefix[inst.blockCount],
    haveBytes: inst.candidates.reduce((sum, w) => sum + inst.memoryBytes[w], 0),
  };
}
