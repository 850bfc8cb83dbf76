import { describe, expect, it } from 'vitest';
import { analyzeModel, encodeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { uniformScenario } from '../../src/emulator/scenario';
import { runReal } from '../../src/workers/run-real';
import { spawnThreadNode } from '../../src/workers/spawn-node';

const MB = 2 ** 20;

async function tinySetup() {
  const model = buildTinyCnn();
  const analysis = await analyzeModel(model, { name: 'tiny-cnn', inputShape: [1, 3, 32, 32] });
  // 0.02 GFLOPS: the tiny CNN's 3.6 MFLOPs take about 180 ms, far more than the host needs
  const scenario = uniformScenario(4, { memoryBytes: 0.2 * MB, gflops: 0.02 }, { bandwidthMbps: 20, latencyMs: 2, jitterMs: 0, lossRate: 0 });
  return { analysis, modelBytes: encodeModel(model), scenario };
}

describe('runReal(options) with worker threads', () => {
  it('runs real inference at the predicted rate, every checked result equal to the whole model', async () => {
    const { analysis, modelBytes, scenario } = await tinySetup();
    const errors: string[] = [];
    const report = await runReal({
      analysis,
      modelBytes,
      scenario,
      spawn: spawnThreadNode,
      durationSec: 8,
      verifyEvery: 1,
      onRun: (run) => run.on((e) => e.kind === 'error' && errors.push(e.message)),
    });
    expect(errors).toEqual([]);
    expect(report.plan?.stages.length).toBeGreaterThan(1);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.completed).toBeGreaterThan(10);
    const ratio = report.measuredThroughput / (report.predictedThroughput as number);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.1);
  });

  it('recovers from a killed worker without losing or repeating a request', async () => {
    const { analysis, modelBytes, scenario } = await tinySetup();
    let stageNode = '';
    const report = await runReal({
      analysis,
      modelBytes,
      scenario,
      spawn: spawnThreadNode,
      durationSec: 8,
      onRun: (run) =>
        run.on((e) => {
          if (e.kind === 'plan' && !stageNode) {
            stageNode = e.plan.stages[1].node;
            run.clock.schedule(run.clock.nowMs() + 3000, () => run.inject({ kind: 'kill', node: stageNode, atSec: 3 }));
          }
        }),
    });
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    const kill = report.faults.find((f) => f.kind === 'kill');
    expect(kill).toMatchObject({ node: stageNode, outcome: 'replanned' });
    expect(kill?.firstResultMs).not.toBeNull();
  });
});

describe('runReal(options) through a pause', () => {
  it('pauses when a kill leaves too little memory, and a revived worker takes its stage back', async () => {
    const model = buildTinyCnn();
    const analysis = await analyzeModel(model, { name: 'tiny-cnn', inputShape: [1, 3, 32, 32] });
    // about 0.51 MB of model: three nodes of 0.2 MB hold it, two do not
    const scenario = uniformScenario(3, { memoryBytes: 0.2 * MB, gflops: 0.05 }, { bandwidthMbps: 20, latencyMs: 2, jitterMs: 0, lossRate: 0 });
    const report = await runReal({
      analysis,
      modelBytes: encodeModel(model),
      scenario,
      spawn: spawnThreadNode,
      durationSec: 16,
      faults: [
        { kind: 'kill', node: 'n2', atSec: 2 },
        { kind: 'revive', node: 'n2', atSec: 4 },
      ],
    });
    expect(report.faults.map((f) => `${f.kind}:${f.outcome}`)).toEqual(['kill:paused', 'revive:replanned']);
    expect(report.faults[1].firstResultMs).not.toBeNull();
    expect([report.lost, report.duplicated, report.finalPhase]).toEqual([0, 0, 'running']);
  });
});
