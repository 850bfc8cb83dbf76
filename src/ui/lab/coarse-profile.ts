/**
 * Very long block chains (a 5,000-node graph can have thousands of single-tensor cuts) are planned on groups
 * of consecutive blocks, so planning and replanning stay well under a frame budget's worth of blocking. A
 * group's memory is its weights plus its largest activation peak; cuts stay at real cut points (group ends).
 * Plans on groups are mapped back to block numbers for everything the page shows.
 */
import type { ModelAnalysis } from '../../model/index';
import { toProfile } from '../../model/index';
import type { PlanReport, Profile } from '../../planner/types';

/** More blocks than this are grouped (best plans 200 blocks on 20 nodes in well under 100 ms). */
export const MAX_PLAN_BLOCKS = 200;

export interface PlanningProfile {
  profile: Profile;
  /** groups[g] = [first, last] block of group g (inclusive); identity when no grouping was needed. */
  groups: [number, number][];
}

export function planningProfile(analysis: Pick<ModelAnalysis, 'blocks' | 'name' | 'inputBytes' | 'outputBytes'>, maxBlocks = MAX_PLAN_BLOCKS): PlanningProfile {
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1) throw new RangeError(`'maxBlocks' must be an integer >= 1, got ${maxBlocks}`);
  const fine = toProfile(analysis as ModelAnalysis);
  const n = analysis.blocks.length;
  if (n <= maxBlocks) return { profile: fine, groups: analysis.blocks.map((_, i): [number, number] => [i, i]) };
  const size = Math.ceil(n / maxBlocks);
  const groups: [number, number][] = [];
  for (let first = 0; first < n; first += size) groups.push([first, Math.min(n, first + size) - 1]);
  const blocks = groups.map(([first, last]) => {
    const part = analysis.blocks.slice(first, last + 1);
    return {
      name: `${part[0].lastNode === part[part.length - 1].lastNode ? part[0].lastNode : `${fine.blocks[first].name} .. ${fine.blocks[last].name}`}`,
      memoryBytes: part.reduce((s, b) => s + b.paramBytes, 0) + Math.max(...part.map((b) => b.activationBytes)),
      flops: part.reduce((s, b) => s + b.flops, 0),
      outBytes: part[part.length - 1].outBytes,
    };
  });
  return { profile: { ...fine, blocks }, groups };
}

/** A plan on groups, in block numbers (stages cover the same blocks; costs are unchanged). */
export function toBlockPlan(plan: PlanReport, groups: readonly [number, number][]): PlanReport {
  if (groups.every(([first, last], i) => first === i && last === i)) return plan;
  return { ...plan, stages: plan.stages.map((s) => ({ ...s, firstBlock: groups[s.firstBlock][0], lastBlock: groups[s.lastBlock][1] })) };
}
