/** Every planner algorithm on one scenario, side by side, each measured against the optimum or a lower bound. */
import { SeiferError } from '../../errors';
import { pageWording } from './page-wording';
import { ALGORITHMS, isInfeasible, plan, type AlgorithmName, type Cluster, type Objective, type PlanReport, type Profile } from '../../planner/index';

export interface CompareRow {
  algorithm: AlgorithmName;
  /** Absent when the algorithm found no plan or refused the instance (see note). */
  report?: Pick<PlanReport, 'bottleneckMs' | 'throughputPerSec' | 'latencyMs' | 'lowerBoundMs' | 'planMs' | 'limitedBy'> & { stageCount: number; nodes: string[] };
  /** The whole plan (stages, hops, what limits it), to draw it and say why, side by side with another. */
  plan?: PlanReport;
  /** How much slower than the reference, in percent (0 = as good). */
  gapPercent: number | null;
  note: string;
}

export interface Comparison {
  rows: CompareRow[];
  /** The optimum when `optimal` ran, else the tightest lower bound any algorithm proved. */
  referenceMs: number | null;
  reference: 'optimal' | 'lower bound';
}

export function compareAlgorithms(profile: Profile, cluster: Cluster, options: { objective: Objective; seed: number }): Comparison {
  const outcomes = ALGORITHMS.map((algorithm) => {
    try {
      return { algorithm, outcome: plan(profile, cluster, { algorithm, objective: options.objective, seed: options.seed }) };
    } catch (error) {
      // shown in the page: its controls named, not command-line flags
      if (error instanceof SeiferError)
        return { algorithm, refused: `${pageWording(error.message)}${algorithm === 'optimal' ? ' Gaps are measured against the best proven lower bound instead.' : ''}` };
      throw error;
    }
  });
  const reports = outcomes.flatMap((o) => ('outcome' in o && o.outcome && !isInfeasible(o.outcome) ? [o.outcome] : []));
  const optimum = reports.find((r) => r.algorithm === 'optimal');
  const bound = reports.length > 0 ? Math.max(...reports.map((r) => r.lowerBoundMs)) : null;
  const referenceMs = optimum?.bottleneckMs ?? bound;
  const rows = outcomes.map((o): CompareRow => {
    if ('refused' in o) return { algorithm: o.algorithm, gapPercent: null, note: o.refused as string };
    const outcome = o.outcome as ReturnType<typeof plan>;
    if (isInfeasible(outcome)) return { algorithm: o.algorithm, gapPercent: null, note: `no plan: ${outcome.reason}` };
    const gapPercent = referenceMs && referenceMs > 0 ? (outcome.bottleneckMs / referenceMs - 1) * 100 : null;
    return {
      algorithm: o.algorithm,
      report: {
        bottleneckMs: outcome.bottleneckMs,
        throughputPerSec: outcome.throughputPerSec,
        latencyMs: outcome.latencyMs,
        lowerBoundMs: outcome.lowerBoundMs,
        planMs: outcome.planMs,
        limitedBy: outcome.limitedBy,
        stageCount: outcome.stages.length,
        nodes: outcome.stages.map((s) => s.node),
      },
      plan: outcome,
      gapPercent,
      note: outcome.lowerBoundMs >= outcome.bottleneckMs ? 'proven optimal' : '',
    };
  });
  return { rows, referenceMs, reference: optimum ? 'optimal' : 'lower bound' };
}
