import { describe, expect, it } from 'vitest';
import { deployBytesOf } from '../../src/emulator/deploy-size';
import { RunLoop } from '../../src/emulator/run-loop';
import { uniformScenario } from '../../src/emulator/scenario';
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
    const backend = await WorkerBackend.create({
      scenario,
      stages: { model: async (a, b) => stages.get(a, b).bytes.slice() },
      spawn: spawnThreadNode,
      inputs: pooledInputs(analysis, 2, 1),
      expected: [],
      verifyEvery: 1,
    });
    const checked: (number | undefined)[] = [];
    backend.listen((e) => e.kind === 'message' && e.message.type === 'tensor' && checked.push(e.mismatch));
    const run = new RunLoop({ scenario, backend, profile: toProfile(analysis), deployBytes: deployBytesOf(analysis.blocks.map((b) => b.paramBytes)) });
    const errors: string[] = [];
    run.on((e) => e.kind === 'error' && errors.push(e.message));
    run.start();
    // the workers compile onnxruntime's wasm first: wait for results, bounded, rather than for a fixed time
    for (let i = 0; i < 200 && run.snapshot().completed <= 3; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const completed = run.snapshot().completed;
    run.dispose();
    expect(completed).toBeGreaterThan(3);
    expect(checked.length).toBeGreaterThan(3);
    expect(checked.every((m) => m === undefined)).toBe(true);
    expect(errors).toEqual([]);
  });
});
