/**
 * One live emulation for the page: the chosen backend (real workers or virtual time), the dispatcher and its
 * load, the chaos switch, and the bookkeeping the page shows (duplicates, lost requests, deploy progress).
 * Everything here is plain TypeScript; the Svelte state class polls `sample()` a few times a second.
 */
import type { BackendEvent } from '../../emulator/backend';
import type { DispatcherEvent } from '../../emulator/dispatcher-types';
import type { FaultFigures } from '../../emulator/fault-log';
import type { ScheduledFault } from '../../emulator/fault-schedule';
import { LiveEmulation } from '../../emulator/live';
import { toCluster } from '../../emulator/scenario';
import type { ModelAnalysis, TensorValue } from '../../model/index';
import type { PlanReport } from '../../planner/types';
import type { SpawnNode } from '../../workers/spawn';
import type { WireTensor } from '../../workers/protocol';
import { ChaosDriver } from './chaos-driver';
import { createRunBackend } from './run-backend';
import { deployFraction, deploySecondsLeft, startDeploy, type DeployProgress } from './deploy-progress';
import type { VirtualPacer } from './virtual-pacer';
import { planningProfile, toBlockPlan } from './coarse-profile';
import { LinkFaults } from './link-faults';
import { composeSample, type RunSample } from './run-sample';
import { toEmulatorScenario, type LabScenario } from './scenario-spec';

export interface LiveRunInput {
  scenario: LabScenario;
  analysis: ModelAnalysis;
  spawn: SpawnNode;
  /** The whole model's outputs for the pooled inputs (computed off the main thread); rejects when unavailable. */
  reference?: (inputs: WireTensor[][]) => Promise<TensorValue[][]>;
  onProgress: (label: string, fraction: number) => void;
  onEvent: (event: DispatcherEvent) => void;
}

/** A request still open after this long (and this many bottlenecks) while the pipeline runs is counted lost. */
const LOST_AFTER_MS = 30_000;

/** How much slower a device computes after "Slow CPU". */
const CPU_SLOWDOWN = 4;

export class LiveRun {
  private readonly delivered = new Set<number>();
  private duplicated = 0;
  private errorCount = 0;
  private verified = 0;
  private deploy: DeployProgress | null = null;
  private readonly killed = new Map<string, 'down' | 'hung'>();
  private readonly cpuSlowed = new Set<string>();
  readonly links: LinkFaults;
  private readonly chaos: ChaosDriver;
  private disposed = false;

  private constructor(
    readonly scenario: LabScenario,
    readonly live: LiveEmulation,
    private readonly pacer: VirtualPacer | null,
    private readonly input: LiveRunInput,
    private readonly hasReference: () => boolean,
    /** The planner's groups of blocks (identity for all but very long chains). */
    readonly groups: [number, number][],
    private readonly stageBytes: (first: number, last: number) => number,
  ) {
    this.links = new LinkFaults(scenario, live.dispatcher);
    const ids = scenario.nodes.map((n) => n.id);
    this.chaos = new ChaosDriver(live.backend.clock, ids, (fault) => this.applyFault(fault), scenario.seed);
    if (scenario.chaosPerMin > 0) this.chaos.setRate(scenario.chaosPerMin);
  }

  static async start(input: LiveRunInput): Promise<LiveRun> {
    const { scenario, analysis } = input;
    const { profile, groups } = planningProfile(analysis);
    const { backend, pacer, stageBytes, expected } = await createRunBackend({ ...input, groups, inputBytes: profile.inputBytes });
    const emulated = toEmulatorScenario(scenario);
    let run: LiveRun | null = null;
    const early: BackendEvent[] = [];
    backend.listen((event) => (run ? run.backendEvent(event) : early.push(event)));
    const live = new LiveEmulation(
      { profile, cluster: toCluster(emulated), algorithm: scenario.algorithm, objective: scenario.objective, seed: scenario.seed, stageBytes },
      backend,
    );
    run = new LiveRun(scenario, live, pacer, input, () => expected.length > 0, groups, stageBytes);
    const plan = live.dispatcher.plan;
    if (plan) run.deploy = startDeploy(plan, live.dispatcher.snapshot().epoch, live.backend.clock.nowMs(), scenario, stageBytes);
    for (const event of early) run.backendEvent(event);
    live.dispatcher.on((event) => run?.dispatcherEvent(event));
    if (scenario.load.mode === 'open') live.setLoad(scenario.load);
    return run;
  }

  /** The running plan, in block numbers. */
  get plan(): PlanReport | null {
    const plan = this.live.dispatcher.plan;
    return plan ? toBlockPlan(plan, this.groups) : null;
  }

  get clock() {
    return this.live.backend.clock;
  }

  get isVirtual(): boolean {
    return this.pacer !== null;
  }

  // ---- faults ----

  kill(id: string): void {
    this.checkNode(id);
    this.killed.set(id, 'down');
    this.live.dispatcher.kill(id);
  }

  hang(id: string): void {
    this.checkNode(id);
    this.killed.set(id, 'hung');
    this.live.dispatcher.hang(id);
  }

  revive(id: string): void {
    this.checkNode(id);
    this.killed.delete(id);
    this.live.dispatcher.revive(id);
  }

  /** The device computes four times slower (thermal throttling, a busy CPU); again to restore it. */
  slowCpu(id: string): void {
    this.checkNode(id);
    const nominal = this.scenario.nodes.find((n) => n.id === id)?.gflops ?? 1;
    if (this.cpuSlowed.has(id)) this.cpuSlowed.delete(id);
    else this.cpuSlowed.add(id);
    this.live.dispatcher.setNodeSpeed(id, this.cpuSlowed.has(id) ? nominal / CPU_SLOWDOWN : nominal);
  }

  setChaos(perMin: number): void {
    this.chaos.setRate(perMin);
  }

  // ---- load and time ----

  pause(): void {
    this.live.pauseLoad();
    this.pacer?.pause();
  }

  resume(): void {
    this.pacer?.resume();
    this.live.resumeLoad();
  }

  /** Virtual runs change pace at once; real workers took their time scale at start (the caller restarts them). */
  setTimeScale(timeScale: number): boolean {
    if (!this.pacer) return false;
    this.pacer.setTimeScale(timeScale);
    return true;
  }

  sample(): RunSample {
    const snap = this.live.snapshot();
    const ledger = this.live.dispatcher.ledger;
    ledger.prune();
    const nowMs = this.clock.nowMs();
    const lostAfterMs = Math.max(LOST_AFTER_MS, 50 * (this.plan?.latencyMs ?? 0));
    const lost = snap.phase === 'running' ? ledger.open().filter((r) => nowMs - r.acceptedAtMs > lostAfterMs).length : 0;
    return composeSample(snap, {
      lost,
      duplicated: this.duplicated,
      deploy: this.deploy
        ? { done: this.deploy.done, total: this.deploy.total, fraction: deployFraction(this.deploy, nowMs), secondsLeft: deploySecondsLeft(this.deploy, nowMs) }
        : null,
      verified: this.hasReference() ? this.verified : 0,
      errors: this.errorCount,
      clicked: (id) => this.killed.get(id),
      slowed: (id) => this.links.isSlowed(id),
      cpuSlowed: (id) => this.cpuSlowed.has(id),
    });
  }


  /** Each fault's recovery figures (detect, replan, redeploy, first result), relative to the fault. */
  faultFigures(): FaultFigures[] {
    return this.live.dispatcher.faults.figures(this.live.dispatcher.startMs);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.chaos.dispose();
    this.pacer?.dispose();
    this.live.dispose();
  }

  private applyFault(fault: ScheduledFault): void {
    if (this.disposed) return;
    if (fault.kind === 'cut') this.links.cut(fault.from, fault.to);
    else if (fault.kind === 'restore') this.links.restore(fault.from, fault.to);
    else if (fault.kind === 'kill') this.kill(fault.node);
    else if (fault.kind === 'hang') this.hang(fault.node);
    else if (fault.kind === 'revive') this.revive(fault.node);
  }

  private backendEvent(event: BackendEvent): void {
    if (event.kind === 'deployed' && this.deploy && event.epoch === this.deploy.epoch) {
      this.deploy.done++;
    }
    if (event.kind === 'result' && event.mismatch !== undefined && event.mismatch <= 1e-4) this.verified++;
  }

  private dispatcherEvent(event: DispatcherEvent): void {
    if (event.kind === 'plan') this.deploy = startDeploy(event.plan, event.epoch, event.atMs, this.scenario, this.stageBytes);
    if (event.kind === 'phase' && event.phase === 'running') this.deploy = null;
    if (event.kind === 'node-up') this.killed.delete(event.node);
    if (event.kind === 'error') this.errorCount++;
    if (event.kind === 'result') {
      // counted here, outside the dispatcher's own ledger, so that a bookkeeping bug would show
      if (this.delivered.has(event.requestId)) this.duplicated++;
      else this.delivered.add(event.requestId);
    }
    this.input.onEvent(event.kind === 'plan' ? { ...event, plan: toBlockPlan(event.plan, this.groups) } : event);
  }

  private checkNode(id: string): void {
    if (!this.scenario.nodes.some((n) => n.id === id)) throw new RangeError(`'${id}' is not a node of the scenario`);
  }
}
