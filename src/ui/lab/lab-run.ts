/**
 * One run of the lab page: the run loop over the chosen backend (real workers or virtual time), the page's
 * faults (clicks, keys, the chaos switch) injected into the world, deploy progress, and the sample the views
 * read. Everything here is plain TypeScript; the Svelte state class polls `sample()` a few times a second.
 */
import type { FaultFigures } from '../../emulator/fault-log';
import { faultNodes, type ScheduledFault } from '../../emulator/fault-schedule';
import type { LoadMode } from '../../emulator/load-generator';
import { RunLoop, type RunEvent } from '../../emulator/run-loop';
import { endpointIds } from '../../emulator/scenario';
import type { ModelAnalysis, TensorValue } from '../../model/index';
import type { Cluster, PlanReport, Profile } from '../../planner/types';
import type { SpawnNode } from '../../workers/spawn';
import type { WireTensor } from '../../workers/protocol';
import { ChaosDriver } from './chaos-driver';
import { toBlockPlan } from './coarse-profile';
import { createRunBackend, type RunBackendInput } from './run-backend';
import { deployFraction, deploySecondsLeft, startDeploy, type DeployProgress } from './deploy-progress';
import type { VirtualPacer } from './virtual-pacer';
import { faultyPairs, linkFault, nodeFault, type LinkAction, type LinkState, type NodeAction } from './link-faults';
import { composeSample, type RunSample } from './run-sample';
import { toEmulatorScenario, type LabScenario } from './scenario-spec';

export interface LabRunInput {
  scenario: LabScenario;
  analysis: ModelAnalysis;
  /** What the planner works on: the profile, with very long chains grouped, and the groups (block ranges). */
  planning: { profile: Profile; groups: [number, number][] };
  spawn: SpawnNode;
  /** The stage model of blocks first..last, sliced off the main thread. */
  stageModel: (firstBlock: number, lastBlock: number) => Promise<Uint8Array>;
  /** The whole model's outputs for the pooled inputs (computed off the main thread); rejects when unavailable. */
  reference?: (inputs: WireTensor[][]) => Promise<TensorValue[][]>;
  onProgress: (label: string, fraction: number) => void;
  onEvent: (event: RunEvent) => void;
  /** Devices mode: the session's backend (run-backend.ts). */
  devices?: RunBackendInput['devices'];
}

export class LabRun {
  private errorCount = 0;
  private verified = 0;
  private deploy: DeployProgress | null = null;
  private readonly chaos: ChaosDriver;
  private readonly endpoints: string[];
  private disposed = false;

  private constructor(
    readonly scenario: LabScenario,
    readonly loop: RunLoop,
    private readonly pacer: VirtualPacer | null,
    private readonly input: LabRunInput,
    private readonly hasReference: () => boolean,
    private readonly deployBytes: (first: number, last: number) => number,
  ) {
    const ids = scenario.nodes.map((n) => n.id);
    this.endpoints = endpointIds(toEmulatorScenario(scenario));
    this.chaos = new ChaosDriver(loop.clock, ids, (fault) => this.inject(fault), scenario.seed);
    if (scenario.chaosPerMin > 0) this.chaos.setRate(scenario.chaosPerMin);
  }

  static async start(input: LabRunInput): Promise<LabRun> {
    const { scenario, planning } = input;
    const made = await createRunBackend({ ...input, groups: planning.groups });
    const { backend, pacer, expected } = made;
    // stages already deployed: the first deploy sends nothing (the flag drops at the first 'deployed')
    const pre = { on: scenario.predeployed === true };
    const deployBytes = (first: number, last: number) => (pre.on ? 0 : made.deployBytes(first, last));
    const loop = new RunLoop({
      scenario: toEmulatorScenario(scenario),
      backend,
      profile: planning.profile,
      deployBytes,
      load: scenario.load,
      algorithm: scenario.algorithm,
      objective: scenario.objective,
      seed: scenario.seed,
    });
    const run = new LabRun(scenario, loop, pacer, input, () => expected.length > 0, deployBytes);
    loop.on((event) => {
      if (event.kind === 'deployed') pre.on = false;
      run.follow(event);
    });
    loop.start();
    // a lesson's scripted faults, replayed by every start (those on nodes the cluster no longer has are left out)
    const ids = new Set(run.endpoints);
    loop.schedule((scenario.faults ?? []).filter((f) => faultNodes(f).every((id) => ids.has(id))));
    return run;
  }

  /** The running plan, in block numbers. */
  get plan(): PlanReport | null {
    const plan = this.loop.dispatcher.plan;
    return plan ? toBlockPlan(plan, this.input.planning.groups) : null;
  }

  get groups(): [number, number][] {
    return this.input.planning.groups;
  }

  get clock() {
    return this.loop.clock;
  }

  get isVirtual(): boolean {
    return this.pacer !== null;
  }

  /** What the dispatcher believes about the cluster now (measured speeds and rates, in place of the configured ones). */
  believedCluster(): Cluster {
    return this.loop.dispatcher.belief.cluster();
  }

  // ---- faults: into the world, never told to the dispatcher ----

  kill(id: string): void {
    this.node('kill', id);
  }

  hang(id: string): void {
    this.node('hang', id);
  }

  revive(id: string): void {
    this.node('revive', id);
  }

  /** The device computes four times slower (thermal throttling, a busy CPU); again to restore it. */
  slowCpu(id: string): void {
    this.node('slowCpu', id);
  }

  node(action: NodeAction, id: string): void {
    this.inject(nodeFault(action, id, this.loop.injector, this.nowSec()));
  }

  link(action: LinkAction, a: string, b: string): void {
    this.inject(linkFault(action, a, b, this.nowSec()));
  }

  /** Links that are cut or degraded as injected, as pairs for drawing. */
  faultyLinks(): { a: string; b: string; state: LinkState }[] {
    return faultyPairs(this.loop.injector, this.endpoints);
  }

  setChaos(perMin: number): void {
    this.chaos.setRate(perMin);
  }

  // ---- load and time ----

  setLoad(load: LoadMode): void {
    this.loop.load.set(load);
  }

  pause(): void {
    this.loop.load.pause();
    this.pacer?.pause();
  }

  resume(): void {
    this.pacer?.resume();
    this.loop.load.resume();
  }

  /** Virtual runs change pace at once; real workers took their time scale at start (the caller restarts them). */
  setTimeScale(timeScale: number): boolean {
    if (!this.pacer) return false;
    this.pacer.setTimeScale(timeScale);
    return true;
  }

  sample(): RunSample {
    const nowMs = this.clock.nowMs();
    const injector = this.loop.injector;
    return composeSample(this.loop.snapshot(), {
      links: this.loop.backend.linkStats(),
      deploy: this.deploy ? { done: this.deploy.done, total: this.deploy.total, fraction: deployFraction(this.deploy, nowMs), secondsLeft: deploySecondsLeft(this.deploy, nowMs) } : null,
      verified: this.hasReference() ? this.verified : 0,
      errors: this.errorCount,
      nodeState: (id) => injector.nodeState(id),
      slowed: (id) => injector.radioFactor(id) > 1,
      cpuSlowed: (id) => injector.cpuFactor(id) > 1,
    });
  }

  /** Each fault's recovery figures (detect, re-plan, redeploy, first result), relative to the fault. */
  faultFigures(): FaultFigures[] {
    return this.loop.faults.figures(this.loop.startMs);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.chaos.dispose();
    this.pacer?.dispose();
    this.loop.dispose();
  }

  private inject(fault: ScheduledFault): void {
    if (this.disposed) return;
    this.loop.inject(fault);
  }

  private nowSec(): number {
    return (this.clock.nowMs() - this.loop.startMs) / 1000;
  }

  private follow(event: RunEvent): void {
    if (event.kind === 'plan') this.deploy = startDeploy(event.plan, event.epoch, event.atMs, this.scenario, this.deployBytes);
    if (event.kind === 'confirmed' && this.deploy?.epoch === event.epoch) this.deploy.done++;
    if (event.kind === 'deployed' && this.deploy?.epoch === event.epoch) this.deploy = null;
    if (event.kind === 'error') this.errorCount++;
    if (event.kind === 'result' && event.mismatch !== undefined && event.mismatch <= 1e-4) this.verified++;
    this.input.onEvent(event.kind === 'plan' ? { ...event, plan: toBlockPlan(event.plan, this.input.planning.groups) } : event);
  }
}
