/**
 * A whole emulation in real time: real workers, real inference, the emulated network timing every send, on the
 * one run loop. The caller picks how workers start (browser Web Workers or Node worker threads).
 */
import { deployBytesOf } from '../emulator/deploy-size';
import type { ScheduledFault } from '../emulator/fault-schedule';
import { RunLoop, type RunLoopOptions, type RunReport } from '../emulator/run-loop';
import { createSession, randomInputs, toProfile, type ModelAnalysis, type TensorValue } from '../model/index';
import { useCompiledOrtWasm } from '../model/ort-wasm';
import type { WireTensor } from './protocol';
import type { SpawnNode } from './spawn';
import { StageCache } from './stage-cache';
import { WorkerBackend } from './worker-backend';

export interface RealRunOptions extends Omit<RunLoopOptions, 'backend' | 'profile' | 'deployBytes'> {
  analysis: ModelAnalysis;
  /** The whole model, run once per pooled input to verify results. */
  modelBytes: Uint8Array;
  spawn: SpawnNode;
  durationSec: number;
  faults?: ScheduledFault[];
  drainSec?: number;
  timeScale?: number;
  /** Distinct seeded inputs, cycled (default 4). */
  inputPool?: number;
  verifyEvery?: number;
  onProgress?: (label: string, fraction: number) => void;
  onRun?: (run: RunLoop) => void;
}

export async function runReal(options: RealRunOptions): Promise<RunReport> {
  const { analysis, seed = 1, durationSec, faults = [], drainSec, onRun, onProgress, modelBytes, spawn, inputPool, verifyEvery, timeScale, ...rest } = options;
  const stages = new StageCache(analysis);
  const inputs = pooledInputs(analysis, inputPool ?? 4, seed);
  // the reference outputs are computed while the nodes start (off the critical path): results are checked once they are there
  const expected: TensorValue[][] = [];
  const reference = sharedWasm(spawn)
    .then(() => expectedOutputs(modelBytes, analysis, inputs, onProgress))
    .then((outputs) => void expected.push(...outputs));
  reference.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const backend = await WorkerBackend.create({
    scenario: options.scenario,
    stages: { model: async (a, b) => stages.get(a, b).bytes.slice() },
    spawn,
    inputs,
    expected,
    verifyEvery,
    seed,
    timeScale,
    onProgress,
  });
  const run = new RunLoop({ ...rest, seed, backend, profile: toProfile(analysis), deployBytes: deployBytesOf(analysis.blocks.map((b) => b.paramBytes)) });
  run.schedule(faults, durationSec);
  onRun?.(run);
  const clock = backend.clock;
  try {
    await reference;
  } catch (error) {
    run.dispose();
    throw error;
  }
  return run.runFor(durationSec, (atMs) => new Promise((resolve) => clock.schedule(atMs, resolve)), drainSec);
}

/** The nodes' compiled onnxruntime wasm, used by this thread's own session too (one compilation, not two). */
async function sharedWasm(spawn: SpawnNode): Promise<void> {
  const wasm = await spawn.compiledWasm?.();
  if (wasm) useCompiledOrtWasm(wasm);
}

export function pooledInputs(analysis: ModelAnalysis, count: number, seed: number): WireTensor[][] {
  const names = analysis.topology.activationInputs;
  const dtypes = Object.fromEntries(names.map((n) => [n, analysis.tensors.get(n)?.dtype ?? 'float32']));
  return Array.from({ length: count }, (_, k) => {
    const feeds = randomInputs(analysis.inputShapes, dtypes, seed * 1000 + k);
    return names.map((n) => ({ dtype: feeds[n].dtype, dims: feeds[n].dims, data: feeds[n].data }));
  });
}

/** The whole model's outputs for each pooled input, in graph output order. */
export async function expectedOutputs(modelBytes: Uint8Array, analysis: ModelAnalysis, inputs: WireTensor[][], onProgress?: (label: string, fraction: number) => void): Promise<TensorValue[][]> {
  const session = await createSession(modelBytes, `${analysis.name} (whole, for verification)`, analysis.model);
  try {
    const result: TensorValue[][] = [];
    for (const [k, tensors] of inputs.entries()) {
      onProgress?.('computing reference outputs', k / inputs.length);
      const feeds: Record<string, TensorValue> = {};
      analysis.topology.activationInputs.forEach((name, i) => (feeds[name] = tensors[i] as TensorValue));
      const out = await session.run(feeds);
      // copy out of onnxruntime's memory before the session is released
      result.push(analysis.model.graph.outputs.map((o) => ({ ...out[o.name], data: out[o.name].data.slice() })));
    }
    onProgress?.('computing reference outputs', 1);
    return result;
  } finally {
    await session.release();
  }
}
