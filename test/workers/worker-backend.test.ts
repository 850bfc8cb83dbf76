import { describe, expect, it } from 'vitest';
import { LiveEmulation } from '../../src/emulator/live';
import { toCluster, uniformScenario } from '../../src/emulator/scenario';
import { analyzeModel, toProfile } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { pooledInputs } from '../../src/workers/run-real';
import { spawnThreadNode } from '../../src/workers/spawn-node';
import { StageCache } from '../../src/workers/stage-cache';
import { WorkerBackend } from '../../src/workers/worker-backend';

describe('WorkerBackend.create(options)', () => {
  it('takes reference outputs that are still being computed: an empty list checks nothing until it is filled', async () => {
    const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny-cnn', inputShape: [1, 3, 32, 32] });
    const scenario = uniformScenario(2, { memoryBytes: 2 ** 20, gflops: 0.5 }, { bandwidthMbps: 50, latencyMs: 1, jitterMs: 0, lossRate: 0 });
    const stages = new StageCache(analysis);
    const backend = await WorkerBackend.create({ scenario, stages, spawn: spawnThreadNode, inputs: pooledInputs(analysis, 2, 1), expected: [], verifyEvery: 1 });
    const checked: (number | undefined)[] = [];
    backend.listen((e) => e.kind === 'result' && checked.push(e.mismatch));
    const live = new LiveEmulation({ profile: toProfile(analysis), cluster: toCluster(scenario), stageBytes: (a, b) => stages.bytes(a, b) }, backend);
    const errors: string[] = [];
    live.dispatcher.on((e) => e.kind === 'error' && errors.push(e.message));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const completed = live.snapshot().completed;
    live.dispose();
    expect(completed).toBeGreaterThan(3);
    expect(checked.length).toBeGreaterThan(3);
    expect(checked.every((m) => m === undefined)).toBe(true);
    expect(errors).toEqual([]);
  });
});
