/**
 * One emulated device inside its own worker: the node protocol's NodeMachine, hosted with real compute
 * (onnxruntime-web on its stage, each result held until the device would have finished: FLOPs / GFLOPS) and its
 * own outgoing emulated links (netsim) in front of MessagePorts to its peers. Environment-agnostic: the Web
 * Worker and the Node worker thread entries only wire it to comlink.
 */
import { NetsimTransport, type Envelope, type SendObservation } from '../emulator/netsim-transport';
import { NodeMachine, type NodeAction, type NodeInput } from '../emulator/node-machine';
import { dataBytes, DISPATCHER, isDataMessage, type NodeReport, type StageDeployment, type ToNodeMessage } from '../emulator/node-protocol';
import { describeError } from '../errors';
import { createSession, type Session, type TensorValue } from '../model/ort-run';
import { runStage } from './stage-compute';
import { useCompiledOrtWasm } from '../model/ort-wasm';
import { realClock, type Clock } from '../netsim/clock';
import { Network } from '../netsim/network';
import { ScaledClock } from '../netsim/scaled-clock';
import type { LinkSpec, LinkStats } from '../netsim/types';
import { linkKey, nodeId } from '../netsim/world';
import { payloadBytes, transferables, type NodeInit, type Payload, type PortEnvelope, type WireTensor, type WorldChange } from './protocol';

export class NodeRuntime {
  private clock: Clock = realClock;
  private init!: NodeInit;
  private machine!: NodeMachine<Payload>;
  private network: Network<Envelope<Payload>> | null = null;
  private transport: NetsimTransport<Payload> | null = null;
  private readonly outPorts = new Map<string, MessagePort>();
  /** Messages for a peer whose port has not arrived yet (ports and messages travel different channels). */
  private readonly waiting = new Map<string, PortEnvelope[]>();
  private session: Session | null = null;
  private report: (message: NodeReport) => void = () => undefined;

  async start(init: NodeInit, report: (message: NodeReport) => void): Promise<void> {
    this.init = init;
    this.report = report;
    if (init.wasm) useCompiledOrtWasm(init.wasm);
    this.machine = new NodeMachine<Payload>(init.id);
    this.clock = init.timeScale === 1 ? realClock : new ScaledClock(realClock, init.timeScale);
    const own = new Map<string, LinkSpec>(init.links.map((l) => [l.to, l]));
    const world = { nodes: init.endpoints.map((id) => ({ id: nodeId(id), isUp: true, radioMbps: id === init.id ? init.radioMbps : null })), links: init.links };
    const network = new Network<Envelope<Payload>>(world, this.clock, {
      seed: init.seed,
      linkFor: (from, to) => {
        throw new RangeError(`${linkKey(from, to)} is not a link of ${init.id}`);
      },
    });
    const transport = new NetsimTransport<Payload>(network, {
      stallMs: init.stallMs,
      expectedMs: (_from, to, bytes) => {
        const link = own.get(to);
        return link ? (bytes * 8) / (link.bandwidthMbps * 1000) + link.latencyMs + link.jitterMs : 0;
      },
    });
    transport.onArrive((from, to, envelope) => this.post(to, { from, message: envelope.message, payload: envelope.payload }));
    transport.onObserve((_sender, observation: SendObservation) => this.feed({ ...observation, atMs: this.clock.nowMs() }));
    this.network = network;
    this.transport = transport;
  }

  connectOut(peer: string, port: MessagePort): void {
    this.outPorts.get(peer)?.close();
    this.outPorts.set(peer, port);
    for (const envelope of this.waiting.get(peer) ?? []) this.post(peer, envelope);
    this.waiting.delete(peer);
  }

  connectIn(_peer: string, port: MessagePort): void {
    port.onmessage = (event: MessageEvent<PortEnvelope>) => {
      const { from, message, payload } = event.data;
      this.feed({ kind: 'message', atMs: this.clock.nowMs(), from, message: message as ToNodeMessage, payload });
    };
  }

  receive(message: ToNodeMessage): void {
    this.feed({ kind: 'message', atMs: this.clock.nowMs(), from: DISPATCHER, message });
  }

  change(change: WorldChange): void {
    const network = this.network;
    if (!network) return;
    const self = nodeId(this.init.id);
    switch (change.kind) {
      case 'node':
        return network.setNodeUp(nodeId(change.node), change.isUp);
      case 'link':
        return network.setLink(self, nodeId(change.to), change.change);
      case 'link-up':
        return network.setLinkUp(self, nodeId(change.to), change.isUp);
      case 'drop':
        return network.dropNext(self, nodeId(change.to), change.count);
      case 'speed':
        this.init = { ...this.init, gflops: change.gflops };
    }
  }

  linkStats(): LinkStats[] {
    return this.network?.snapshot().links ?? [];
  }

  hang(): void {
    // a device that stops answering: nothing on this thread runs again until the main thread terminates it
    for (;;) {
      /* spin */
    }
  }

  private feed(input: NodeInput<Payload>): void {
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

  private send(to: string, message: NodeReport | ToNodeMessage, payload: Payload | undefined): void {
    if (!isDataMessage(message)) {
      this.report(message as NodeReport);
      return;
    }
    const bytes = payload ? payloadBytes(payload) : dataBytes(message);
    this.transport?.send(this.init.id, to, bytes, { message, payload });
  }

  private post(to: string, envelope: PortEnvelope): void {
    const port = this.outPorts.get(to);
    if (!port) {
      const queue = this.waiting.get(to) ?? [];
      queue.push(envelope);
      this.waiting.set(to, queue);
      return;
    }
    port.postMessage(envelope, transferables(envelope.payload));
  }

  private async load(stage: StageDeployment, model: Payload | undefined): Promise<void> {
    let error: string | undefined;
    try {
      if (!(model instanceof Uint8Array)) throw new Error(`no model bytes came with the deploy of blocks ${stage.firstBlock}..${stage.lastBlock}`);
      const session = await createSession(model, `stage ${stage.stageIndex} on ${this.init.id}`);
      const old = this.session;
      this.session = session;
      // a run in progress holds its own reference; release the old session once nothing uses it
      if (old) void this.whenIdle().then(() => old.release());
    } catch (e) {
      error = describeError(e);
    }
    this.feed({ kind: 'loaded', atMs: this.clock.nowMs(), epoch: stage.epoch, ...(error !== undefined ? { error } : {}) });
  }

  private running = 0;

  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.running > 0 ? this.clock.schedule(this.clock.nowMs() + 5, check) : resolve());
      check();
    });
  }

  /** Runs the stage (or holds for a calibration), then reports when the emulated device would have finished. */
  private async compute(token: number, flops: number, stage: StageDeployment | null, payload: Payload | undefined): Promise<void> {
    const startMs = this.clock.nowMs();
    const deviceMs = flops / (this.init.gflops * 1e6);
    let output: WireTensor[] | undefined;
    if (stage) {
      const session = this.session;
      this.running++;
      try {
        if (!session) throw new Error(`no stage model loaded for blocks ${stage.firstBlock}..${stage.lastBlock}`);
        // copies out of onnxruntime's memory into buffers we own and can transfer
        output = await runStage(session, payload as TensorValue[]);
      } catch (e) {
        this.feed({ kind: 'compute-failed', atMs: this.clock.nowMs(), token, message: describeError(e) });
        return;
      } finally {
        this.running--;
      }
    }
    const hostMs = this.clock.nowMs() - startMs;
    this.clock.schedule(startMs + Math.max(deviceMs, hostMs), () => this.feed({ kind: 'computed', atMs: this.clock.nowMs(), token, output, deviceMs, hostMs }));
  }
}
