/**
 * The planner: split a chain of blocks across a cluster so the slowest stage or hop is as fast as possible.
 * `plan(profile, cluster, {algorithm, objective, seed})` is the one door (`planOrExplain` adds the verdict a
 * command acts on); the rest is exported for the UI, the emulator, the CLI and the benches.
 */
export * from './types';
export { plan } from './plan';
export { planOrExplain, type PlanRefusal } from './explain';
export { replan } from './replan';
export { survivingCluster } from './surviving';
export { evaluatePlan } from './cost';
export { planProblems } from './plan-check';
export { MAX_CLUSTER_NODES } from './validate';
export { coarseProfile, toBlockPlan, MAX_PLAN_BLOCKS, type Grouping } from './grouping';
export { seiferSteps } from './seifer-explain';
