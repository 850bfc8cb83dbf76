/**
 * Real-time cluster: one worker per node running the node protocol with onnxruntime-web on its stage, tensors
 * moving node to node over MessagePorts as transferred buffers, every send timed by the sender's own netsim
 * links. The main thread holds the dispatcher's ends (its own links: inputs and stage models out, results in)
 * and the world's controls (terminate a worker, hang it, change its links). See docs/design.md.
 */
import * as Comlink from 'comlink';
import type { ClusterBackend, LinkChange, TransportEvent } from '../emulator/backend';
import { NetsimTransport, type Envelope } from '../emulator/netsim-transport';
import { dataBytes, DISPATCHER, isDataMessage, type DispatcherMessage, type NodeReport } from '../emulator/node-protocol';
import { endpointIds, endpointIndex, lazyWorld, linkBetween, type Scenario } from '../emulator/scenario';
import { maxAbsDiff, type TensorValue } from '../model/ort-run';
import { realClock, type Clock } from '../netsim/clock';
import { Network } from '../netsim/network';
import { ScaledClock } from '../netsim/scaled-clock';
import type { LinkSpec, LinkStats } from '../netsim/types';
import { linkKey, nodeId } from '../netsim/world';
import { payloadBytes, transferables, type Payload, type PortEnvelope, type WireTensor, type WorldChange } from './protocol';
import type { SpawnedNode, SpawnNode } from './spawn';

/** Stage models by block range (planning blocks), sliced off the caller's thread where it can. */
export interface StageSource {
  /** The stage's ONNX bytes; the backend transfers them to the node, so each call must return a fresh buffer. */
  model(firstBlock: number, lastBlock: number): Promise<Uint8Array>;
}

export interface WorkerBackendOptions {
  scenario: Scenario;
  stages: StageSource;
  spawn: SpawnNode;
  /** Request inputs, cycled by request id (their buffers are copied for every send). */
  inputs: WireTensor[][];
  /** The whole model's outputs for each input, when results are to be verified (may be filled after create(); empty = not yet). */
  expected?: TensorValue[][];
  /** Compare every Nth result with `expected` (default 10; 0 = never). */
  verifyEvery?: number;
  seed?: number;
  timeScale?: number;
  stallMs?: number;
  onProgress?: (label: string, fraction: number) => void;
}

interface WorkerNode {
  spawned: SpawnedNode;
  state: 'starting' | 'up' | 'hung' | 'down';
  links: LinkStats[];
}

/** A data message on the dispatcher's links; a stage model may still be being sliced while it travels. */
type Outgoing = Payload | Promise<Uint8Array>;

export class WorkerBackend implements ClusterBackend {
  readonly clock: Clock;
  private readonly network: Network<Envelope<Outgoing>>;
  private readonly transport: NetsimTransport<Outgoing>;
  private readonly nodes = new Map<string, WorkerNode>();
  private readonly toNode = new Map<string, MessagePort>();
  /** Posts to each node in order, each waiting for its payload (a stage model being sliced). */
  private readonly postChains = new Map<string, Promise<void>>();
  private readonly channels = new Set<string>();
  private readonly listeners: ((event: TransportEvent) => void)[] = [];
  private readonly index: Map<string, number>;
  /** Run-time link changes (faults), so that a revived worker starts with its links as they are now. */
  private readonly linkChanges = new Map<string, LinkChange & { isUp?: boolean }>();
  /** Speeds changed at run time: a revived device keeps them (it is the same hardware). */
  private readonly speeds = new Map<string, number>();
  private statsTimer: number | null = null;
  private wasm: WebAssembly.Module | null = null;
  private disposed = false;

  private constructor(private readonly options: WorkerBackendOptions) {
    const scale = options.timeScale ?? 1;
    this.clock = scale === 1 ? realClock : new ScaledClock(realClock, scale);
    this.index = endpointIndex(options.scenario);
    const { world, linkFor } = lazyWorld(options.scenario);
    this.network = new Network<Envelope<Outgoing>>(world, this.clock, { seed: options.seed ?? 1, linkFor });
    this.transport = new NetsimTransport<Outgoing>(this.network, {
      stallMs: options.stallMs,
      expectedMs: (from, to, bytes) => {
        const link = linkBetween(options.scenario, this.index, from, to);
        return (bytes * 8) / (link.bandwidthMbps * 1000) + link.latencyMs + link.jitterMs;
      },
    });
    this.transport.onArrive((_from, to, envelope) => this.post(to, envelope));
    this.transport.onObserve((_sender, observation) => this.emit(observation));
  }

  /** Starts one worker per node (each compiles its own onnxruntime wasm: about 0.1-0.3 s of CPU each). */
  static async create(options: WorkerBackendOptions): Promise<WorkerBackend> {
    const backend = new WorkerBackend(options);
    let started = 0;
    const ids = options.scenario.nodes.map((n) => n.id);
    options.onProgress?.('compiling onnxruntime once for every node', 0);
    backend.wasm = (await options.spawn.compiledWasm?.()) ?? null;
    options.onProgress?.('starting nodes', 0);
    await Promise.all(
      ids.map(async (id) => {
        await backend.start(id);
        options.onProgress?.('starting nodes', ++started / ids.length);
      }),
    );
    backend.pollLinkStats();
    return backend;
  }

  // ---- DispatcherTransport ----

  listen(listener: (event: TransportEvent) => void): void {
    this.listeners.push(listener);
  }

  send(to: string, message: DispatcherMessage): void {
    const w = this.nodes.get(to);
    if (!w) throw new RangeError(`'${to}' is not a node of the scenario`);
    if (!isDataMessage(message)) {
      if (message.type === 'probe') {
        this.connect(to, message.to);
        this.connect(message.to, to);
      }
      if (w.state === 'up') void w.spawned.api.receive(message);
      return;
    }
    let payload: Outgoing | undefined;
    let bytes = dataBytes(message);
    if (message.type === 'deploy') {
      this.connect(DISPATCHER, to);
      this.connect(to, message.stage.next);
      if (!message.stage.keep) payload = this.options.stages.model(message.stage.firstBlock, message.stage.lastBlock);
    } else if (message.type === 'tensor') {
      const source = this.options.inputs[message.requestId % this.options.inputs.length];
      payload = source.map((t) => ({ ...t, data: (t.data as Float32Array).slice() }));
      bytes = payloadBytes(payload);
    } else {
      this.connect(DISPATCHER, to);
      this.connect(to, DISPATCHER);
    }
    this.transport.send(DISPATCHER, to, bytes, { message, payload });
  }

  // ---- WorldControl ----

  kill(node: string): void {
    const w = this.nodes.get(node);
    if (!w || w.state === 'down') return;
    w.spawned.terminate();
    w.state = 'down';
    this.forgetChannels(node);
    this.broadcast(node, false);
  }

  hang(node: string): void {
    const w = this.nodes.get(node);
    if (!w || w.state !== 'up') return;
    w.state = 'hung';
    void w.spawned.api.hang();
  }

  revive(node: string): void {
    const w = this.nodes.get(node);
    if (w && (w.state === 'up' || w.state === 'starting')) return;
    if (w?.state === 'hung') {
      w.spawned.terminate();
      this.forgetChannels(node);
    }
    void this.start(node).then(() => this.broadcast(node, true));
  }

  setNodeSpeed(node: string, gflops: number): void {
    if (!(gflops > 0 && Number.isFinite(gflops))) throw new RangeError(`'gflops' must be a finite number > 0, got ${gflops}`);
    this.speeds.set(node, gflops);
    this.tellNode(node, { kind: 'speed', gflops });
  }

  setLink(from: string, to: string, change: LinkChange): void {
    this.remember(from, to, change);
    if (from === DISPATCHER) this.network.setLink(nodeId(from), nodeId(to), change);
    else this.tellNode(from, { kind: 'link', to, change });
  }

  setLinkUp(from: string, to: string, isUp: boolean): void {
    this.remember(from, to, { isUp });
    if (from === DISPATCHER) this.network.setLinkUp(nodeId(from), nodeId(to), isUp);
    else this.tellNode(from, { kind: 'link-up', to, isUp });
  }

  dropMessages(from: string, to: string, count: number): void {
    if (from === DISPATCHER) this.network.dropNext(nodeId(from), nodeId(to), count);
    else this.tellNode(from, { kind: 'drop', to, count });
  }

  linkStats(): LinkStats[] {
    const own = this.network.snapshot().links;
    return [...own, ...[...this.nodes.values()].flatMap((w) => (w.state === 'up' ? w.links : []))];
  }

  dispose(): void {
    this.disposed = true;
    if (this.statsTimer !== null) this.clock.cancel(this.statsTimer);
    for (const w of this.nodes.values()) if (w.state !== 'down') w.spawned.terminate();
    for (const port of this.toNode.values()) port.close();
    this.transport.dispose();
    this.network.dispose();
  }

  // ---- internals ----

  private async start(id: string): Promise<void> {
    const spec = this.options.scenario.nodes.find((n) => n.id === id);
    if (!spec) throw new RangeError(`'${id}' is not a node of the scenario`);
    const w: WorkerNode = { spawned: this.options.spawn(`node ${id}`), state: 'starting', links: [] };
    this.nodes.set(id, w);
    const endpoints = endpointIds(this.options.scenario);
    const links: LinkSpec[] = endpoints
      .filter((to) => to !== id)
      .map((to) => {
        const { bandwidthMbps, latencyMs, jitterMs, lossRate } = linkBetween(this.options.scenario, this.index, id, to);
        const changed = this.linkChanges.get(linkKey(id, to));
        return { from: nodeId(id), to: nodeId(to), bandwidthMbps, latencyMs, jitterMs, lossRate, isUp: true, ...changed };
      });
    await w.spawned.api.init(
      {
        id,
        gflops: this.speeds.get(id) ?? spec.gflops,
        endpoints,
        links,
        radioMbps: spec.radioMbps ?? null,
        seed: (this.options.seed ?? 1) * 7919 + (this.index.get(id) ?? 0),
        timeScale: this.options.timeScale ?? 1,
        stallMs: this.options.stallMs ?? 750,
        wasm: this.wasm,
      },
      Comlink.proxy((message: NodeReport) => this.emit({ kind: 'message', atMs: this.clock.nowMs(), from: id, message })),
    );
    // a revived node must learn who is down now
    for (const [other, o] of this.nodes) if (other !== id && o.state === 'down') void w.spawned.api.change({ kind: 'node', node: other, isUp: false });
    if (this.nodes.get(id) === w) w.state = 'up';
    this.network.setNodeUp(nodeId(id), true);
  }

  /** A MessageChannel from -> to (once): the sender's end goes to the sender, the receiver's end to the receiver. */
  private connect(from: string, to: string): void {
    const key = linkKey(from, to);
    if (this.channels.has(key) || from === to) return;
    const sender = this.nodes.get(from);
    const receiver = this.nodes.get(to);
    if ((from !== DISPATCHER && sender?.state !== 'up') || (to !== DISPATCHER && receiver?.state !== 'up')) return;
    this.channels.add(key);
    const { port1, port2 } = new MessageChannel();
    if (from === DISPATCHER) this.toNode.set(to, port1);
    else void sender?.spawned.api.connectOut(to, Comlink.transfer(port1, [port1]));
    if (to === DISPATCHER) port2.onmessage = (event: MessageEvent<PortEnvelope>) => this.arrived(event.data);
    else void receiver?.spawned.api.connectIn(from, Comlink.transfer(port2, [port2]));
  }

  private forgetChannels(node: string): void {
    for (const key of [...this.channels]) {
      if (!key.startsWith(`${node}->`) && !key.endsWith(`->${node}`)) continue;
      this.channels.delete(key);
    }
    this.toNode.get(node)?.close();
    this.toNode.delete(node);
    this.postChains.delete(node);
  }

  /** A message of the dispatcher's reached `to` on the emulated link: hand it to the worker, in order. */
  private post(to: string, envelope: Envelope<Outgoing>): void {
    const previous = this.postChains.get(to) ?? Promise.resolve();
    const next = previous.then(async () => {
      const payload = envelope.payload instanceof Promise ? await envelope.payload : envelope.payload;
      const port = this.toNode.get(to);
      if (!port || this.nodes.get(to)?.state !== 'up') return;
      const out: PortEnvelope = { from: DISPATCHER, message: envelope.message, ...(payload ? { payload } : {}) };
      port.postMessage(out, transferables(payload));
    });
    this.postChains.set(
      to,
      next.catch((error: unknown) =>
        this.emit({ kind: 'message', atMs: this.clock.nowMs(), from: to, message: { type: 'error', message: `its stage model could not be prepared: ${String(error)}` } }),
      ),
    );
  }

  /** A data message from a node to the dispatcher: a result (verified every verifyEvery-th), or a probe. */
  private arrived({ from, message, payload }: PortEnvelope): void {
    let mismatch: number | undefined;
    const { expected, verifyEvery = 10 } = this.options;
    if (message.type === 'tensor' && expected && expected.length > 0 && verifyEvery > 0 && message.requestId % verifyEvery === 0 && Array.isArray(payload)) {
      const want = expected[message.requestId % expected.length];
      mismatch = Math.max(...want.map((t, i) => (payload[i] ? maxAbsDiff(t, payload[i] as TensorValue) : Infinity)));
    }
    this.emit({ kind: 'message', atMs: this.clock.nowMs(), from, message: message as NodeReport, ...(mismatch !== undefined ? { mismatch } : {}) });
  }

  private tellNode(node: string, change: WorldChange): void {
    const w = this.nodes.get(node);
    if (w?.state === 'up') void w.spawned.api.change(change);
  }

  private remember(from: string, to: string, change: LinkChange & { isUp?: boolean }): void {
    const key = linkKey(from, to);
    this.linkChanges.set(key, { ...this.linkChanges.get(key), ...change });
  }

  private broadcast(node: string, isUp: boolean): void {
    this.network.setNodeUp(nodeId(node), isUp);
    for (const [id, w] of this.nodes) if (id !== node && w.state === 'up') void w.spawned.api.change({ kind: 'node', node, isUp });
  }

  /** The views show every link's counters; workers are asked for theirs once a second. */
  private pollLinkStats(): void {
    if (this.disposed) return;
    for (const w of this.nodes.values()) {
      if (w.state !== 'up') continue;
      w.spawned.api.linkStats().then(
        (links) => (w.links = links),
        () => undefined,
      );
    }
    this.statsTimer = this.clock.schedule(this.clock.nowMs() + 1000, () => this.pollLinkStats());
  }

  private emit(event: TransportEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
