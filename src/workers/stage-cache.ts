/** Stage models by block range, sliced once and kept: replans often move the same ranges around. */
import { sliceBlocks, type ModelAnalysis, type StageModel } from '../model/index';

export class StageCache {
  private readonly stages = new Map<string, StageModel>();

  constructor(private readonly analysis: ModelAnalysis) {}

  get(firstBlock: number, lastBlock: number): StageModel {
    const key = `${firstBlock}:${lastBlock}`;
    let stage = this.stages.get(key);
    if (!stage) {
      stage = sliceBlocks(this.analysis, firstBlock, lastBlock);
      this.stages.set(key, stage);
    }
    return stage;
  }

  bytes(firstBlock: number, lastBlock: number): number {
    return this.get(firstBlock, lastBlock).bytes.byteLength;
  }
}
