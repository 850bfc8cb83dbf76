/**
 * The planner: split a chain of blocks across a cluster so the slowest stage or hop is as fast as possible.
 * `plan(profile, cluster, {algorithm, objective, seed})` is the one door (`planOrExplain` adds the verdict a
 * command acts on); the rest is exported for the UI, the emulator, the CLI and the benches.
 */
export * from './types';
export { plan, type PlanOptions } from './plan';
export { planOrExplain, type PlanRefusal } from './explain';
export { replan, type ReplanOptions, type ReplanReport } from './replan';
export { survivingCluster } from './surviving';
export { evaluatePlan, hopMs, stageComputeMs } from './cost';
export { planProblems } from './plan-check';
export { validateCluster, validateProfile, MAX_CLUSTER_NODES } from './validate';
export { randomGeometricCluster, paperBandwidthMbps } from './cluster-gen';
export { coarseProfile, toBlockPlan, MAX_PLAN_BLOCKS, type Grouping } from './grouping';
export { seiferSteps, type SeiferSteps, type SeiferPartition, type SeiferRun } from './seifer-explain';
