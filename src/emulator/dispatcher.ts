/**
 * The dispatcher: plans, deploys, streams requests through the pipeline, and keeps it running. It knows only what
 * a real one could: heartbeats, node reports, its own sends, and measured service and transfer times. From those
 * it detects dead and hung nodes, cut links, slow devices and degraded links, re-plans on what it believes
 * survives (with the algorithm the run started with), redeploys and resends, so that every accepted request is
 * answered exactly once. Pure logic on an injected transport and clock: the same code runs in virtual time,
 * against worker threads and against real devices. See docs/design.md, "Detection and re-planning".
 */
import { type AlgorithmName, type Cluster, type Objective, type PlanReport, type Profile, isInfeasible } from '../planner/index';
import { ClusterBelief } from './cluster-belief';
import { DriftWatch, type DriftTerm } from './drift-watch';
import type { DispatcherTransport, TransportEvent } from './backend';
import type { DispatcherEvent, NodeSnapshot, Observation, Phase } from './dispatcher-types';
import { RequestLedger, type RequestId } from './ledger';
import { RunMetrics, throughputWindowMs } from './metrics';
import { NodeHealth } from './node-health';
import { DISPATCHER, type NodeReport, type NodeStatus } from './node-protocol';
import { defaultTimeoutMs, defaultWindow } from './pipeline-sizing';
import { isClearImprovement, pauseMessage, planOnSurvivors, reevaluate, type SurvivorInput } from './survivor-plan';

export interface DispatcherOptions {
  profile: Profile;
  /** The cluster as configured: what the dispatcher believes until it measures otherwise. */
  cluster: Cluster;
  transport: DispatcherTransport;
  algorithm?: AlgorithmName;
  objective?: Objective;
  seed?: number;
  /** Heartbeat period; a watched node is dead after `missedHeartbeats` periods without an answer. */
  heartbeatMs?: number;
  missedHeartbeats?: number;
  /** Requests in the pipeline at once (default: enough to keep every stage and hop busy, see defaultWindow). */
  window?: number;
  /** Resend a request that has not come back after this long (messages can be lost). Default: from the plan. */
  requestTimeoutMs?: number;
  /** Give a request up (lost) after this many copies timed out (default 5). */
  maxTimeouts?: number;
  /** How long a node may stay silent while it loads a stage, beyond the model's transfer time (default 5 s). */
  loadGraceMs?: number;
  /** Bytes that move to deploy blocks firstBlock..lastBlock on a node (docs/design.md, "Deploy size"). */
  deployBytes: (firstBlock: number, lastBlock: number) => number;
  /** Move to another plan after a repair or a measurement only if its bottleneck is better by this share (default 0.1). */
  improveThreshold?: number;
  /** Re-plan when the observed bottleneck drifts from the prediction (default true; false: only on failures, as SEIFER). */
  adapt?: boolean;
  /** Drift: how far (share, default 0.2) and for how long (default 2 s) before acting. */
  driftThreshold?: number;
  driftWindowMs?: number;
  /** How often a device or link believed slow or dead, and not in use, is measured again (default 5 s). */
  recheckMs?: number;
}

type Settings = Required<Omit<DispatcherOptions, 'window' | 'requestTimeoutMs'>> & Pick<DispatcherOptions, 'window' | 'requestTimeoutMs'>;

/** A request's share of a probe: large enough to time a link's rate, small enough not to crowd it. */
const PROBE_MAX_BYTES = 256 * 1024;
/** A calibration takes this long at the device's configured speed. */
const CALIBRATION_MS = 50;

/** Heartbeats every 250 ms; three periods without an answer and a node is dead (docs/design.md, "Detection and re-planning"). */
export const HEARTBEAT_DEFAULTS = { heartbeatMs: 250, missedHeartbeats: 3 } as const;

export class Dispatcher {
  readonly ledger: RequestLedger;
  readonly metrics = new RunMetrics();
  readonly belief: ClusterBelief;
  private readonly settings: Settings;
  private readonly transport: DispatcherTransport;
  private readonly health: NodeHealth;
  private readonly drift: DriftWatch;
  private readonly listeners: ((event: DispatcherEvent) => void)[] = [];
  private phase: Phase = 'idle';
  private pauseReason = '';
  private current: PlanReport | null = null;
  /** The running plan's figures on what is believed now (drift is measured against these). */
  private predicted: PlanReport | null = null;
  private epoch = 0;
  private pendingDeploys = new Set<string>();
  /** When each pending deploy should have reached its node, with slack (see lostItsStage). */
  private readonly deployDeadlines = new Map<string, number>();
  /** The block range each node has confirmed it holds: only a confirmed range may be kept without sending the model again. */
  private readonly holdings = new Map<string, { first: number; last: number; epoch: number }>();
  /** A stage model on its way to a node (sent, not confirmed): a re-plan that gives it the same blocks keeps it coming. */
  private readonly inTransit = new Map<string, { first: number; last: number; epoch: number }>();
  /** When each node's link from the dispatcher should be free of the stage models queued on it. */
  private readonly deployLinkFreeAtMs = new Map<string, number>();
  /** What was sent to whom in which epoch: 'node@epoch' -> range. */
  private readonly sentRanges = new Map<string, { first: number; last: number }>();
  /** Observations waiting for a decision. */
  private causes: number[] = [];
  private nextObservation = 1;
  private recoveryArmed = false;
  private startedAtMs = 0;
  private heartbeatTimer: number | null = null;
  private tick = 0;
  private seq = 0;
  /** The dispatcher's own input hop, measured this epoch. */
  private inputHop: { ms: number; count: number } | null = null;
  private readonly probes = new Map<number, { from: string; to: string; bytes: number; sentAtMs: number }>();
  private readonly pingSentAtMs = new Map<number, number>();
  private readonly lastRecheckMs = new Map<string, number>();
  private stopped = false;
  private windowOf: { plan: PlanReport; window: number } | null = null;

  constructor(options: DispatcherOptions) {
    this.settings = {
      algorithm: 'best',
      objective: 'full',
      seed: 1,
      ...HEARTBEAT_DEFAULTS,
      maxTimeouts: 5,
      loadGraceMs: 5000,
      improveThreshold: 0.1,
      adapt: true,
      driftThreshold: 0.2,
      driftWindowMs: 2000,
      recheckMs: 5000,
      ...options,
    };
    this.transport = options.transport;
    this.belief = new ClusterBelief(options.cluster);
    this.health = new NodeHealth(this.settings.heartbeatMs, this.settings.missedHeartbeats);
    this.drift = new DriftWatch(this.settings.driftThreshold, this.settings.driftWindowMs);
    this.ledger = new RequestLedger(this.settings.maxTimeouts);
    this.transport.listen((event) => this.handle(event));
  }

  get clock() {
    return this.transport.clock;
  }

  get algorithm(): AlgorithmName {
    return this.settings.algorithm;
  }

  get objective(): Objective {
    return this.settings.objective;
  }

  /** The heartbeat period and how many missed periods declare a node dead (docs/design.md, "Detection and re-planning"). */
  get heartbeatSettings(): { periodMs: number; misses: number } {
    return { periodMs: this.settings.heartbeatMs, misses: this.settings.missedHeartbeats };
  }

  on(listener: (event: DispatcherEvent) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** Plans and deploys; requests accepted before the pipeline is ready wait in the queue. */
  start(): void {
    const nowMs = this.clock.nowMs();
    this.startedAtMs = nowMs;
    const outcome = planOnSurvivors(this.survivorInput());
    if (isInfeasible(outcome)) this.pause(pauseMessage(outcome, this.survivorInput()));
    else this.deploy(outcome, []);
    this.scheduleHeartbeat(nowMs + this.settings.heartbeatMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.heartbeatTimer !== null) this.clock.cancel(this.heartbeatTimer);
    this.setPhase('stopped');
  }

  /** A new request from the client; it will be answered exactly once (or counted lost, never both). */
  accept(): RequestId {
    const id = this.ledger.accept(this.clock.nowMs());
    this.pump();
    return id;
  }

  get plan(): PlanReport | null {
    return this.current;
  }

  get state(): Phase {
    return this.phase;
  }

  get pausedBecause(): string {
    return this.pauseReason;
  }

  get startMs(): number {
    return this.startedAtMs;
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  /** Requests kept in the pipeline at once under the running plan. */
  get window(): number {
    if (this.settings.window !== undefined) return this.settings.window;
    if (!this.current) return 1;
    // asked after every answer (the closed loop tops up): computed once per plan
    if (this.windowOf?.plan !== this.current) this.windowOf = { plan: this.current, window: defaultWindow(this.current) };
    return this.windowOf.window;
  }

  /** Completions per second over the live window (docs/design.md, "Metrics"). */
  throughputPerSec(nowMs = this.clock.nowMs()): number {
    return this.metrics.throughputPerSec(nowMs, throughputWindowMs(this.current?.bottleneckMs ?? null), this.startedAtMs);
  }

  /** A node of the plan says its host was slower than the device it emulates (emulation only): figures understate the cluster. */
  isHostBound(): boolean {
    for (const node of this.health.watched()) if (this.health.status(node)?.hostBound) return true;
    return false;
  }

  nodes(): NodeSnapshot[] {
    const stageOf = new Map(this.current?.stages.map((s, k) => [s.node, k]) ?? []);
    return this.belief.nominal.nodes
      .filter((n) => n.id !== DISPATCHER)
      .map((n) => {
        const status = this.health.status(n.id);
        const gflops = this.belief.gflopsOf(n.id);
        return {
          id: n.id,
          isDead: this.belief.isDead(n.id),
          busyPercent: this.metrics.busyPercent(n.id),
          stage: stageOf.get(n.id) ?? -1,
          hostBound: status?.hostBound ?? false,
          queued: status?.queued ?? 0,
          measuredGflops: gflops !== n.gflops ? gflops : null,
        };
      });
  }

  // ---- what arrives ----

  private handle(event: TransportEvent): void {
    if (this.stopped) return;
    switch (event.kind) {
      case 'message':
        return this.report(event.from, event.message, event.atMs, event.mismatch);
      case 'delivered':
        if (this.current && event.type === 'tensor' && event.to === this.current.stages[0].node) this.inputHop = average(this.inputHop, event.wireMs);
        return;
      case 'send-failed':
        return this.nodeDown(event.to, 'send-failed', event.atMs);
      case 'stalled':
        return this.linkDown(DISPATCHER, event.to, event.atMs);
    }
  }

  private report(from: string, message: NodeReport, atMs: number, mismatch: number | undefined): void {
    switch (message.type) {
      case 'tensor':
        return this.result(message.requestId, atMs, mismatch);
      case 'deployed':
        return this.deployedOn(from, message.epoch);
      case 'deploy-failed':
        if (message.epoch !== this.epoch) return;
        this.emit({ kind: 'error', atMs, message: `node ${from} could not load its stage: ${message.message}` });
        return this.nodeDown(from, 'deploy-failed', atMs);
      case 'pong': {
        const sentAtMs = this.pingSentAtMs.get(message.seq);
        this.pingSentAtMs.delete(message.seq);
        return this.pong(from, atMs, message.status, sentAtMs === undefined ? 0 : atMs - sentAtMs);
      }
      case 'link-stalled':
        return this.linkDown(from, message.to, atMs);
      case 'send-failed':
        return this.nodeDown(message.to, 'send-failed', atMs);
      case 'probe-result':
        return this.probed(message.seq, message.roundTripMs, atMs);
      case 'calibrated':
        return this.calibrated(from, message.flops, message.ms, atMs);
      case 'error':
        this.emit({ kind: 'error', atMs, message: `node ${from}: ${message.message}` });
        return;
      case 'probe-data':
        this.transport.send(from, { type: 'probe-echo', seq: message.seq });
        return;
      case 'probe-echo': {
        const probe = this.probes.get(message.seq);
        if (probe && probe.from === DISPATCHER) this.probed(message.seq, atMs - probe.sentAtMs, atMs);
        return;
      }
    }
  }

  private result(id: RequestId, atMs: number, mismatch: number | undefined): void {
    const latencyMs = this.ledger.complete(id, atMs);
    if (latencyMs === null) return;
    this.metrics.recordCompletion(atMs, latencyMs);
    if (mismatch !== undefined && !(mismatch <= 1e-4)) {
      this.emit({ kind: 'error', atMs, message: `request ${id}: the pipeline's output differs from the whole model's by ${mismatch}` });
    }
    this.emit({ kind: 'result', atMs, requestId: id, latencyMs, ...(mismatch !== undefined ? { mismatch } : {}) });
    this.pump();
  }

  private deployedOn(node: string, epoch: number): void {
    if (epoch === this.epoch) this.health.notBusy(node, this.clock.nowMs());
    const range = this.sentRanges.get(`${node}@${epoch}`);
    if (this.inTransit.get(node)?.epoch === epoch) this.inTransit.delete(node);
    const held = this.holdings.get(node);
    if (range && !this.belief.isDead(node) && (!held || held.epoch <= epoch)) this.holdings.set(node, { ...range, epoch });
    if (epoch !== this.epoch || !this.pendingDeploys.delete(node)) return;
    this.emit({ kind: 'confirmed', atMs: this.clock.nowMs(), node, epoch });
    if (this.pendingDeploys.size === 0) this.deployed();
  }

  private pong(node: string, atMs: number, status: NodeStatus, roundTripMs: number): void {
    this.health.answered(node, atMs, status, roundTripMs);
    this.metrics.recordBusy(node, atMs, status.busyMs, throughputWindowMs(this.current?.bottleneckMs ?? null));
    if (this.belief.markAlive(node)) {
      // a node given up for dead answers again: a spare now (it holds nothing), and it may make a better plan
      this.holdings.delete(node);
      this.inTransit.delete(node);
      this.considerImprovement([this.observe({ what: 'node-back', node }, atMs)]);
      return;
    }
    if (this.lostItsStage(node, status, atMs)) {
      // it restarted before anyone noticed it was gone: alive, but empty
      this.holdings.delete(node);
      this.inTransit.delete(node);
      this.causes.push(this.observe({ what: 'node-down', node, how: 'restarted' }, atMs));
      this.armRecovery();
    }
  }

  /**
   * In the running plan yet reporting another stage: it lost it (it restarted before anyone noticed). Also a node
   * whose deploy should have arrived long ago and that neither holds nor loads it: what was sent to it was lost.
   */
  private lostItsStage(node: string, status: NodeStatus, atMs: number): boolean {
    if (!this.current || !this.inPlan(node)) return false;
    if (this.pendingDeploys.has(node)) return atMs > (this.deployDeadlines.get(node) ?? Infinity) && status.latestEpoch < this.epoch;
    return this.phase === 'running' && this.holdings.has(node) && status.stageEpoch !== this.epoch;
  }

  // ---- detection ----

  private nodeDown(node: string, how: 'heartbeats' | 'send-failed' | 'deploy-failed', atMs: number): void {
    if (node === DISPATCHER || !this.belief.has(node) || !this.belief.markDead(node)) return;
    this.holdings.delete(node);
    this.inTransit.delete(node);
    this.deployLinkFreeAtMs.delete(node);
    this.health.unwatch(node);
    this.health.forgetStatus(node);
    const cause = this.observe({ what: 'node-down', node, how }, atMs);
    const matters = this.inPlan(node) || this.pendingDeploys.has(node) || this.phase === 'paused';
    if (!matters) return this.decide([cause], 'no-change', 0);
    this.causes.push(cause);
    this.armRecovery();
  }

  private linkDown(from: string, to: string, atMs: number): void {
    if (!this.belief.has(from) || !this.belief.has(to) || !this.belief.markLinkDead(from, to)) return;
    const cause = this.observe({ what: 'link-down', from, to }, atMs);
    if (!this.onPath(from, to)) return this.decide([cause], 'no-change', 0);
    this.causes.push(cause);
    this.armRecovery();
  }

  private heartbeat(): void {
    const nowMs = this.clock.nowMs();
    this.tick++;
    const watched = [...this.health.watched()];
    for (const node of watched) this.ping(node, nowMs);
    // the dead are asked once a second whether they are back; spares are not asked at all (they cost nothing)
    const deadEvery = Math.max(1, Math.round(1000 / this.settings.heartbeatMs));
    if (this.tick % deadEvery === 0) for (const node of this.belief.deadNodes()) this.ping(node, nowMs);
    for (const node of this.health.overdue(nowMs)) this.nodeDown(node, 'heartbeats', nowMs);
    this.retryTimedOut(nowMs);
    if (this.settings.adapt) this.checkDrift(nowMs);
    this.recheck(nowMs);
    this.scheduleHeartbeat(nowMs + this.settings.heartbeatMs);
  }

  private ping(node: string, nowMs: number): void {
    const seq = ++this.seq;
    this.pingSentAtMs.set(seq, nowMs);
    // pings that never came back are forgotten after a while (a dead node's)
    if (this.pingSentAtMs.size > 4096) for (const key of [...this.pingSentAtMs.keys()].slice(0, 2048)) this.pingSentAtMs.delete(key);
    this.transport.send(node, { type: 'ping', seq });
  }

  private scheduleHeartbeat(atMs: number): void {
    if (!this.stopped) this.heartbeatTimer = this.clock.schedule(atMs, () => this.heartbeat());
  }

  /** A copy that has not come back long after it should have (its message was lost) goes again; after maxTimeouts, the request is lost. */
  private retryTimedOut(nowMs: number): void {
    if (this.phase !== 'running' || !this.current) return;
    const timeoutMs = this.settings.requestTimeoutMs ?? defaultTimeoutMs(this.current, this.window);
    const { requeued, lost } = this.ledger.requeueLate(nowMs, timeoutMs);
    if (lost > 0) this.emit({ kind: 'lost', atMs: nowMs, count: lost });
    if (requeued === 0) return;
    this.decide([this.observe({ what: 'request-timeout', count: requeued }, nowMs)], 'no-change', 0);
    this.pump();
  }

  /** The observed bottleneck against the prediction: re-plan on measured figures when it drifted. */
  private checkDrift(nowMs: number): void {
    if (this.phase !== 'running' || !this.current || !this.predicted) return;
    const terms = this.driftTerms(this.predicted);
    if (!this.drift.check(nowMs, this.predicted.bottleneckMs, terms)) return;
    const causes: number[] = [];
    for (const term of this.drift.offTerms(terms)) {
      const cause = term.kind === 'stage' ? this.correctStage(term, nowMs) : this.correctHop(term, nowMs);
      if (cause !== null) causes.push(cause);
    }
    if (causes.length > 0) this.considerImprovement(causes);
  }

  /** Each stage's and hop's prediction with its measurement this epoch (null while not measured yet). */
  private driftTerms(predicted: PlanReport): DriftTerm[] {
    const terms: DriftTerm[] = [];
    if (this.settings.objective === 'full') {
      predicted.stages.forEach((s, k) => {
        const status = this.health.status(s.node);
        const measured = status && status.stageEpoch === this.epoch && status.runs >= 3 ? status.serviceMs : null;
        terms.push({ kind: 'stage', index: k, predictedMs: s.computeMs, measuredMs: measured });
      });
    }
    predicted.hops.forEach((h, k) => {
      let measured: number | null;
      // a message too small for its link's rate to show (its transfer takes a tenth of the link's latency or less, as a
      // result of a few bytes) is timed by that latency and by queues at both ends: its time tells nothing of the link's
      // rate, and correcting the rate from it would make a link of 0.001 Mbit/s that every new plan avoids (re-plan churn)
      const { latencyMs } = this.belief.nominalLink(h.from, h.to);
      if (h.ms - latencyMs <= 0.1 * latencyMs && latencyMs > 0) measured = null;
      else if (h.from === DISPATCHER) measured = this.inputHop && this.inputHop.count >= 3 ? this.inputHop.ms : null;
      else {
        const status = this.health.status(h.from);
        const hop = status && status.stageEpoch === this.epoch ? status.hop : null;
        measured = hop && hop.to === h.to && hop.count >= 3 ? hop.ms : null;
      }
      terms.push({ kind: 'hop', index: k, predictedMs: h.ms, measuredMs: measured });
    });
    return terms;
  }

  private correctStage(term: DriftTerm, atMs: number): number | null {
    const stage = this.predicted?.stages[term.index];
    if (!stage || term.measuredMs === null || term.measuredMs <= 0) return null;
    const gflops = (this.belief.gflopsOf(stage.node) * stage.computeMs) / term.measuredMs;
    this.belief.setGflops(stage.node, gflops);
    return this.observe({ what: 'node-speed', node: stage.node, gflops, nominalGflops: this.belief.nominalGflops(stage.node) }, atMs);
  }

  private correctHop(term: DriftTerm, atMs: number): number | null {
    const hop = this.predicted?.hops[term.index];
    if (!hop || term.measuredMs === null) return null;
    const { latencyMs } = this.belief.nominalLink(hop.from, hop.to);
    const bandwidthMbps = rateMbps(hop.bytes, term.measuredMs - latencyMs);
    if (bandwidthMbps === null) return null;
    this.belief.setBandwidth(hop.from, hop.to, bandwidthMbps);
    return this.observe({ what: 'link-speed', from: hop.from, to: hop.to, bandwidthMbps, nominalMbps: this.belief.nominalLink(hop.from, hop.to).bandwidthMbps }, atMs);
  }

  /**
   * Devices and links believed slow or dead that the plan does not use get measured again now and then: a
   * calibration run on a device, a probe over a link. That is how a repair is noticed without being told.
   */
  private recheck(nowMs: number): void {
    const due = (key: string) => {
      if (nowMs - (this.lastRecheckMs.get(key) ?? -Infinity) < this.settings.recheckMs) return false;
      this.lastRecheckMs.set(key, nowMs);
      return true;
    };
    // only the devices believed off their configured speed: a tick costs nothing for the many that are not
    for (const id of this.belief.measuredNodes()) {
      if (id === DISPATCHER || this.belief.isDead(id) || this.inPlan(id) || !due(`cpu ${id}`)) continue;
      this.transport.send(id, { type: 'calibrate', seq: ++this.seq, flops: this.belief.nominalGflops(id) * 1e6 * CALIBRATION_MS });
    }
    for (const [from, to] of this.linksToRecheck()) {
      if (!due(`link ${from}->${to}`)) continue;
      const bytes = this.probeBytes();
      const seq = ++this.seq;
      this.probes.set(seq, { from, to, bytes, sentAtMs: nowMs });
      // the dispatcher probes its own outgoing links itself; every other link's sender times it
      if (from === DISPATCHER) this.transport.send(to, { type: 'probe-data', seq, bytes });
      else this.transport.send(from, { type: 'probe', seq, to, bytes });
    }
  }

  private linksToRecheck(): [string, string][] {
    const alive = (from: string, to: string) => !this.belief.isDead(from) && !this.belief.isDead(to);
    const dead = this.belief.deadLinks().filter(([from, to]) => alive(from, to));
    const slow = this.slowLinks().filter(([from, to]) => alive(from, to) && !this.onPath(from, to));
    return [...dead, ...slow];
  }

  private slowLinks(): [string, string][] {
    return this.belief.measuredLinks().filter(([from, to]) => this.belief.bandwidthOf(from, to) < this.belief.nominalLink(from, to).bandwidthMbps * (1 - this.settings.driftThreshold));
  }

  private probed(seq: number, roundTripMs: number, atMs: number): void {
    const probe = this.probes.get(seq);
    if (!probe) return;
    this.probes.delete(seq);
    const { from, to, bytes } = probe;
    const nominal = this.belief.nominalLink(from, to);
    const causes: number[] = [];
    if (this.belief.markLinkAlive(from, to)) causes.push(this.observe({ what: 'link-back', from, to }, atMs));
    // the round trip is the transfer, the latency both ways and the echo; what is left over is the rate
    const measured = rateMbps(bytes, roundTripMs - 2 * nominal.latencyMs);
    const believed = this.belief.bandwidthOf(from, to);
    if (measured !== null && Math.abs(measured - believed) > this.settings.driftThreshold * believed) {
      const bandwidthMbps = Math.min(measured, nominal.bandwidthMbps);
      this.belief.setBandwidth(from, to, bandwidthMbps);
      causes.push(this.observe({ what: 'link-speed', from, to, bandwidthMbps, nominalMbps: nominal.bandwidthMbps }, atMs));
    }
    if (causes.length > 0) this.considerImprovement(causes);
  }

  private calibrated(node: string, flops: number, ms: number, atMs: number): void {
    if (!this.belief.has(node) || !(ms > 0)) return;
    const measured = flops / (ms * 1e6);
    const believed = this.belief.gflopsOf(node);
    if (Math.abs(measured - believed) <= this.settings.driftThreshold * believed) return;
    const gflops = Math.abs(measured / this.belief.nominalGflops(node) - 1) <= this.settings.driftThreshold ? this.belief.nominalGflops(node) : measured;
    this.belief.setGflops(node, gflops);
    this.considerImprovement([this.observe({ what: 'node-speed', node, gflops, nominalGflops: this.belief.nominalGflops(node) }, atMs)]);
  }

  // ---- decisions ----

  /** Several failures in one instant (two nodes killed at once) make one re-plan, not two. */
  private armRecovery(): void {
    if (this.recoveryArmed) return;
    this.recoveryArmed = true;
    this.clock.schedule(this.clock.nowMs(), () => {
      this.recoveryArmed = false;
      this.recover();
    });
  }

  private recover(): void {
    if (this.stopped || this.causes.length === 0) return;
    const causes = this.causes;
    this.causes = [];
    const input = this.survivorInput();
    const started = wallNowMs();
    const outcome = planOnSurvivors(input);
    const replanMs = wallNowMs() - started;
    if (isInfeasible(outcome)) {
      this.current = null;
      this.predicted = null;
      this.decide(causes, 'paused', replanMs);
      this.pause(pauseMessage(outcome, input));
      return;
    }
    this.decide(causes, 'replanned', replanMs);
    this.deploy(outcome, causes);
  }

  /** After a repair or a measurement: move to a better plan when it is clearly better (or resume when paused). */
  private considerImprovement(causes: number[]): void {
    if (this.phase === 'paused' || this.phase === 'idle') {
      this.causes.push(...causes);
      this.armRecovery();
      return;
    }
    if (!this.current || this.phase !== 'running') {
      // a deploy is under way: judge once it runs (the drift watch and the next repair will ask again)
      this.decide(causes, 'no-change', 0);
      return;
    }
    const input = this.survivorInput();
    const started = wallNowMs();
    const candidate = planOnSurvivors(input);
    const replanMs = wallNowMs() - started;
    if (!isClearImprovement(input, candidate, this.settings.improveThreshold)) {
      this.predicted = reevaluate(input) ?? this.predicted;
      this.drift.reset();
      this.decide(causes, 'no-change', replanMs);
      return;
    }
    this.decide(causes, 'replanned', replanMs);
    this.deploy(candidate, causes);
  }

  private deploy(report: PlanReport, causes: number[]): void {
    const previous = this.current;
    this.epoch++;
    this.current = report;
    this.predicted = report;
    this.drift.reset();
    this.inputHop = null;
    const nowMs = this.clock.nowMs();
    this.pendingDeploys = new Set(report.stages.map((s) => s.node));
    this.deployDeadlines.clear();
    for (const node of [...this.health.watched()]) if (!this.pendingDeploys.has(node)) this.health.unwatch(node);
    this.setPhase(previous ? 'redeploying' : 'deploying');
    this.emit({ kind: 'plan', atMs: nowMs, plan: report, epoch: this.epoch, causes });
    report.stages.forEach((stage, k) => {
      const held = this.holdings.get(stage.node);
      const coming = this.inTransit.get(stage.node);
      const same = (r: { first: number; last: number } | undefined) => r !== undefined && r.first === stage.firstBlock && r.last === stage.lastBlock;
      // a newer model on its way will replace what the node holds: only that one can be kept
      const keeps = coming ? same(coming) : same(held);
      const deployBytes = keeps ? 0 : this.settings.deployBytes(stage.firstBlock, stage.lastBlock);
      this.health.watch(stage.node, nowMs);
      // stage models queue on the dispatcher's link to the node: this one arrives after those already on their way
      const transferMs = (deployBytes * 8) / (this.belief.bandwidthOf(DISPATCHER, stage.node) * 1000) + this.belief.nominalLink(DISPATCHER, stage.node).latencyMs;
      const arrivesAtMs = Math.max(nowMs, this.deployLinkFreeAtMs.get(stage.node) ?? nowMs) + transferMs;
      this.deployLinkFreeAtMs.set(stage.node, arrivesAtMs);
      if (!keeps) {
        this.health.expectBusy(stage.node, arrivesAtMs + this.settings.loadGraceMs);
        this.inTransit.set(stage.node, { first: stage.firstBlock, last: stage.lastBlock, epoch: this.epoch });
      }
      // the node may take a while to receive it (the model is prepared, then sent): only long after that is it lost
      this.deployDeadlines.set(stage.node, arrivesAtMs + (arrivesAtMs - nowMs) + this.settings.loadGraceMs);
      let flops = 0;
      for (let b = stage.firstBlock; b <= stage.lastBlock; b++) flops += this.settings.profile.blocks[b].flops;
      this.sentRanges.set(`${stage.node}@${this.epoch}`, { first: stage.firstBlock, last: stage.lastBlock });
      this.transport.send(stage.node, {
        type: 'deploy',
        stage: {
          epoch: this.epoch,
          stageIndex: k,
          firstBlock: stage.firstBlock,
          lastBlock: stage.lastBlock,
          next: report.stages[k + 1]?.node ?? DISPATCHER,
          flops,
          outBytes: k + 1 < report.stages.length ? this.settings.profile.blocks[stage.lastBlock].outBytes : this.settings.profile.outputBytes,
          keep: keeps,
          deployBytes,
        },
      });
    });
  }

  private deployed(): void {
    const nowMs = this.clock.nowMs();
    // everything accepted and not answered goes (again) through the new pipeline, oldest first
    const resent = this.ledger.requeueOpen();
    this.emit({ kind: 'deployed', atMs: nowMs, epoch: this.epoch, resent });
    this.setPhase('running');
    this.pump();
  }

  private pump(): void {
    if (this.phase !== 'running' || !this.current) return;
    const first = this.current.stages[0].node;
    const epoch = this.epoch;
    const bytes = this.settings.profile.inputBytes;
    this.ledger.pump(this.window, this.clock.nowMs(), (requestId) => this.transport.send(first, { type: 'tensor', epoch, requestId, bytes }));
  }

  // ---- helpers ----

  private observe(what: DistributiveOmit<Observation, 'id' | 'atMs'>, atMs: number): number {
    const observation = { ...what, id: this.nextObservation++, atMs } as Observation;
    this.emit({ kind: 'observed', atMs, observation });
    return observation.id;
  }

  private decide(causes: number[], outcome: 'replanned' | 'paused' | 'no-change', replanMs: number): void {
    this.emit({ kind: 'decision', atMs: this.clock.nowMs(), causes, outcome, replanMs });
  }

  private inPlan(node: string): boolean {
    return this.current?.stages.some((s) => s.node === node) ?? false;
  }

  private onPath(from: string, to: string): boolean {
    const stages = this.current?.stages ?? [];
    const path = [DISPATCHER, ...stages.map((s) => s.node), DISPATCHER];
    return path.some((node, i) => i > 0 && path[i - 1] === from && node === to);
  }

  /** A probe carries a tensor's worth of bytes (the largest the model moves, capped), so that it times the rate, not just the latency. */
  private probeBytes(): number {
    const largest = Math.max(this.settings.profile.inputBytes, ...this.settings.profile.blocks.map((b) => b.outBytes));
    return Math.min(PROBE_MAX_BYTES, Math.max(1024, largest));
  }

  private survivorInput(): SurvivorInput {
    const { profile, algorithm, objective, seed } = this.settings;
    return { profile, ...this.belief.survivors(), current: this.current, algorithm, objective, seed };
  }

  private pause(reason: string): void {
    this.pauseReason = reason;
    this.setPhase('paused');
  }

  private setPhase(phase: Phase): void {
    if (phase !== 'paused') this.pauseReason = '';
    this.phase = phase;
    this.emit({ kind: 'phase', atMs: this.clock.nowMs(), phase, reason: this.pauseReason });
  }

  private emit(event: DispatcherEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function average(previous: { ms: number; count: number } | null, ms: number): { ms: number; count: number } {
  return previous ? { ms: previous.ms + 0.3 * (ms - previous.ms), count: previous.count + 1 } : { ms, count: 1 };
}

/** Mbit/s that moves `bytes` in `ms`, or null when the time is too short to tell. */
function rateMbps(bytes: number, ms: number): number | null {
  return ms > 0.01 ? (bytes * 8) / (ms * 1000) : null;
}

/** The planner's own time is wall time even in a virtual run (it is the host's CPU that plans). */
const wallNowMs = () => (globalThis.performance ? globalThis.performance.now() : 0);
