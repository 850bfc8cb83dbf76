/**
 * Very long block chains are planned on groups of consecutive blocks; the grouping lives in the planner
 * (src/planner/grouping.ts), which plan() and replan() also use. This module keeps the page's names for it:
 * the planning profile of an analysis, and plans on groups mapped back to block numbers.
 */
import type { ModelAnalysis } from '../../model/index';
import { toProfile } from '../../model/index';
import { coarseProfile, type Grouping, MAX_PLAN_BLOCKS } from '../../planner/index';

export { toBlockPlan } from '../../planner/index';

export type PlanningProfile = Grouping;

export function planningProfile(analysis: Pick<ModelAnalysis, 'blocks' | 'name' | 'inputBytes' | 'outputBytes'>, maxBlocks = MAX_PLAN_BLOCKS): PlanningProfile {
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1) throw new RangeError(`'maxBlocks' must be an integer >= 1, got ${maxBlocks}`);
  return coarseProfile(toProfile(analysis as ModelAnalysis), maxBlocks);
}
