/**
 * The cluster a lab run drives: real module Web Workers running onnxruntime-web (stage models sliced in the
 * model worker, each result checked against reference outputs computed there too), the members of a real-devices
 * session (the same stage models and checks, over the session's transports), or the virtual-time simulation paced
 * against the wall clock. Nothing heavy runs on the page's main thread.
 */
import type { ClusterBackend } from '../../emulator/backend';
import { deployBytesOf } from '../../emulator/deploy-size';
import { SimBackend } from '../../emulator/sim-backend';
import type { DeviceRunInputs } from '../../devices/types';
import type { ModelAnalysis, TensorValue } from '../../model/index';
import type { WireTensor } from '../../workers/protocol';
import { pooledInputs } from '../../workers/run-real';
import type { SpawnNode } from '../../workers/spawn';
import { WorkerBackend } from '../../workers/worker-backend';
import { toEmulatorScenario, type LabScenario } from './scenario-spec';
import { VirtualPacer } from './virtual-pacer';

export interface RunBackend {
  backend: ClusterBackend;
  /** Drives virtual time (virtual mode only). */
  pacer: VirtualPacer | null;
  /** Bytes that travel to deploy groups first..last on a node (docs/design.md, "Deploy size"). */
  deployBytes: (first: number, last: number) => number;
  /** Reference outputs; empty until (unless) they are known. */
  expected: TensorValue[][];
}

export interface RunBackendInput {
  scenario: LabScenario;
  analysis: ModelAnalysis;
  groups: [number, number][];
  spawn: SpawnNode;
  /** The stage model of blocks first..last (block numbers), sliced off the main thread. */
  stageModel: (firstBlock: number, lastBlock: number) => Promise<Uint8Array>;
  reference?: (inputs: WireTensor[][]) => Promise<TensorValue[][]>;
  onProgress: (label: string, fraction: number) => void;
  /** Devices mode: the session's backend for these stage models, inputs and checks (src/devices/host-session.ts). */
  devices?: (inputs: DeviceRunInputs) => ClusterBackend;
}

export async function createRunBackend(input: RunBackendInput): Promise<RunBackend> {
  const { scenario, analysis, groups } = input;
  const emulated = toEmulatorScenario(scenario);
  const expected: TensorValue[][] = [];
  const deployBytes = deployBytesOf(groups.map(([first, last]) => analysis.blocks.slice(first, last + 1).reduce((s, b) => s + b.paramBytes, 0)));
  if (scenario.mode === 'real' || scenario.mode === 'devices') {
    const inputs = pooledInputs(analysis, 4, scenario.seed);
    // the whole model runs in the model worker meanwhile; no reference, no checks (the run goes on)
    const reference = input.reference?.(inputs).then(
      (outputs) => void expected.push(...outputs),
      () => undefined,
    );
    if (scenario.mode === 'devices') {
      if (!input.devices) throw new Error('Devices mode needs an open session: choose Real devices in the Mode menu on a page served by "npx seifer-lab serve".');
      await reference;
      const stages = { model: (first: number, last: number) => input.stageModel(groups[first][0], groups[last][1]) };
      // pooledInputs makes them with randomInputs: each one's data is a typed array, as TensorValue says
      return { backend: input.devices({ stages, inputs: inputs as TensorValue[][], expected, verifyEvery: 10 }), pacer: null, deployBytes, expected };
    }
    const backend = await WorkerBackend.create({
      scenario: emulated,
      stages: { model: (first, last) => input.stageModel(groups[first][0], groups[last][1]) },
      spawn: input.spawn,
      inputs,
      expected,
      verifyEvery: 10,
      seed: scenario.seed,
      timeScale: scenario.timeScale,
      onProgress: input.onProgress,
    });
    await reference;
    return { backend, pacer: null, deployBytes, expected };
  }
  const sim = new SimBackend({ scenario: emulated, network: { seed: scenario.seed } });
  return { backend: sim, pacer: new VirtualPacer(sim.clock, scenario.timeScale, browserTimers), deployBytes, expected };
}

const browserTimers = {
  nowMs: () => performance.now(),
  every: (periodMs: number, fn: () => void) => {
    const handle = setInterval(fn, periodMs);
    return () => clearInterval(handle);
  },
};
