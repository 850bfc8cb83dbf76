/**
 * One node's behaviour as a pure state machine: inputs in (messages, and what its host reports back: a stage
 * computed, a model loaded, a message delivered or failed), actions out (messages to send, compute and load
 * requests). It never reads a clock or touches a network: every input carries its time. The simulated node,
 * the worker node and a real device run this same class; their hosts only supply compute (simulated time or
 * onnxruntime-web) and a transport. Payloads (tensors, model bytes) pass through untouched. See docs/design.md,
 * "The node protocol".
 */
import { DISPATCHER, type HopMeasure, type NodeMessage, type NodeStatus, type StageDeployment, type ToNodeMessage } from './node-protocol';

export type NodeInput<P> =
  | { kind: 'message'; atMs: number; from: string; message: ToNodeMessage; payload?: P }
  /** The host finished a compute request: the device took deviceMs, the host hostMs (real mode). */
  | { kind: 'computed'; atMs: number; token: number; output?: P; deviceMs: number; hostMs: number }
  | { kind: 'compute-failed'; atMs: number; token: number; message: string }
  /** The host finished loading the model of `epoch` (error: it could not). */
  | { kind: 'loaded'; atMs: number; epoch: number; error?: string }
  /** The transport saw a data message to `to` arrive: it spent wireMs from the start of its transmission. */
  | { kind: 'delivered'; atMs: number; to: string; type: NodeMessage['type']; bytes: number; wireMs: number }
  | { kind: 'send-failed'; atMs: number; to: string }
  | { kind: 'stalled'; atMs: number; to: string };

export type NodeAction<P> =
  | { kind: 'send'; to: string; message: NodeMessage; payload?: P }
  /** Run `stage` on `payload` (or, with stage null, a calibration workload of `flops`), then report 'computed'. */
  | { kind: 'compute'; token: number; flops: number; stage: StageDeployment | null; payload?: P }
  /** Load `model` for `stage`, then report 'loaded'. */
  | { kind: 'load'; stage: StageDeployment; model?: P };

interface WorkItem<P> {
  epoch: number;
  requestId: number;
  /** -1 for a tensor, the calibration's seq otherwise. */
  calibrateSeq: number;
  flops: number;
  payload?: P;
}

/** Weight of the newest sample in the moving averages of service and hop times. */
const SMOOTHING = 0.3;
/** A host slower than the device by more than this share (plus 1 ms) makes the node host-bound for a while. */
const HOST_BOUND_MARGIN = 0.05;
const HOST_BOUND_HOLD_MS = 2000;

export class NodeMachine<P = unknown> {
  private stage: StageDeployment | null = null;
  private loading: StageDeployment | null = null;
  private readonly deployQueue: { stage: StageDeployment; model?: P }[] = [];
  private readonly queue: WorkItem<P>[] = [];
  private running: { token: number; item: WorkItem<P>; stage: StageDeployment | null } | null = null;
  private nextToken = 1;
  private latestEpoch = -1;
  private busyMs = 0;
  private serviceMs: number | null = null;
  private runs = 0;
  private hop: HopMeasure | null = null;
  private slowestRunMs = 0;
  private hostBoundUntilMs = -1;
  private readonly probes = new Map<number, { to: string; bytes: number; sentAtMs: number }>();
  private readonly stalled = new Set<string>();

  constructor(readonly id: string) {}

  /** Feeds one input; returns what the host must do, in order. */
  handle(input: NodeInput<P>): NodeAction<P>[] {
    const out: NodeAction<P>[] = [];
    switch (input.kind) {
      case 'message':
        this.message(input.from, input.message, input.payload, input.atMs, out);
        break;
      case 'computed':
        this.computed(input.token, input.output, input.deviceMs, input.hostMs, input.atMs, out);
        break;
      case 'compute-failed':
        if (this.running?.token === input.token) this.running = null;
        out.push(report({ type: 'error', message: input.message }));
        break;
      case 'loaded':
        this.loaded(input.epoch, input.error, out);
        break;
      case 'delivered':
        this.stalled.delete(input.to);
        if (this.stage && input.type === 'tensor' && input.to === this.stage.next) this.hop = averageHop(this.hop, input.to, input.bytes, input.wireMs);
        return out;
      case 'send-failed':
        if (input.to !== DISPATCHER) out.push(report({ type: 'send-failed', to: input.to }));
        return out;
      case 'stalled':
        if (!this.stalled.has(input.to)) out.push(report({ type: 'link-stalled', to: input.to }));
        this.stalled.add(input.to);
        return out;
    }
    this.work(out);
    return out;
  }

  status(atMs: number): NodeStatus {
    return {
      busyMs: this.busyMs,
      queued: this.queue.length,
      stageEpoch: this.stage?.epoch ?? -1,
      latestEpoch: this.latestEpoch,
      serviceMs: this.serviceMs,
      runs: this.runs,
      hop: this.hop ? { ...this.hop } : null,
      hostBound: atMs <= this.hostBoundUntilMs,
      slowestRunMs: this.slowestRunMs,
    };
  }

  private message(from: string, message: ToNodeMessage, payload: P | undefined, atMs: number, out: NodeAction<P>[]): void {
    switch (message.type) {
      case 'deploy':
        this.latestEpoch = Math.max(this.latestEpoch, message.stage.epoch);
        if (this.loading) this.deployQueue.push({ stage: message.stage, model: payload });
        else this.deploy(message.stage, payload, out);
        return;
      case 'tensor': {
        const active = this.loading ?? this.stage;
        // a tensor of any other plan than the one this node holds (or is loading) is dropped: the dispatcher resends
        if (active && message.epoch === active.epoch) this.queue.push({ epoch: message.epoch, requestId: message.requestId, calibrateSeq: -1, flops: active.flops, payload });
        return;
      }
      case 'ping':
        out.push(report({ type: 'pong', seq: message.seq, status: this.status(atMs) }));
        return;
      case 'probe':
        this.probes.set(message.seq, { to: message.to, bytes: message.bytes, sentAtMs: atMs });
        out.push({ kind: 'send', to: message.to, message: { type: 'probe-data', seq: message.seq, bytes: message.bytes } });
        return;
      case 'probe-data':
        out.push({ kind: 'send', to: from, message: { type: 'probe-echo', seq: message.seq } });
        return;
      case 'probe-echo': {
        const probe = this.probes.get(message.seq);
        if (!probe) return;
        this.probes.delete(message.seq);
        out.push(report({ type: 'probe-result', seq: message.seq, to: probe.to, bytes: probe.bytes, roundTripMs: atMs - probe.sentAtMs }));
        return;
      }
      case 'calibrate':
        this.queue.push({ epoch: -1, requestId: -1, calibrateSeq: message.seq, flops: message.flops });
        return;
    }
  }

  private deploy(stage: StageDeployment, model: P | undefined, out: NodeAction<P>[]): void {
    // an older plan never wins over a newer one that already arrived
    if (this.stage && stage.epoch < this.stage.epoch) return;
    if (!stage.keep) {
      this.loading = stage;
      out.push({ kind: 'load', stage, model });
      return;
    }
    const held = this.stage;
    if (!held || held.firstBlock !== stage.firstBlock || held.lastBlock !== stage.lastBlock) {
      // keeping a stage it does not hold is a dispatcher bug: reported, never run
      out.push(report({ type: 'deploy-failed', epoch: stage.epoch, message: `asked to keep blocks ${stage.firstBlock}..${stage.lastBlock}, which it does not hold` }));
      return;
    }
    this.activate(stage, out);
  }

  private loaded(epoch: number, error: string | undefined, out: NodeAction<P>[]): void {
    const stage = this.loading;
    if (!stage || stage.epoch !== epoch) return;
    this.loading = null;
    if (error !== undefined) out.push(report({ type: 'deploy-failed', epoch, message: error }));
    else this.activate(stage, out);
    const next = this.deployQueue.shift();
    if (next) this.deploy(next.stage, next.model, out);
  }

  /** The stage is in place: confirm it, forget other plans' tensors and the old stage's measurements. */
  private activate(stage: StageDeployment, out: NodeAction<P>[]): void {
    const isNewWork = !this.stage || this.stage.epoch !== stage.epoch || this.stage.next !== stage.next;
    this.stage = stage;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].calibrateSeq < 0 && this.queue[i].epoch !== stage.epoch) this.queue.splice(i, 1);
    if (isNewWork) {
      this.serviceMs = null;
      this.runs = 0;
      this.hop = null;
    }
    out.push(report({ type: 'deployed', epoch: stage.epoch }));
  }

  private computed(token: number, output: P | undefined, deviceMs: number, hostMs: number, atMs: number, out: NodeAction<P>[]): void {
    const running = this.running;
    if (!running || running.token !== token) return;
    this.running = null;
    const spentMs = Math.max(deviceMs, hostMs);
    this.busyMs += spentMs;
    this.slowestRunMs = Math.max(this.slowestRunMs * 0.9, hostMs);
    // the host was slower than the device it emulates: say so rather than hide it
    if (hostMs > deviceMs * (1 + HOST_BOUND_MARGIN) + 1) this.hostBoundUntilMs = atMs + HOST_BOUND_HOLD_MS;
    const { item, stage } = running;
    if (!stage) {
      out.push(report({ type: 'calibrated', seq: item.calibrateSeq, flops: item.flops, ms: deviceMs }));
      return;
    }
    if (this.stage?.epoch === stage.epoch) {
      // the first run of a stage is not its service time: a real runtime (onnxruntime) allocates and plans then, many
      // times slower than later runs, and it would weigh on the smoothed figure long enough to look like a slow device
      if (this.runs > 0) this.serviceMs = this.serviceMs === null ? deviceMs : this.serviceMs + SMOOTHING * (deviceMs - this.serviceMs);
      this.runs++;
    }
    out.push({ kind: 'send', to: stage.next, message: { type: 'tensor', epoch: item.epoch, requestId: item.requestId, bytes: stage.outBytes }, payload: output });
  }

  /** One request at a time, like the single accelerator of a small device. */
  private work(out: NodeAction<P>[]): void {
    if (this.running || this.queue.length === 0) return;
    const item = this.queue[0];
    const isCalibration = item.calibrateSeq >= 0;
    if (!isCalibration && (!this.stage || this.stage.epoch !== item.epoch)) return; // its stage is still loading
    this.queue.shift();
    const stage = isCalibration ? null : this.stage;
    const token = this.nextToken++;
    this.running = { token, item, stage };
    out.push({ kind: 'compute', token, flops: item.flops, stage, payload: item.payload });
  }
}

function report(message: NodeMessage): NodeAction<never> {
  return { kind: 'send', to: DISPATCHER, message };
}

function averageHop(hop: HopMeasure | null, to: string, bytes: number, ms: number): HopMeasure {
  if (!hop || hop.to !== to) return { to, bytes, ms, count: 1 };
  return { to, bytes: hop.bytes + SMOOTHING * (bytes - hop.bytes), ms: hop.ms + SMOOTHING * (ms - hop.ms), count: hop.count + 1 };
}
