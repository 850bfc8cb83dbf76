/** Stage models by group range: the workers' stage cache, when the planner worked on groups of blocks. */
import type { ModelAnalysis, StageModel } from '../../model/index';
import { StageCache } from '../../workers/stage-cache';

export class GroupStageCache extends StageCache {
  constructor(
    analysis: ModelAnalysis,
    private readonly groups: readonly [number, number][],
  ) {
    super(analysis);
  }

  override get(firstGroup: number, lastGroup: number): StageModel {
    return super.get(this.groups[firstGroup][0], this.groups[lastGroup][1]);
  }
}
