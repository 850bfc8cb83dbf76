/**
 * The cluster a live run drives: real module Web Workers running onnxruntime-web (each result checked against
 * reference outputs computed off the main thread), or the virtual-time simulation paced against the wall clock.
 */
import type { ClusterBackend } from '../../emulator/backend';
import { SimBackend } from '../../emulator/sim-backend';
import type { ModelAnalysis, TensorValue } from '../../model/index';
import type { WireTensor } from '../../workers/protocol';
import { pooledInputs } from '../../workers/run-real';
import type { SpawnNode } from '../../workers/spawn';
import { WorkerBackend } from '../../workers/worker-backend';
import { GroupStageCache } from './group-stage-cache';
import { toEmulatorScenario, type LabScenario } from './scenario-spec';
import { VirtualPacer } from './virtual-pacer';

export interface RunBackend {
  backend: ClusterBackend;
  /** Drives virtual time (virtual mode only). */
  pacer: VirtualPacer | null;
  /** Bytes that travel to deploy groups first..last on a node. */
  stageBytes: (first: number, last: number) => number;
  /** Reference outputs; empty until (unless) they are known. */
  expected: TensorValue[][];
}

export interface RunBackendInput {
  scenario: LabScenario;
  analysis: ModelAnalysis;
  groups: [number, number][];
  inputBytes: number;
  spawn: SpawnNode;
  reference?: (inputs: WireTensor[][]) => Promise<TensorValue[][]>;
  onProgress: (label: string, fraction: number) => void;
}

export async function createRunBackend(input: RunBackendInput): Promise<RunBackend> {
  const { scenario, analysis, groups } = input;
  const emulated = toEmulatorScenario(scenario);
  const expected: TensorValue[][] = [];
  if (scenario.mode === 'real') {
    const stages = new GroupStageCache(analysis, groups);
    const inputs = pooledInputs(analysis, 4, scenario.seed);
    // the whole model runs in the model worker meanwhile; no reference, no checks (the run goes on)
    const reference = input.reference?.(inputs).then((outputs) => void expected.push(...outputs), () => undefined);
    const backend = await WorkerBackend.create({
      scenario: emulated, stages, spawn: input.spawn, inputs, expected, verifyEvery: 10, seed: scenario.seed, timeScale: scenario.timeScale,
      onProgress: input.onProgress,
    });
    await reference;
    return { backend, pacer: null, stageBytes: (first, last) => stages.bytes(first, last), expected };
  }
  const sim = new SimBackend({ scenario: emulated, inputBytes: input.inputBytes, network: { seed: scenario.seed } });
  return {
    backend: sim,
    pacer: new VirtualPacer(sim.clock, scenario.timeScale, browserTimers),
    // no inference in virtual time: a stage's deploy size is its weights
    stageBytes: (first, last) => analysis.blocks.slice(groups[first][0], groups[last][1] + 1).reduce((s, b) => s + b.paramBytes, 0) + 4096,
    expected,
  };
}

const browserTimers = {
  nowMs: () => performance.now(),
  every: (periodMs: number, fn: () => void) => {
    const handle = setInterval(fn, periodMs);
    return () => clearInterval(handle);
  },
};
