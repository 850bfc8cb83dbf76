/**
 * The verdict a command acts on, in one place for `plan` and `emulate`: a plan, or a refusal with its exit code.
 * Exit 2: no algorithm can place the model (the memory figures say why). Exit 3: the chosen SEIFER baseline cannot
 * place it but `best` can, so the instance is feasible and the limit is the baseline's (e.g. it plans for the
 * smallest node's memory, as SEIFER does).
 */
import { plan, type PlanOptions } from './plan';
import type { Cluster, Infeasible, PlanReport, Profile } from './types';
import { isInfeasible } from './types';

export interface PlanRefusal extends Infeasible {
  exitCode: 2 | 3;
  /** The algorithm that was asked for. */
  algorithm: string;
  /** Exit 3: the bottleneck `best` reaches on the same instance. */
  bestBottleneckMs?: number;
}

export function planOrExplain(profile: Profile, cluster: Cluster, options: PlanOptions = {}): PlanReport | PlanRefusal {
  const algorithm = options.algorithm ?? 'best';
  const outcome = plan(profile, cluster, options);
  if (!isInfeasible(outcome)) return outcome;
  if (algorithm === 'best' || algorithm === 'optimal') return { ...outcome, exitCode: 2, algorithm };
  const best = plan(profile, cluster, { ...options, algorithm: 'best', onProgress: undefined });
  if (isInfeasible(best)) return { ...best, exitCode: 2, algorithm };
  const why = outcome.reason.startsWith(`${algorithm}: `) ? outcome.reason.slice(algorithm.length + 2) : outcome.reason;
  return {
    ...outcome,
    reason: `\`${algorithm}\` cannot place this (${why}); \`best\` finds a plan`,
    exitCode: 3,
    algorithm,
    bestBottleneckMs: best.bottleneckMs,
  };
}
