/**
 * The lab's whole scenario as plain data: model, devices, links, planner settings, run settings. It is what
 * the URL holds (scenario-url.ts), what the editor changes and what a run starts from.
 */
import type { ScheduledFault } from '../../emulator/fault-schedule';
import type { LoadMode } from '../../emulator/load-generator';
import { endpointIndex, linkBetween, type Scenario, type ScenarioLink, type ScenarioNode } from '../../emulator/scenario';
import type { AlgorithmName, Objective } from '../../planner/types';

/** Where nodes run: workers in this tab, simulated time, or real devices that joined a session (docs/design.md, "Real devices"). */
export type BackendMode = 'real' | 'virtual' | 'devices';

export const BACKEND_MODES: readonly BackendMode[] = ['real', 'virtual', 'devices'];

export interface LabScenario {
  /** A zoo name, or UPLOADED_MODEL for a file the user dropped (it cannot travel in a link). */
  model: string;
  /** Seed of a generated zoo model's weights. */
  modelSeed: number;
  nodes: ScenarioNode[];
  /** (n + 1) x (n + 1), the dispatcher last, as in emulator/scenario.ts. */
  links: ScenarioLink[][];
  /** Where each node (then the dispatcher) stands, in metres; null lets the view arrange them. */
  positions: [number, number][] | null;
  algorithm: AlgorithmName;
  objective: Objective;
  /** Seeds the planner, the network's jitter and loss, the inputs and the chaos switch. */
  seed: number;
  /** Emulated time runs this many times slower than the wall clock (slow motion above 1). */
  timeScale: number;
  /** real: one Web Worker per node running onnxruntime-web; virtual: simulated compute, no inference; devices: the members of a session. */
  mode: BackendMode;
  /** Random faults per emulated minute; 0 = chaos off. */
  chaosPerMin: number;
  load: LoadMode;
  /** A scripted fault timeline (seconds from the run's start), replayed by every (re)start: a lesson's point on cue. */
  faults?: ScheduledFault[];
  /** Presenter notes shown beside the cluster (a lesson's). */
  notes?: string;
  /** The first deploy costs no transfer: the stage models are on the devices already (as if installed before class). */
  predeployed?: boolean;
}

export const UPLOADED_MODEL = 'upload';

/** Bounds every scenario must respect (the URL parser and the editor enforce them). */
export const LIMITS = {
  /** Each real node is a worker with its own onnxruntime wasm (about 70 MB). */
  realNodes: 32,
  /** The session server's cap on members (src/server/limits.ts). */
  deviceNodes: 32,
  virtualNodes: 1000,
  memoryMB: [0.001, 1_048_576] as const,
  gflops: [0.0001, 1_000_000] as const,
  bandwidthMbps: [0.001, 1_000_000] as const,
  latencyMs: [0, 60_000] as const,
  jitterMs: [0, 10_000] as const,
  lossRate: [0, 0.9] as const,
  timeScale: [0.05, 100] as const,
  chaosPerMin: [0, 60] as const,
  openRatePerSec: [0.01, 1000] as const,
  window: [1, 256] as const,
  scriptedFaults: 100,
  notesChars: 2000,
  seed: [0, 2 ** 31 - 1] as const,
  position: [-1e6, 1e6] as const,
};

export function maxNodes(mode: BackendMode): number {
  return mode === 'real' ? LIMITS.realNodes : mode === 'devices' ? LIMITS.deviceNodes : LIMITS.virtualNodes;
}

/** What the diagonal of a links matrix holds: a node's link to itself is never used. */
export const SELF_LINK = Object.freeze({ bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 });

/** The emulator's Scenario (devices and links only). */
export function toEmulatorScenario(lab: LabScenario): Scenario {
  return { nodes: lab.nodes, links: lab.links };
}

/** The configured link from -> to, or undefined when the two are not two endpoints of the scenario. */
export function configuredLink(lab: Pick<LabScenario, 'nodes' | 'links'>, from: string, to: string): ScenarioLink | undefined {
  const index = endpointIndex(lab);
  return index.has(from) && index.has(to) && from !== to ? linkBetween(lab, index, from, to) : undefined;
}
