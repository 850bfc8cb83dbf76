/**
 * Real-time cluster: one worker per node running onnxruntime-web on its stage, tensors moving node to node
 * over MessagePorts as transferred buffers, every send timed by the sender's own netsim links. The main thread
 * holds only the dispatcher's ends (inputs out, results in) and the control calls.
 */
import * as Comlink from 'comlink';
import { DISPATCHER, type BackendEvent, type ClusterBackend, type StageDeployment } from '../emulator/backend';
import { toWorld, type Scenario } from '../emulator/scenario';
import { maxAbsDiff, type TensorValue } from '../model/ort-run';
import { realClock, type Clock } from '../netsim/clock';
import { Network } from '../netsim/network';
import { ScaledClock } from '../netsim/scaled-clock';
import type { LinkConfig, LinkStats, NodeId, World } from '../netsim/types';
import type { StageCache } from './stage-cache';
import { messageBytes, transferables, type TensorMessage, type WireTensor, type WorldChange } from './protocol';
import type { SpawnedNode, SpawnNode } from './spawn';

export interface WorkerBackendOptions {
  scenario: Scenario;
  stages: StageCache;
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
  pinging: boolean;
  links: LinkStats[];
}

interface DispatcherMessage {
  to: string;
  deploy?: StageDeployment;
  message?: TensorMessage;
}

export class WorkerBackend implements ClusterBackend {
  readonly clock: Clock;
  private readonly network: Network<DispatcherMessage>;
  private readonly nodes = new Map<string, WorkerNode>();
  private readonly outPorts = new Map<string, MessagePort>();
  private readonly channels = new Set<string>();
  private readonly listeners: ((event: BackendEvent) => void)[] = [];
  private readonly world: World;
  private readonly drops = new Map<string, number>();
  /** Speeds changed at run time: a revived device keeps them (it is the same hardware). */
  private readonly speeds = new Map<string, number>();

  private constructor(private readonly options: WorkerBackendOptions) {
    const scale = options.timeScale ?? 1;
    this.clock = scale === 1 ? realClock : new ScaledClock(realClock, scale);
    this.world = toWorld(options.scenario);
    this.network = new Network<DispatcherMessage>(this.world, this.clock, { seed: options.seed ?? 1 });
    this.network.onDeliver(({ payload }) => this.delivered(payload));
    this.network.onFail(({ transfer }) => this.emit({ kind: 'send-failed', from: DISPATCHER, to: transfer.to, atMs: this.clock.nowMs() }));
  }

  /** Starts one worker per node (each compiles its own onnxruntime wasm: about 0.1-0.3 s of CPU each). */
  static async create(options: WorkerBackendOptions): Promise<WorkerBackend> {
    const backend = new WorkerBackend(options);
    let started = 0;
    const ids = options.scenario.nodes.map((n) => n.id);
    options.onProgress?.('starting nodes', 0);
    await Promise.all(
      ids.map(async (id) => {
        await backend.start(id);
        options.onProgress?.('starting nodes', ++started / ids.length);
      }),
    );
    return backend;
  }

  listen(listener: (event: BackendEvent) => void): void {
    this.listeners.push(listener);
  }

  deploy(node: string, stage: StageDeployment): void {
    if (this.nodes.get(node)?.state === 'up') {
      this.connect(node, stage.next);
      if (stage.stageIndex === 0) this.connect(DISPATCHER, node);
    }
    this.network.send(DISPATCHER as NodeId, node as NodeId, stage.deployBytes, { to: node, deploy: stage });
  }

  submit(node: string, epoch: number, requestId: number): void {
    const source = this.options.inputs[requestId % this.options.inputs.length];
    const tensors = source.map((t) => ({ ...t, data: (t.data as Float32Array).slice() }));
    const key = `${DISPATCHER}->${node}`;
    const dropping = this.drops.get(key) ?? 0;
    if (dropping > 0) {
      this.drops.set(key, dropping - 1);
      return;
    }
    this.network.send(DISPATCHER as NodeId, node as NodeId, messageBytes(tensors), { to: node, message: { type: 'tensor', epoch, requestId, tensors } });
  }

  ping(node: string, seq: number): void {
    const w = this.nodes.get(node);
    if (!w || w.state !== 'up' || w.pinging) return; // a hung worker keeps its one unanswered call
    w.pinging = true;
    w.spawned.api.status().then(
      (status) => {
        w.pinging = false;
        if (this.nodes.get(node) !== w || w.state !== 'up') return;
        w.links = status.links;
        this.emit({ kind: 'pong', node, seq, atMs: this.clock.nowMs(), status });
      },
      () => (w.pinging = false),
    );
  }

  kill(node: string): void {
    const w = this.nodes.get(node);
    if (!w || w.state === 'down') return;
    w.spawned.terminate();
    w.state = 'down';
    this.forgetChannels(node);
    this.broadcast({ kind: 'node', node, isUp: false });
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
    void this.start(node).then(() => this.broadcast({ kind: 'node', node, isUp: true }));
  }

  setNodeSpeed(node: string, gflops: number): void {
    this.speeds.set(node, gflops);
    if (this.nodes.get(node)?.state === 'up') void this.nodes.get(node)?.spawned.api.change({ kind: 'speed', gflops });
  }

  setLink(from: string, to: string, change: Partial<Omit<LinkConfig, 'isUp'>>): void {
    const link = this.world.links.find((l) => l.from === from && l.to === to);
    if (link) Object.assign(link, change);
    this.tell(from, { kind: 'link', from, to, change }, () => this.network.setLink(from as NodeId, to as NodeId, change));
  }

  setLinkUp(from: string, to: string, isUp: boolean): void {
    const link = this.world.links.find((l) => l.from === from && l.to === to);
    if (link) link.isUp = isUp;
    this.tell(from, { kind: 'link-up', from, to, isUp }, () => this.network.setLinkUp(from as NodeId, to as NodeId, isUp));
  }

  dropMessages(from: string, to: string, count: number): void {
    this.tell(from, { kind: 'drop', to, count }, () => this.drops.set(`${from}->${to}`, (this.drops.get(`${from}->${to}`) ?? 0) + count));
  }

  linkStats(): LinkStats[] {
    const own = this.network.snapshot().links.filter((l) => l.from === DISPATCHER);
    return [...own, ...[...this.nodes.values()].flatMap((w) => (w.state === 'up' ? w.links : []))];
  }

  dispose(): void {
    for (const w of this.nodes.values()) if (w.state !== 'down') w.spawned.terminate();
    for (const port of this.outPorts.values()) port.close();
    this.network.dispose();
  }

  private async start(id: string): Promise<void> {
    const spec = this.options.scenario.nodes.find((n) => n.id === id);
    if (!spec) throw new RangeError(`'${id}' is not a node of the scenario`);
    const w: WorkerNode = { spawned: this.options.spawn(`node ${id}`), state: 'starting', pinging: false, links: [] };
    this.nodes.set(id, w);
    const index = this.options.scenario.nodes.indexOf(spec);
    // the node starts up: in the world it is given, it must be up itself (a revived node was down until now)
    const self = this.world.nodes.find((n) => n.id === id);
    if (self) self.isUp = true;
    await w.spawned.api.init(
      { id, gflops: this.speeds.get(id) ?? spec.gflops, world: structuredClone(this.world), seed: (this.options.seed ?? 1) * 7919 + index, timeScale: this.options.timeScale ?? 1, stallMs: this.options.stallMs ?? 750 },
      Comlink.proxy((report) => {
        const atMs = this.clock.nowMs();
        if (report.kind === 'error') this.emit({ kind: 'node-error', node: id, message: report.message, atMs });
        else this.emit({ ...report, atMs });
      }),
    );
    if (this.nodes.get(id) === w) w.state = 'up';
    this.network.setNodeUp(id as NodeId, true);
  }

  /** A MessageChannel from -> to (once): the sender's end goes to the sender's worker, the other to the receiver. */
  private connect(from: string, to: string): void {
    const key = `${from}->${to}`;
    if (this.channels.has(key)) return;
    this.channels.add(key);
    const { port1, port2 } = new MessageChannel();
    if (from === DISPATCHER) this.outPorts.set(to, port1);
    else void this.nodes.get(from)?.spawned.api.connectOut(to, Comlink.transfer(port1, [port1]));
    if (to === DISPATCHER) port2.onmessage = (event: MessageEvent<TensorMessage>) => this.result(event.data);
    else void this.nodes.get(to)?.spawned.api.connectIn(from, Comlink.transfer(port2, [port2]));
  }

  private forgetChannels(node: string): void {
    for (const key of [...this.channels]) {
      const [from, to] = key.split('->');
      if (from !== node && to !== node) continue;
      this.channels.delete(key);
      if (from === DISPATCHER) {
        this.outPorts.get(to)?.close();
        this.outPorts.delete(to);
      }
    }
  }

  private delivered(payload: DispatcherMessage): void {
    const w = this.nodes.get(payload.to);
    if (!w || w.state !== 'up') return;
    if (payload.message) {
      this.outPorts.get(payload.to)?.postMessage(payload.message, transferables(payload.message.tensors));
      return;
    }
    const stage = payload.deploy as StageDeployment;
    const model = stage.deployBytes > 0 ? this.options.stages.get(stage.firstBlock, stage.lastBlock).bytes.slice() : null;
    w.spawned.api.load(stage, model ? Comlink.transfer(model, [model.buffer]) : null).then(
      () => this.emit({ kind: 'deployed', node: payload.to, epoch: stage.epoch, atMs: this.clock.nowMs() }),
      (error: unknown) => this.emit({ kind: 'deploy-failed', node: payload.to, epoch: stage.epoch, message: String(error), atMs: this.clock.nowMs() }),
    );
  }

  private result(message: TensorMessage): void {
    const { expected, verifyEvery = 10 } = this.options;
    let mismatch: number | undefined;
    if (expected && expected.length > 0 && verifyEvery > 0 && message.requestId % verifyEvery === 0) {
      const want = expected[message.requestId % expected.length];
      mismatch = Math.max(...want.map((t, i) => (message.tensors[i] ? maxAbsDiff(t, message.tensors[i] as TensorValue) : Infinity)));
    }
    this.emit({ kind: 'result', epoch: message.epoch, requestId: message.requestId, atMs: this.clock.nowMs(), mismatch });
  }

  /** A change to `from`'s outgoing links goes to whoever owns them: a worker, or the dispatcher's own network. */
  private tell(from: string, change: WorldChange, own: () => void): void {
    if (from === DISPATCHER) own();
    else if (this.nodes.get(from)?.state === 'up') void this.nodes.get(from)?.spawned.api.change(change);
  }

  private broadcast(change: Extract<WorldChange, { kind: 'node' }>): void {
    const spec = this.world.nodes.find((n) => n.id === change.node);
    if (spec) spec.isUp = change.isUp;
    this.network.setNodeUp(change.node as NodeId, change.isUp);
    for (const [id, w] of this.nodes) if (id !== change.node && w.state === 'up') void w.spawned.api.change(change);
  }

  private emit(event: BackendEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
