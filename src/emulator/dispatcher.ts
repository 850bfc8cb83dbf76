/**
 * The dispatcher: deploys a plan, streams requests through the pipeline, detects failures (heartbeats and failed
 * sends), replans on the survivors, redeploys and resends, so that every accepted request is answered exactly once.
 * Pure logic on an injected clock and backend: the same code runs in virtual time and against real workers.
 */
import { isInfeasible, plan as planModel, type AlgorithmName, type Cluster, type Objective, type PlanReport, type Profile } from '../planner/index';
import { defaultTimeoutMs, defaultWindow } from './pipeline-sizing';
import { isClearImprovement, pauseMessage, planOnSurvivors, type SurvivorInput } from './survivor-plan';
import { DISPATCHER, type BackendEvent, type ClusterBackend, type NodeStatus } from './backend';
import { NodeHealth } from './node-health';
import { FaultLog, type FaultKind, type FaultRecord } from './fault-log';
import type { RequestLedger, RequestId } from './ledger';
import { RequestFlow } from './request-flow';
import { WindowedMetrics } from './metrics';
import { ClusterModel, type LinkChange } from './cluster-model';
import type { DispatcherEvent, DispatcherSnapshot, Phase } from './dispatcher-types';

export interface DispatcherOptions {
  profile: Profile;
  /** What the planner believes about the devices and links (the emulated network may later differ). */
  cluster: Cluster;
  backend: ClusterBackend;
  algorithm?: AlgorithmName;
  objective?: Objective;
  seed?: number;
  /** Heartbeat period; a node is dead after `missedHeartbeats` periods without an answer. */
  heartbeatMs?: number;
  missedHeartbeats?: number;
  /** Requests in the pipeline at once (default: enough to keep every stage and hop busy). */
  window?: number;
  /** Resend a request that has not come back after this long (messages can be dropped). Default: from the plan. */
  requestTimeoutMs?: number;
  /** How long a node may stay silent while it loads a stage, beyond the model's transfer time (default 5 s). */
  loadGraceMs?: number;
  /** Bytes to deploy blocks firstBlock..lastBlock on a node (the stage model's size). */
  stageBytes: (firstBlock: number, lastBlock: number) => number;
  /** Replan after a repair or a link change only if the bottleneck improves by this share (default 0.1). */
  improveThreshold?: number;
}

export type { DispatcherEvent, DispatcherSnapshot, Phase } from './dispatcher-types';
export { defaultWindow } from './pipeline-sizing';

export class Dispatcher {
  private readonly flow = new RequestFlow();
  readonly faults = new FaultLog();
  readonly metrics = new WindowedMetrics();
  private readonly backend: ClusterBackend;
  private readonly options: Required<Omit<DispatcherOptions, 'window' | 'requestTimeoutMs'>> & Pick<DispatcherOptions, 'window' | 'requestTimeoutMs'>;
  private readonly clusterModel: ClusterModel;
  private readonly health: NodeHealth;
  private readonly deadLinks = new Set<string>();
  private readonly listeners: ((event: DispatcherEvent) => void)[] = [];
  private phase: Phase = 'idle';
  private pauseReason = '';
  private current: PlanReport | null = null;
  private epoch = 0;
  private pendingDeploys = new Set<string>();
  /**
   * The block range each node has confirmed it holds ('first:last'). Only a confirmed range may be kept without
   * sending the model again: a deploy still under way when the next replan starts proves nothing.
   */
  private readonly holdings = new Map<string, { range: string; epoch: number }>();
  /** What was sent to whom in which epoch: 'node@epoch' -> 'first:last'. */
  private readonly sentRanges = new Map<string, string>();
  private heartbeatSeq = 0;
  private recoveryArmed = false;
  private recoveringFaults: FaultRecord[] = [];
  private startedAtMs = 0;
  private heartbeatTimer: number | null = null;
  private lastHeartbeatMs = 0;
  private stopped = false;

  constructor(options: DispatcherOptions) {
    this.options = { algorithm: 'best', objective: 'full', seed: 1, heartbeatMs: 250, missedHeartbeats: 3, improveThreshold: 0.1, loadGraceMs: 5000, ...options };
    this.backend = options.backend;
    this.clusterModel = new ClusterModel(options.cluster);
    const ids = options.cluster.nodes.map((n) => n.id).filter((id) => id !== DISPATCHER);
    this.health = new NodeHealth(ids, this.options.heartbeatMs, this.options.missedHeartbeats);
    this.backend.listen((event) => this.handle(event));
  }

  /** What the planner currently believes about devices and links. */
  get cluster(): Cluster {
    return this.clusterModel.cluster;
  }

  get clock() {
    return this.backend.clock;
  }

  on(listener: (event: DispatcherEvent) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** Plans and deploys; requests accepted before the pipeline is ready wait in the queue. */
  start(): void {
    const nowMs = this.clock.nowMs();
    this.startedAtMs = nowMs;
    this.health.start(nowMs);
    this.lastHeartbeatMs = nowMs;
    const outcome = planModel(this.options.profile, this.cluster, { algorithm: this.options.algorithm, objective: this.options.objective, seed: this.options.seed });
    if (isInfeasible(outcome)) {
      this.pause(pauseMessage(outcome).replace('can no longer', 'cannot'));
    } else {
      this.deploy(outcome, null);
    }
    this.scheduleHeartbeat(nowMs + this.options.heartbeatMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.heartbeatTimer !== null) this.clock.cancel(this.heartbeatTimer);
    this.setPhase('stopped');
  }

  /** A new request from the client; it will be answered exactly once. */
  accept(): RequestId {
    const id = this.flow.accept(this.clock.nowMs());
    this.pump();
    return id;
  }

  // ---- faults, by API (the UI and the CLI call these) ----

  kill(node: string): void {
    this.injected('kill', { node });
    this.backend.kill(node);
  }

  hang(node: string): void {
    this.injected('hang', { node });
    this.backend.hang(node);
  }

  revive(node: string): void {
    this.injected('revive', { node });
    this.backend.revive(node);
  }

  cutLink(from: string, to: string): void {
    this.injected('cut', { link: `${from}->${to}` });
    this.backend.setLinkUp(from, to, false);
  }

  restoreLink(from: string, to: string): void {
    const record = this.injected('restore', { link: `${from}->${to}` });
    this.backend.setLinkUp(from, to, true);
    if (this.deadLinks.delete(`${from}->${to}`)) this.considerImprovement(record);
  }

  degradeLink(from: string, to: string, change: LinkChange): void {
    const record = this.injected('degrade', { link: `${from}->${to}` });
    this.backend.setLink(from, to, change);
    this.clusterModel.change(from, to, change);
    this.considerImprovement(record);
  }

  /** Several links changed at once (a node whose radio turned slow): one fault record, one replanning decision. */
  degradeLinks(changes: readonly { from: string; to: string; change: LinkChange }[], where: { node?: string; link?: string }): void {
    const record = this.injected('degrade', where);
    for (const { from, to, change } of changes) {
      this.backend.setLink(from, to, change);
      this.clusterModel.change(from, to, change);
    }
    this.considerImprovement(record);
  }

  /** A device slows down (or speeds up again): `gflops` from now on; the plan moves if that clearly pays. */
  setNodeSpeed(node: string, gflops: number): void {
    if (!(gflops > 0)) throw new RangeError(`'gflops' must be > 0, got ${gflops}`);
    const record = this.injected('degrade', { node });
    this.backend.setNodeSpeed(node, gflops);
    this.clusterModel.setNodeSpeed(node, gflops);
    this.considerImprovement(record);
  }

  dropMessages(from: string, to: string, count: number): void {
    this.injected('drop', { link: `${from}->${to}` });
    this.backend.dropMessages(from, to, count);
  }

  // ---- state for the UI, CLI and tests ----

  /** Every accepted request and its fate. */
  get ledger(): RequestLedger {
    return this.flow.ledger;
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

  deadNodes(): string[] {
    return this.health.dead();
  }

  snapshot(): DispatcherSnapshot {
    const nowMs = this.clock.nowMs();
    return {
      atMs: nowMs,
      phase: this.phase,
      pauseReason: this.pauseReason,
      epoch: this.epoch,
      accepted: this.ledger.accepted,
      completed: this.ledger.completed,
      inFlight: this.flow.inFlightCount,
      queued: this.flow.queued,
      suppressedDuplicates: this.ledger.suppressedDuplicates,
      throughputPerSec: this.metrics.throughputPerSec(nowMs, this.startedAtMs),
      predictedThroughputPerSec: this.current?.throughputPerSec ?? null,
      latencyMs: this.metrics.windowLatency(nowMs),
      nodes: this.health.ids().map((id) => ({
        id,
        isDead: this.health.isDead(id),
        busyPercent: this.metrics.busyPercent(id),
        stage: this.current ? this.current.stages.findIndex((s) => s.node === id) : -1,
        hostBound: this.health.status(id)?.hostBound ?? false,
        queued: this.health.status(id)?.queued ?? 0,
      })),
      links: this.backend.linkStats().filter((l) => l.bytesSent > 0 || l.queueLength > 0),
    };
  }

  // ---- internals ----

  private handle(event: BackendEvent): void {
    if (this.stopped) return;
    switch (event.kind) {
      case 'deployed': {
        const range = this.sentRanges.get(`${event.node}@${event.epoch}`);
        const held = this.holdings.get(event.node);
        if (range && !this.health.isDead(event.node) && (!held || held.epoch <= event.epoch)) this.holdings.set(event.node, { range, epoch: event.epoch });
        if (event.epoch === this.epoch && this.pendingDeploys.delete(event.node) && this.pendingDeploys.size === 0) this.deployed();
        break;
      }
      case 'deploy-failed':
        if (event.epoch === this.epoch) this.nodeFailed(event.node, event.atMs);
        break;
      case 'result':
        this.result(event.requestId, event.atMs, event.mismatch);
        break;
      case 'pong':
        this.pong(event.node, event.atMs, event.status);
        break;
      case 'send-failed':
        if (event.to !== DISPATCHER) this.nodeFailed(event.to, event.atMs);
        break;
      case 'link-stalled':
        this.linkFailed(event.from, event.to, event.atMs);
        break;
      case 'node-error':
        this.emit({ kind: 'error', atMs: event.atMs, message: `node ${event.node}: ${event.message}` });
        break;
    }
  }

  private injected(kind: FaultKind, where: { node?: string; link?: string }): FaultRecord {
    const record = this.faults.open(kind, this.clock.nowMs(), where);
    this.emit({ kind: 'fault', atMs: record.atMs, fault: record });
    return record;
  }

  private deploy(report: PlanReport, previous: PlanReport | null): void {
    this.epoch++;
    this.current = report;
    this.pendingDeploys = new Set(report.stages.map((s) => s.node));
    this.setPhase(previous ? 'redeploying' : 'deploying');
    this.emit({ kind: 'plan', atMs: this.clock.nowMs(), plan: report, epoch: this.epoch });
    const keeps = (node: string, first: number, last: number) => this.holdings.get(node)?.range === `${first}:${last}`;
    const nowMs = this.clock.nowMs();
    report.stages.forEach((stage, k) => {
      const blocks = this.options.profile.blocks.slice(stage.firstBlock, stage.lastBlock + 1);
      const deployBytes = keeps(stage.node, stage.firstBlock, stage.lastBlock) ? 0 : this.options.stageBytes(stage.firstBlock, stage.lastBlock);
      const linkMbps = this.cluster.bandwidthMbps[this.indexOf(DISPATCHER)]?.[this.indexOf(stage.node)] || 1;
      if (deployBytes > 0) this.health.expectBusy(stage.node, nowMs + (deployBytes * 8) / (linkMbps * 1000) + this.options.loadGraceMs);
      this.backend.deploy(stage.node, {
        epoch: this.epoch,
        stageIndex: k,
        firstBlock: stage.firstBlock,
        lastBlock: stage.lastBlock,
        next: report.stages[k + 1]?.node ?? DISPATCHER,
        flops: blocks.reduce((s, b) => s + b.flops, 0),
        outBytes: blocks[blocks.length - 1].outBytes,
        deployBytes,
      });
    });
    for (const stage of report.stages) this.sentRanges.set(`${stage.node}@${this.epoch}`, `${stage.firstBlock}:${stage.lastBlock}`);
  }

  private deployed(): void {
    const nowMs = this.clock.nowMs();
    // everything accepted and not answered goes (again) through the new pipeline, oldest first
    const resent = this.flow.requeueOpen();
    for (const fault of this.recoveringFaults) {
      fault.redeployedAtMs = nowMs;
      fault.resent = resent;
    }
    this.recoveringFaults = [];
    this.setPhase('running');
    this.pump();
  }

  private pump(): void {
    if (this.phase !== 'running' || !this.current) return;
    const first = this.current.stages[0].node;
    const window = this.options.window ?? defaultWindow(this.current);
    const nowMs = this.clock.nowMs();
    this.flow.pump(window, nowMs, (id) => this.backend.submit(first, this.epoch, id));
  }

  private result(id: RequestId, atMs: number, mismatch: number | undefined): void {
    const latencyMs = this.flow.complete(id, atMs);
    if (latencyMs === null) return;
    this.metrics.recordCompletion(atMs, latencyMs);
    for (const fault of this.faults.awaitingFirstResult()) fault.firstResultAtMs = atMs;
    if (mismatch !== undefined && !(mismatch <= 1e-4)) {
      this.emit({ kind: 'error', atMs, message: `request ${id}: the pipeline's output differs from the whole model's by ${mismatch}` });
    }
    this.emit({ kind: 'result', atMs, requestId: id, latencyMs });
    this.pump();
  }

  private pong(node: string, atMs: number, status: NodeStatus): void {
    const answer = this.health.answered(node, atMs, status);
    if (answer === 'unknown') return;
    this.metrics.recordBusy(node, atMs, status.busyMs);
    if (answer === 'alive' && this.lostItsStage(node, status)) {
      // the node restarted (revived before anyone noticed it was gone): it is alive but holds nothing
      this.holdings.delete(node);
      this.recoveringFaults.push(this.faults.detect({ node }, atMs));
      this.emit({ kind: 'node-down', atMs, node });
      this.emit({ kind: 'node-up', atMs, node });
      this.armRecovery();
    }
    if (answer === 'back') {
      // a revived node answers again: it is a spare now, and may make a better plan
      this.emit({ kind: 'node-up', atMs, node });
      const record = [...this.faults.records].reverse().find((r) => r.kind === 'revive' && r.node === node && r.detectedAtMs === null);
      if (record) record.detectedAtMs = atMs;
      this.considerImprovement(record ?? null);
    }
  }

  /** In the running plan, confirmed deployed, yet reporting another stage: it lost it. */
  private lostItsStage(node: string, status: NodeStatus): boolean {
    if (!this.current || this.phase !== 'running' || !this.holdings.has(node) || this.pendingDeploys.has(node)) return false;
    return this.current.stages.some((s) => s.node === node) && status.stageEpoch !== this.epoch;
  }

  private heartbeat(): void {
    const nowMs = this.clock.nowMs();
    for (const node of this.health.ids()) this.backend.ping(node, ++this.heartbeatSeq);
    // a late tick means this thread was busy (slicing a model, a long task): the answers are waiting in its
    // queue, so judge nobody until the next tick
    const stalled = nowMs - this.lastHeartbeatMs > 2 * this.options.heartbeatMs;
    this.lastHeartbeatMs = nowMs;
    let failed = false;
    if (!stalled) for (const node of this.health.overdue(nowMs)) failed = this.markDead(node, nowMs) || failed;
    if (failed) this.armRecovery();
    this.scheduleHeartbeat(nowMs + this.options.heartbeatMs);
    this.retryTimedOut(nowMs);
  }

  private scheduleHeartbeat(atMs: number): void {
    if (!this.stopped) this.heartbeatTimer = this.clock.schedule(atMs, () => this.heartbeat());
  }

  /** A request that has not come back long after it should have (its message was dropped) goes again. */
  private retryTimedOut(nowMs: number): void {
    if (this.phase !== 'running' || !this.current) return;
    const timeoutMs = this.options.requestTimeoutMs ?? defaultTimeoutMs(this.current, this.options.window ?? defaultWindow(this.current));
    const late = this.flow.requeueLate(nowMs, timeoutMs);
    if (late === 0) return;
    const drop = [...this.faults.records].reverse().find((r) => r.kind === 'drop');
    if (drop) {
      drop.detectedAtMs ??= nowMs;
      drop.resent += late;
      drop.outcome = 'no-change';
    }
    this.pump();
  }

  private nodeFailed(node: string, atMs: number): void {
    if (this.markDead(node, atMs)) this.armRecovery();
  }

  /** Records a node as dead; true when it matters to the running plan. */
  private markDead(node: string, atMs: number): boolean {
    if (!this.health.markDead(node)) return false;
    this.holdings.delete(node); // if it ever comes back, it comes back empty
    const fault = this.faults.detect({ node }, atMs);
    this.emit({ kind: 'node-down', atMs, node });
    this.backend.kill(node); // fence it: a hung or merely slow node must not come back half-alive
    const inPlan = this.current?.stages.some((s) => s.node === node) ?? false;
    if (inPlan || this.phase === 'paused') {
      this.recoveringFaults.push(fault);
      return true;
    }
    fault.outcome = 'no-change';
    return false;
  }

  private linkFailed(from: string, to: string, atMs: number): void {
    const key = `${from}->${to}`;
    if (this.deadLinks.has(key)) return;
    this.deadLinks.add(key);
    const fault = this.faults.detect({ link: key }, atMs);
    const stages = this.current?.stages ?? [];
    const path = [DISPATCHER, ...stages.map((s) => s.node), DISPATCHER];
    const onPath = path.some((node, i) => i > 0 && path[i - 1] === from && node === to);
    if (!onPath) {
      fault.outcome = 'no-change';
      return;
    }
    this.recoveringFaults.push(fault);
    this.armRecovery();
  }

  /** Several failures in one instant (two nodes killed at once) make one replan, not two. */
  private armRecovery(): void {
    if (this.recoveryArmed) return;
    this.recoveryArmed = true;
    this.clock.schedule(this.clock.nowMs(), () => {
      this.recoveryArmed = false;
      this.recover();
    });
  }

  private recover(): void {
    if (this.stopped) return;
    const started = wallNow();
    const outcome = planOnSurvivors(this.survivors());
    const replanMs = wallNow() - started;
    const nowMs = this.clock.nowMs();
    for (const fault of this.recoveringFaults) {
      fault.replanMs = replanMs;
      fault.redeployStartMs = nowMs;
    }
    if (isInfeasible(outcome)) {
      for (const fault of this.recoveringFaults) fault.outcome = 'paused';
      this.recoveringFaults = [];
      this.current = null;
      this.pause(pauseMessage(outcome));
      return;
    }
    for (const fault of this.recoveringFaults) fault.outcome = 'replanned';
    this.deploy(outcome, this.current);
  }

  /** After a repair or a link change: move to a better plan when it is clearly better (or resume when paused). */
  private considerImprovement(record: FaultRecord | null): void {
    if (this.phase === 'paused') {
      if (record) this.recoveringFaults.push(record);
      this.armRecovery();
      return;
    }
    if (!this.current || this.phase !== 'running') return;
    const input = this.survivors();
    const candidate = planOnSurvivors(input);
    if (!isClearImprovement(input, candidate, this.options.improveThreshold)) {
      if (record) record.outcome = 'no-change';
      return;
    }
    if (record) {
      record.detectedAtMs ??= this.clock.nowMs();
      record.redeployStartMs = this.clock.nowMs();
      record.outcome = 'replanned';
      this.recoveringFaults.push(record);
    }
    this.deploy(candidate, this.current);
  }

  private indexOf(node: string): number {
    return this.cluster.nodes.findIndex((n) => n.id === node);
  }

  private survivors(): SurvivorInput {
    const { profile, algorithm, objective, seed } = this.options;
    return { profile, cluster: this.cluster, current: this.current, deadNodes: this.deadNodes(), deadLinks: this.deadLinks, algorithm, objective, seed };
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

const wallNow = () => (globalThis.performance ? globalThis.performance.now() : 0);
