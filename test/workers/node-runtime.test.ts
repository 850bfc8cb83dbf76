import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { toWorld, uniformScenario } from '../../src/emulator/scenario';
import type { StageDeployment } from '../../src/emulator/backend';
import { NodeRuntime } from '../../src/workers/node-runtime';
import { StageCache } from '../../src/workers/stage-cache';

async function setup() {
  const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny', inputShape: [1, 3, 32, 32] });
  const scenario = uniformScenario(2, { memoryBytes: 2 ** 20, gflops: 1 }, { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 });
  const runtime = new NodeRuntime();
  await runtime.start({ id: 'n1', gflops: 1, world: toWorld(scenario), seed: 1, timeScale: 1, stallMs: 750 }, () => undefined);
  const stages = new StageCache(analysis);
  const stage = (epoch: number, first: number, last: number, deployBytes = 1): StageDeployment => ({
    epoch, stageIndex: 0, firstBlock: first, lastBlock: last, next: 'n2', flops: 1, outBytes: 1, deployBytes,
  });
  return { runtime, stages, stage };
}

describe('NodeRuntime.load(stage, model)', () => {
  it('runs loads in order, so keeping a stage right after loading it works', async () => {
    const { runtime, stages, stage } = await setup();
    const loading = runtime.load(stage(1, 0, 3), stages.get(0, 3).bytes.slice());
    await runtime.load(stage(2, 0, 3, 0), null);
    await loading;
    expect(runtime.status().stageEpoch).toBe(2);
  });

  it('refuses to keep blocks it does not hold', async () => {
    const { runtime, stages, stage } = await setup();
    await runtime.load(stage(1, 0, 3), stages.get(0, 3).bytes.slice());
    await expect(runtime.load(stage(2, 0, 5, 0), null)).rejects.toThrow(/asked to keep blocks 0\.\.5, which it does not hold/);
    expect(runtime.status().stageEpoch).toBe(1);
  });

  it('ignores a load from an older plan that arrives late', async () => {
    const { runtime, stages, stage } = await setup();
    await runtime.load(stage(3, 4, 8), stages.get(4, 8).bytes.slice());
    await runtime.load(stage(2, 0, 3), stages.get(0, 3).bytes.slice());
    expect(runtime.status().stageEpoch).toBe(3);
  });
});
