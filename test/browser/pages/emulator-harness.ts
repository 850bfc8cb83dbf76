// Test harness: a real-time emulation in this page, every node a module Web Worker running onnxruntime-web.
import { analyzeModel, encodeModel } from '../../../src/model/index';
import { buildTinyCnn } from '../../../src/model/zoo/tiny-cnn';
import { uniformScenario } from '../../../src/emulator/scenario';
import type { RunReport } from '../../../src/emulator/run-loop';
import { runReal } from '../../../src/workers/run-real';
import { spawnBrowserNode } from '../../../src/workers/spawn-browser';

declare global {
  interface Window {
    runEmulation(killAtSec: number | null): Promise<RunReport & { errors: string[] }>;
    harnessReady: boolean;
  }
}

window.runEmulation = async (killAtSec) => {
  const model = buildTinyCnn();
  const analysis = await analyzeModel(model, { name: 'tiny-cnn', inputShape: [1, 3, 32, 32] });
  const scenario = uniformScenario(4, { memoryBytes: 0.2 * 2 ** 20, gflops: 0.02 }, { bandwidthMbps: 20, latencyMs: 2, jitterMs: 0, lossRate: 0 });
  const errors: string[] = [];
  const report = await runReal({
    analysis,
    modelBytes: encodeModel(model),
    scenario,
    spawn: spawnBrowserNode,
    durationSec: 8,
    verifyEvery: 1,
    onRun: (run) =>
      run.on((e) => {
        if (e.kind === 'error') errors.push(e.message);
        // killAtSec after the first plan runs: the workers first compile onnxruntime's wasm, which a busy host makes slow
        if (e.kind === 'deployed' && e.epoch === 1 && killAtSec !== null) {
          const victim = run.dispatcher.plan?.stages[1].node as string;
          run.clock.schedule(run.clock.nowMs() + killAtSec * 1000, () => run.inject({ kind: 'kill', node: victim, atSec: killAtSec }));
        }
      }),
  });
  return { ...report, errors };
};
window.harnessReady = true;
