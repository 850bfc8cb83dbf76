/**
 * The one run loop, for the CLI, the benches and the page: a dispatcher over a backend, a load generator, faults
 * injected into the world (scheduled or at once) and recorded, the client's own count of what it received, and
 * the report. A CLI run streams for a duration then drains; the page runs open-ended and samples snapshots.
 * See docs/design.md, "The run loop".
 */
import type { PlanReport } from '../planner/types';
import type { ClusterBackend } from './backend';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import type { DispatcherEvent, NodeSnapshot, Phase } from './dispatcher-types';
import { FaultInjector } from './fault-injector';
import { FaultLog, type FaultFigures } from './fault-log';
import type { ScheduledFault } from './fault-schedule';
import type { LedgerCounts } from './ledger';
import { LoadGenerator, type LoadMode } from './load-generator';
import { throughputWindowMs } from './metrics';
import type { LatencySummary } from './percentiles';
import { toCluster, type Scenario } from './scenario';

export interface RunLoopOptions extends Omit<DispatcherOptions, 'transport' | 'cluster'> {
  scenario: Scenario;
  backend: ClusterBackend;
  load?: LoadMode;
}

/** What the run loop tells its listeners: the dispatcher's events, and each fault as it is injected. */
export type RunEvent = DispatcherEvent | { kind: 'injected'; atMs: number; fault: ScheduledFault };

/** One plan the run ran, for reports. */
export interface PlanRecord {
  atSec: number;
  epoch: number;
  algorithm: string;
  objective: string;
  bottleneckMs: number;
  stages: { node: string; firstBlock: number; lastBlock: number }[];
}

/** The run at one instant: the ledger's exact counts, throughput, latency, nodes, phase. */
export interface RunSnapshot extends LedgerCounts {
  atMs: number;
  /** Emulated seconds since the start. */
  elapsedSec: number;
  phase: Phase;
  pauseReason: string;
  epoch: number;
  /** Requests the client received twice (counted by the client, outside the dispatcher): must stay 0. */
  duplicated: number;
  throughputPerSec: number;
  predictedThroughputPerSec: number | null;
  latencyMs: LatencySummary;
  nodes: NodeSnapshot[];
  load: LoadMode;
  loadPaused: boolean;
  /** Requests the closed loop keeps outstanding (0 in open loop). */
  window: number;
}

export interface RunReport {
  predictedThroughput: number | null;
  measuredThroughput: number;
  requests: number;
  completed: number;
  /** Accepted and neither answered nor given up when the report was made (held while paused, or still in flight). */
  pending: number;
  inFlight: number;
  lost: number;
  duplicated: number;
  resends: number;
  lateCopies: number;
  latencyMs: LatencySummary;
  faults: FaultFigures[];
  plans: PlanRecord[];
  hostBound: boolean;
  plan: PlanReport | null;
  finalPhase: Phase;
  pauseReason: string;
  warnings: string[];
}

export class RunLoop {
  readonly dispatcher: Dispatcher;
  readonly faults = new FaultLog();
  readonly injector: FaultInjector;
  readonly load: LoadGenerator;
  readonly backend: ClusterBackend;
  readonly plans: PlanRecord[] = [];
  private readonly listeners: ((event: RunEvent) => void)[] = [];
  /** Bit per request id: received by the client. */
  private received = new Uint8Array(1024);
  private duplicated = 0;
  private hostBound = false;
  private firstPlanThroughput: number | null = null;
  private readonly warnings: string[] = [];
  private readonly startedAtMs: number;
  private disposed = false;

  constructor(options: RunLoopOptions) {
    const { scenario, backend, load, ...dispatcherOptions } = options;
    this.backend = backend;
    this.startedAtMs = backend.clock.nowMs();
    this.dispatcher = new Dispatcher({
      ...dispatcherOptions,
      window: dispatcherOptions.window ?? (load?.mode === 'closed' ? load.window : undefined),
      cluster: toCluster(scenario),
      transport: backend,
    });
    this.injector = new FaultInjector(backend, scenario);
    this.load = new LoadGenerator(
      {
        clock: backend.clock,
        accept: () => void this.dispatcher.accept(),
        outstanding: () => this.dispatcher.ledger.pending,
        defaultWindow: () => this.dispatcher.window,
      },
      load,
    );
    this.dispatcher.on((event) => this.follow(event));
  }

  /** Plans, deploys and starts the load. */
  start(): void {
    this.dispatcher.start();
    this.load.start();
  }

  on(listener: (event: RunEvent) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  get clock() {
    return this.backend.clock;
  }

  get startMs(): number {
    return this.startedAtMs;
  }

  /** Injects a fault into the world now and records it. Throws RangeError for a node the scenario does not have. */
  inject(fault: ScheduledFault): void {
    this.injector.check(fault);
    const atMs = this.clock.nowMs();
    this.faults.injected(fault, atMs);
    this.injector.apply(fault);
    this.emit({ kind: 'injected', atMs, fault });
  }

  /** Injects each fault at start + atSec; returns warnings for faults after `endSec` (they would never happen). */
  schedule(faults: readonly ScheduledFault[], endSec = Infinity): string[] {
    const late: string[] = [];
    for (const fault of faults) {
      this.injector.check(fault);
      if (fault.atSec > endSec) {
        late.push(`the ${fault.kind} at ${fault.atSec} s comes after the end of the run (${endSec} s) and will not happen`);
        continue;
      }
      this.clock.schedule(this.startedAtMs + fault.atSec * 1000, () => this.inject(fault));
    }
    this.warnings.push(...late);
    return late;
  }

  snapshot(): RunSnapshot {
    const nowMs = this.clock.nowMs();
    const plan = this.dispatcher.plan;
    const nodes = this.dispatcher.nodes();
    if (this.dispatcher.isHostBound()) this.hostBound = true;
    return {
      ...this.dispatcher.ledger.snapshot(),
      atMs: nowMs,
      elapsedSec: (nowMs - this.startedAtMs) / 1000,
      phase: this.dispatcher.state,
      pauseReason: this.dispatcher.pausedBecause,
      epoch: this.dispatcher.currentEpoch,
      duplicated: this.duplicated,
      throughputPerSec: this.dispatcher.throughputPerSec(nowMs),
      predictedThroughputPerSec: plan?.throughputPerSec ?? null,
      latencyMs: this.dispatcher.metrics.windowLatency(nowMs, throughputWindowMs(plan?.bottleneckMs ?? null)),
      nodes,
      load: this.load.mode,
      loadPaused: this.load.paused,
      window: this.load.window,
    };
  }

  /** The report of the run so far; `loadEndMs` bounds the measured throughput to the time the load was on. */
  report(loadEndMs = this.clock.nowMs()): RunReport {
    const counts = this.dispatcher.ledger.snapshot();
    const snap = this.snapshot();
    return {
      predictedThroughput: this.firstPlanThroughput,
      measuredThroughput: this.dispatcher.metrics.steadyThroughputPerSec(loadEndMs),
      requests: counts.accepted,
      completed: counts.completed,
      pending: counts.queued + counts.inFlight,
      inFlight: counts.inFlight,
      lost: counts.lost,
      duplicated: this.duplicated,
      resends: counts.resends,
      lateCopies: counts.lateCopies,
      latencyMs: this.dispatcher.metrics.overallLatency(),
      faults: this.faults.figures(this.startedAtMs),
      plans: this.plans,
      hostBound: this.hostBound,
      plan: this.dispatcher.plan,
      finalPhase: snap.phase,
      pauseReason: snap.pauseReason,
      warnings: [...this.warnings],
    };
  }

  /**
   * A run of `durationSec`: load on, then off, then up to `drainSec` for the requests still out (not while
   * paused: nothing finishes until a repair that will not come). `waitUntil` advances virtual time or waits
   * for the real clock.
   */
  async runFor(durationSec: number, waitUntil: (atMs: number) => Promise<void>, drainSec = 120): Promise<RunReport> {
    const endMs = this.startedAtMs + durationSec * 1000;
    const watch = this.every(500, () => {
      if (this.dispatcher.isHostBound()) this.hostBound = true;
    });
    this.start();
    await waitUntil(endMs);
    this.load.stop();
    const drainEndMs = endMs + drainSec * 1000;
    for (let t = endMs; this.dispatcher.ledger.pending > 0 && t < drainEndMs && this.dispatcher.state !== 'paused'; t += 250) await waitUntil(t + 250);
    watch();
    const report = this.report(endMs);
    this.dispose();
    return report;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.load.stop();
    this.dispatcher.stop();
    this.backend.dispose();
  }

  private follow(event: DispatcherEvent): void {
    this.faults.follow(event);
    switch (event.kind) {
      case 'result':
        this.receive(event.requestId);
        this.load.topUp();
        break;
      case 'plan':
        if (this.plans.length === 0) this.firstPlanThroughput = event.plan.throughputPerSec;
        this.plans.push({
          atSec: round((event.atMs - this.startedAtMs) / 1000),
          epoch: event.epoch,
          algorithm: event.plan.algorithm,
          objective: event.plan.objective,
          bottleneckMs: event.plan.bottleneckMs,
          stages: event.plan.stages.map((s) => ({ node: s.node, firstBlock: s.firstBlock, lastBlock: s.lastBlock })),
        });
        break;
      case 'deployed':
      case 'lost':
        this.load.topUp();
        break;
    }
    this.emit(event);
  }

  private emit(event: RunEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The client's own record: a request received twice is a duplicate, whatever the dispatcher believes. */
  private receive(id: number): void {
    const byte = id >> 3;
    if (byte >= this.received.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.received.length * 2));
      grown.set(this.received);
      this.received = grown;
    }
    const bit = 1 << (id & 7);
    if (this.received[byte] & bit) this.duplicated++;
    this.received[byte] |= bit;
  }

  private every(periodMs: number, fn: () => void): () => void {
    const clock = this.clock;
    let id = clock.schedule(clock.nowMs() + periodMs, function tick() {
      fn();
      id = clock.schedule(clock.nowMs() + periodMs, tick);
    });
    return () => clock.cancel(id);
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
