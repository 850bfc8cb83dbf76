/**
 * A member of a session (docs/design.md, "Real devices"): a browser tab or a headless `seifer-lab node`. It runs
 * the node protocol unchanged (NodeMachine) with real compute (onnxruntime-web, injected as a StageCompute), its
 * control messages through the server to the host, and its data (tensors, probes, results) on the data plane:
 * a direct WebRTC channel to another member when one opens, else the server relay. It also answers the host's
 * calibration (the model's blocks timed on this device). It never tells anyone it failed: a closed tab or a killed
 * process simply stops answering, and the host's dispatcher notices.
 */
import { NodeMachine, type NodeAction, type NodeInput } from '../emulator/node-machine';
import { DISPATCHER, isDataMessage, type NodeMessage, type StageDeployment, type ToNodeMessage } from '../emulator/node-protocol';
import { describeError } from '../errors';
import type { TensorValue } from '../model/ort-run';
import { realClock, type Clock } from '../netsim/clock';
import { CLOSE } from '../session/close-codes';
import { parseJoinUrl } from '../session/join-url';
import { MEMBER_ID, type PeerId, type ServerMessage } from '../session/messages';
import { RunMetrics } from '../emulator/metrics';
import { DataPlane, relayChannel } from './data-plane';
import { checkLinkEmulation, checkSpeed, destinationGone, MAX_WHOLE_RUNS } from './device-protocol';
import { DirectLinks, defaultPeerConnectionFactory, type PeerConnectionFactory } from './direct';
import { SessionSocket, defaultSocketFactory } from './session-socket';
import type { MemberState, SocketFactory, StageCompute } from './types';
import type { Envelope, Part } from './wire';

/** The whole-chain calibration runs for at least this long (and at most MAX_WHOLE_RUNS times). */
const WHOLE_CALIBRATION_MS = 250;

export interface MemberOptions {
  /** The label the host shows (default: the device kind). */
  name?: string;
  compute: StageCompute;
  device?: 'browser' | 'node';
  cores?: number;
  memoryBytes?: number;
  socket?: SocketFactory;
  /** WebRTC for direct channels (default: the environment's RTCPeerConnection; null: relay only). */
  peerConnection?: PeerConnectionFactory | null;
  clock?: Clock;
}

type Payload = TensorValue[] | Uint8Array;

/** Busy share is measured over this window (docs/design.md, "Metrics"). */
const BUSY_WINDOW_MS = 5000;
const GiB = 2 ** 30;

export class MemberClient {
  private readonly machine: NodeMachine<Payload>;
  private readonly plane: DataPlane;
  private readonly direct: DirectLinks;
  private readonly clock: Clock;
  private readonly listeners = new Set<() => void>();
  private readonly metrics = new RunMetrics();
  private readonly stages = new Map<number, StageDeployment>();
  private readonly current: MemberState;
  private handle: number | null = null;
  private calibration: { handles: number[]; inputs: TensorValue[]; flops: number } | null = null;
  private hung = false;
  /** The host asked it to compute as a device of this speed (emulation on top of the real one), or null. */
  private emulatedGflops: number | null = null;
  private busyTimer = -1;

  private constructor(
    private readonly socket: SessionSocket,
    private readonly options: MemberOptions,
  ) {
    this.clock = options.clock ?? realClock;
    const id = socket.welcome.you;
    this.machine = new NodeMachine<Payload>(id);
    this.current = { nodeId: id, stage: null, busyShare: 0, results: 0, paths: {}, status: 'idle' };
    this.plane = new DataPlane(
      (to) =>
        relayChannel(
          (p) => socket.sendFrame(to, p),
          () => socket.bufferedAmount,
          this.clock,
        ),
      this.clock,
      {
        envelope: (from, envelope) => this.envelope(from, envelope),
        delivered: (to, header, bytes, wireMs) => {
          const message = header.p as NodeMessage | undefined;
          if (message) this.feed({ kind: 'delivered', atMs: this.clock.nowMs(), to: nodeOf(to), type: message.type, bytes, wireMs });
        },
        failed: (to) => this.feed({ kind: 'send-failed', atMs: this.clock.nowMs(), to: nodeOf(to) }),
        garbled: () => undefined,
      },
    );
    const factory = options.peerConnection === undefined ? defaultPeerConnectionFactory() : options.peerConnection;
    this.direct = new DirectLinks(
      id,
      this.plane,
      (to, data) => socket.send({ type: 'signal', to, data }),
      factory,
      this.clock,
      () => this.pathsChanged(),
    );
    socket.listen({ message: (m) => this.message(m), frame: (from, payload) => this.plane.relayed(from, payload), closed: (code, reason) => this.closed(code, reason) });
    this.sampleBusy();
  }

  /** Joins the session of a join link; rejects with a sentence (bad link, no such session, server unreachable). */
  static async join(joinUrl: string, options: MemberOptions): Promise<MemberClient> {
    const parsed = parseJoinUrl(joinUrl);
    if (!parsed) throw new Error(`'${joinUrl}' is not a join link: expected http://ADDRESS:PORT/#join=CODE, as \`seifer-lab serve\` prints it`);
    const label = (options.name ?? options.device ?? 'device').slice(0, 64);
    const memoryGiB = options.memoryBytes === undefined ? undefined : Math.min(4096, options.memoryBytes / GiB);
    const socket = await SessionSocket.connect(
      parsed.sessionUrl,
      {
        type: 'join',
        session: parsed.code,
        label,
        ...(options.cores !== undefined ? { cores: Math.max(1, Math.min(1024, Math.round(options.cores))) } : {}),
        ...(memoryGiB !== undefined ? { memoryGiB } : {}),
        ...(options.device ? { device: options.device } : {}),
      },
      options.socket ?? defaultSocketFactory(),
    );
    const client = new MemberClient(socket, options);
    await socket.attachData(options.socket ?? defaultSocketFactory(), (from, payload) => client.plane.relayed(from, payload));
    return client;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): MemberState {
    return { ...this.current, paths: { ...this.current.paths }, stage: this.current.stage ? { ...this.current.stage } : null };
  }

  /** Leaves the session: the host sees the member go, and its dispatcher re-plans without it. */
  leave(): void {
    if (this.current.status === 'left') return;
    this.socket.send({ type: 'leave' });
    this.socket.close(CLOSE.left.code, 'left');
    this.finish('left');
  }

  // ---- from the server ----

  private message(message: ServerMessage): void {
    if (this.hung) return;
    switch (message.type) {
      case 'node':
        if (message.from === 'host') this.control(message.body);
        return;
      case 'signal':
        void this.direct.handle(message.from, message.data);
        return;
      case 'dropped':
        if (message.of === 'frame' && message.to !== 'host' && destinationGone(message.reason)) this.plane.unreachable(message.to);
        return;
      default:
        return;
    }
  }

  private control(body: Record<string, unknown>): void {
    if (body.p && typeof body.p === 'object') return this.feed({ kind: 'message', atMs: this.clock.nowMs(), from: DISPATCHER, message: body.p as ToNodeMessage });
    if (body.d === 'peers' && Array.isArray(body.ids)) {
      const peers = body.ids.filter((peer): peer is string => typeof peer === 'string' && MEMBER_ID.test(peer) && peer !== this.current.nodeId).slice(0, 64);
      for (const gone of Object.keys(this.current.paths)) if (!peers.includes(gone)) this.direct.drop(gone);
      this.current.paths = Object.fromEntries(peers.map((peer) => [peer, this.plane.path(peer)]));
      for (const peer of peers) this.direct.connect(peer);
      this.changed();
      return;
    }
    if (body.d === 'hang') this.hung = true;
    if (body.d === 'link') {
      const link = checkLinkEmulation(body);
      if (link) this.plane.emulate(link.to === DISPATCHER ? 'host' : link.to, link.change);
    }
    if (body.d === 'speed') {
      const speed = checkSpeed(body);
      if (speed) this.emulatedGflops = speed.gflops;
    }
  }

  private envelope(from: PeerId, { header, parts }: Envelope): void {
    if (this.hung) return;
    if (header.d === 'calibrate-blocks' && from === 'host') return void this.calibrate(header, parts);
    const message = header.p as ToNodeMessage | undefined;
    if (!message || typeof message !== 'object') return;
    // another member may send only data: tensors and probes, never a deploy or a control message
    if (from !== 'host' && message.type !== 'tensor' && message.type !== 'probe-data' && message.type !== 'probe-echo') return;
    let payload: Payload | undefined;
    if (message.type === 'deploy') {
      this.stages.set(message.stage.epoch, message.stage);
      payload = parts[0] instanceof Uint8Array ? parts[0] : undefined;
    } else if (message.type === 'tensor') payload = parts.filter((p): p is TensorValue => !(p instanceof Uint8Array));
    this.feed({ kind: 'message', atMs: this.clock.nowMs(), from: nodeOf(from), message, payload });
  }

  private closed(code: number, reason: string): void {
    if (this.current.status === 'left' || this.current.status === 'error') return;
    if (code === CLOSE.left.code || code === CLOSE.kicked.code || code === CLOSE.sessionEnded.code || code === CLOSE.sessionExpired.code)
      this.finish('left', code === CLOSE.left.code ? undefined : reason);
    else this.finish('error', `the connection to the lab server closed (${code}${reason ? `: ${reason}` : ''})`);
  }

  private finish(status: 'left' | 'error', error?: string): void {
    this.current.status = status;
    if (error) this.current.error = error;
    this.clock.cancel(this.busyTimer);
    this.direct.closeAll();
    this.options.compute.dispose();
    this.changed();
  }

  // ---- the node machine ----

  private feed(input: NodeInput<Payload>): void {
    if (this.hung || this.current.status === 'left' || this.current.status === 'error') return;
    for (const action of this.machine.handle(input)) this.act(action);
  }

  private act(action: NodeAction<Payload>): void {
    switch (action.kind) {
      case 'send':
        return this.send(action.to, action.message, action.payload);
      case 'load':
        return void this.load(action.stage, action.model);
      case 'compute':
        return void this.compute(action.token, action.flops, action.stage, action.payload);
    }
  }

  private send(to: string, message: NodeMessage, payload: Payload | undefined): void {
    const peer = to === DISPATCHER ? 'host' : to;
    if (message.type === 'deployed') {
      const stage = this.stages.get(message.epoch);
      if (stage) this.current.stage = { index: stage.stageIndex, firstBlock: stage.firstBlock, lastBlock: stage.lastBlock };
      this.current.status = 'serving';
      this.changed();
    }
    if (!isDataMessage(message)) {
      const body: Record<string, unknown> = { p: message };
      if (message.type === 'probe-result') body.path = this.plane.path(message.to === DISPATCHER ? 'host' : message.to);
      this.socket.send({ type: 'node', to: 'host', body });
      return;
    }
    let parts: Part[] = [];
    if (payload instanceof Uint8Array) parts = [payload];
    else if (payload) parts = payload;
    else if (message.type === 'probe-data') parts = [new Uint8Array(message.bytes)];
    this.plane.send(peer, { p: message }, parts);
    if (peer !== 'host' && this.current.paths[peer] !== this.plane.path(peer)) this.pathsChanged();
  }

  private async load(stage: StageDeployment, model: Payload | undefined): Promise<void> {
    let error: string | undefined;
    try {
      if (!(model instanceof Uint8Array)) throw new Error(`no model bytes came with the deploy of blocks ${stage.firstBlock}..${stage.lastBlock}`);
      const handle = await this.options.compute.load(model, `stage ${stage.stageIndex} on ${this.machine.id}`);
      const old = this.handle;
      this.handle = handle;
      if (old !== null) void this.options.compute.release(old).catch(() => undefined);
    } catch (e) {
      error = describeError(e);
    }
    this.feed({ kind: 'loaded', atMs: this.clock.nowMs(), epoch: stage.epoch, ...(error !== undefined ? { error } : {}) });
  }

  private async compute(token: number, flops: number, stage: StageDeployment | null, payload: Payload | undefined): Promise<void> {
    const startMs = this.clock.nowMs();
    try {
      let output: TensorValue[] | undefined;
      let ms: number;
      if (stage) {
        if (this.handle === null) throw new Error(`no stage model loaded for blocks ${stage.firstBlock}..${stage.lastBlock}`);
        const run = await this.options.compute.run(this.handle, payload as TensorValue[]);
        output = run.outputs;
        ms = run.ms;
        this.current.results++;
      } else {
        // a calibration: the model's blocks once through, scaled to the FLOPs asked for
        const cal = this.calibration;
        if (!cal) throw new Error('asked to calibrate before the host sent the calibration blocks');
        ms = (await this.chain(cal.handles, cal.inputs)).reduce((s, v) => s + v, 0) * (flops / cal.flops);
      }
      const gflops = this.emulatedGflops;
      if (gflops === null) return this.feed({ kind: 'computed', atMs: this.clock.nowMs(), token, output, deviceMs: ms, hostMs: ms });
      // an emulated device: the result is held until it would have finished (a host slower than it says so: host-bound)
      const deviceMs = flops / (gflops * 1e6);
      this.clock.schedule(startMs + Math.max(deviceMs, ms), () => this.feed({ kind: 'computed', atMs: this.clock.nowMs(), token, output, deviceMs, hostMs: ms }));
    } catch (e) {
      this.feed({ kind: 'compute-failed', atMs: this.clock.nowMs(), token, message: describeError(e) });
    }
  }

  /** Runs the blocks one after the other on `inputs`; each block's time in ms. */
  private async chain(handles: number[], inputs: TensorValue[]): Promise<number[]> {
    const times: number[] = [];
    // the compute may take its inputs' buffers (a worker transfer): the first block gets copies
    let x: TensorValue[] = inputs.map((t) => ({ ...t, data: t.data.slice() }));
    for (const handle of handles) {
      const run = await this.options.compute.run(handle, x);
      times.push(run.ms);
      x = run.outputs;
    }
    return times;
  }

  /**
   * The whole chain as one model (what a stage of all the blocks takes, without a run's fixed cost once per block): a
   * warm-up run, then at least `repetitions` timed runs and at least WHOLE_CALIBRATION_MS of them, at most
   * MAX_WHOLE_RUNS. A few runs of a few milliseconds each would catch whatever else the device did in that instant;
   * a quarter of a second of runs gives a median that holds while it keeps computing.
   */
  private async timeWhole(model: Uint8Array, inputs: TensorValue[], repetitions: number): Promise<number[]> {
    const handle = await this.options.compute.load(model, 'calibration, all blocks');
    try {
      await this.chain([handle], inputs);
      const times: number[] = [];
      const started = this.clock.nowMs();
      while (times.length < MAX_WHOLE_RUNS && (times.length < repetitions || this.clock.nowMs() - started < WHOLE_CALIBRATION_MS)) times.push((await this.chain([handle], inputs))[0]);
      return times;
    } finally {
      await this.options.compute.release(handle);
    }
  }

  /** The host's calibration: `blocks` single-block models and the first block's inputs, run `repetitions` times. */
  private async calibrate(header: Record<string, unknown>, parts: Part[]): Promise<void> {
    const blocks = Number(header.blocks);
    const repetitions = Number(header.repetitions);
    const seq = Number(header.seq);
    // with `whole`, one more model after the blocks: all of them as one, timed on its own
    const whole = header.whole === true;
    const modelCount = blocks + (whole ? 1 : 0);
    const models = parts.slice(0, modelCount).filter((p): p is Uint8Array => p instanceof Uint8Array);
    const inputs = parts.slice(modelCount).filter((p): p is TensorValue => !(p instanceof Uint8Array));
    if (!(blocks >= 1 && models.length === modelCount && repetitions >= 1 && repetitions <= 20)) return;
    this.current.status = 'measuring';
    this.changed();
    const compute = this.options.compute;
    try {
      for (const handle of this.calibration?.handles ?? []) await compute.release(handle);
      this.calibration = null;
      const handles: number[] = [];
      for (const [i, model] of models.slice(0, blocks).entries()) handles.push(await compute.load(model, `calibration block ${i}`));
      this.calibration = { handles, inputs, flops: Number(header.flops) || 1 };
      // one run first, not counted: onnxruntime's first run of a session allocates and plans
      await this.chain(handles, inputs);
      const msPerBlock: number[][] = [];
      for (let r = 0; r < repetitions; r++) msPerBlock.push(await this.chain(handles, inputs));
      const wholeMs = whole ? await this.timeWhole(models[blocks], inputs, repetitions) : undefined;
      this.socket.send({ type: 'node', to: 'host', body: { d: 'calibrated-blocks', seq, msPerBlock, ...(wholeMs ? { wholeMs } : {}) } });
    } catch (e) {
      this.socket.send({ type: 'node', to: 'host', body: { p: { type: 'error', message: `calibration failed: ${describeError(e)}` } } });
    }
    if (this.current.status === 'measuring') this.current.status = this.current.stage ? 'serving' : 'idle';
    this.changed();
  }

  private sampleBusy(): void {
    const now = this.clock.nowMs();
    this.metrics.recordBusy('self', now, this.machine.status(now).busyMs, BUSY_WINDOW_MS);
    const share = this.metrics.busyPercent('self') / 100;
    const hops = this.plane.traffic();
    // what its links carried, for the host to set against the probed figures (small: one entry per peer it sends to)
    if (hops.length > 0 && !this.hung) this.socket.send({ type: 'node', to: 'host', body: { d: 'traffic', hops } });
    if (Math.abs(share - this.current.busyShare) > 0.005) {
      this.current.busyShare = share;
      this.changed();
    }
    this.busyTimer = this.clock.schedule(now + 1000, () => this.sampleBusy());
  }

  /** A direct channel opened or closed: every known peer's path, as it is now. */
  private pathsChanged(): void {
    for (const peer of Object.keys(this.current.paths)) this.current.paths[peer] = this.plane.path(peer);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function nodeOf(peer: PeerId): string {
  return peer === 'host' ? DISPATCHER : peer;
}
