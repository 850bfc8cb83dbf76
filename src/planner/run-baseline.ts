/**
 * Running SEIFER's baselines as plan() does: each with its own random stream from the caller's seed, so `best`
 * replays exactly the plans `plan(..., {algorithm})` returns, on the groups of blocks between single-tensor cuts.
 */
import type { BaselineResult } from './baseline';
import { btspChain } from './btsp';
import { singleTensorProfile, toBlockChain } from './grouping';
import { type Chain, compileInstance, type Instance } from './instance';
import { jointChain } from './joint';
import { kpathChain } from './kpath';
import { randomChain } from './random';
import { streamFor } from './streams';

export type BaselineName = 'kpath' | 'joint' | 'random' | 'btsp';

const BASELINES: readonly BaselineName[] = ['kpath', 'joint', 'random', 'btsp'];

/** One baseline on an instance whose blocks it may cut between (plan() passes the single-tensor groups). */
export function runBaseline(inst: Instance, algorithm: BaselineName, seed: number, classes = 20): BaselineResult {
  switch (algorithm) {
    case 'kpath':
      return kpathChain(inst, streamFor(seed, 'kpath'), classes);
    case 'joint':
      return jointChain(inst);
    case 'random':
      return randomChain(inst, streamFor(seed, 'random'));
    case 'btsp':
      return btspChain(inst);
  }
}

/** Every baseline's plan for an instance that may cut anywhere, in its block numbers (none when all fail). */
export function baselineChains(inst: Instance, seed: number, classes?: number): Chain[] {
  const grouping = singleTensorProfile(inst.profile);
  const grouped = grouping.profile === inst.profile ? inst : compileInstance(grouping.profile, inst.cluster, inst.objective);
  return BASELINES.flatMap((name) => {
    const result = runBaseline(grouped, name, seed, classes);
    return 'chain' in result ? [toBlockChain(result.chain, grouping.groups)] : [];
  });
}
