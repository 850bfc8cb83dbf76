/**
 * One emulated device, inside its own worker: runs its stage with onnxruntime-web, holds each result until the
 * device would have finished (FLOPs / gflops), and sends it on over its own emulated links (netsim, this
 * node's outgoing side) to the next node's MessagePort. Environment-agnostic: the Web Worker and the Node
 * worker thread entries only wire it to comlink.
 */
import type { StageDeployment } from '../emulator/backend';
import { createSession, type Session, type TensorValue } from '../model/ort-run';
import { realClock, type Clock } from '../netsim/clock';
import { Network } from '../netsim/network';
import { ScaledClock } from '../netsim/scaled-clock';
import type { NodeId } from '../netsim/types';
import { messageBytes, transferables, type NodeInit, type NodeReport, type NodeStatusReply, type TensorMessage, type WireTensor, type WorldChange } from './protocol';

interface Outgoing {
  to: string;
  message: TensorMessage;
}

export class NodeRuntime {
  private clock: Clock = realClock;
  private network: Network<Outgoing> | null = null;
  private readonly outPorts = new Map<string, MessagePort>();
  private session: Session | null = null;
  private stage: StageDeployment | null = null;
  private readonly queue: TensorMessage[] = [];
  private working = false;
  private loading: Promise<void> = Promise.resolve();
  private busyMs = 0;
  private slowestRunMs = 0;
  private hostBoundUntilMs = -1;
  private readonly drops = new Map<string, number>();
  private readonly stallChecks = new Set<string>();
  private init!: NodeInit;
  private report: (report: NodeReport) => void = () => undefined;

  async start(init: NodeInit, report: (report: NodeReport) => void): Promise<void> {
    this.init = init;
    this.report = report;
    this.clock = init.timeScale === 1 ? realClock : new ScaledClock(realClock, init.timeScale);
    const network = new Network<Outgoing>(init.world, this.clock, { seed: init.seed });
    network.onDeliver(({ payload }) => this.outPorts.get(payload.to)?.postMessage(payload.message, transferables(payload.message.tensors)));
    network.onFail(({ transfer }) => {
      if (transfer.failure === 'receiver-down') report({ kind: 'send-failed', from: init.id, to: transfer.to });
    });
    network.on((event) => {
      if (event.kind === 'link-down' && event.heldTransfers > 0) this.watchStall(event.to);
      if (event.kind === 'transfer-sent' && event.transfer.status === 'held') this.watchStall(event.transfer.to);
    });
    this.network = network;
  }

  connectOut(peer: string, port: MessagePort): void {
    this.outPorts.get(peer)?.close();
    this.outPorts.set(peer, port);
  }

  connectIn(_peer: string, port: MessagePort): void {
    port.onmessage = (event: MessageEvent<TensorMessage>) => this.receive(event.data);
  }

  /** Loads run one after another (a keep must not overtake the model it keeps), and an older epoch never wins. */
  load(stage: StageDeployment, model: Uint8Array | null): Promise<void> {
    const next = this.loading.then(() => this.loadNow(stage, model));
    this.loading = next.catch(() => undefined);
    return next;
  }

  private async loadNow(stage: StageDeployment, model: Uint8Array | null): Promise<void> {
    if (this.stage && stage.epoch < this.stage.epoch) return;
    if (model) {
      const session = await createSession(model, `stage ${stage.stageIndex} on ${this.init.id}`);
      const old = this.session;
      this.session = session;
      // a run in progress holds its own reference; release the old session once it is idle
      if (old) void this.idle().then(() => old.release());
    } else if (!this.session || !this.stage || this.stage.firstBlock !== stage.firstBlock || this.stage.lastBlock !== stage.lastBlock) {
      throw new Error(`node ${this.init.id} was asked to keep blocks ${stage.firstBlock}..${stage.lastBlock}, which it does not hold`);
    }
    this.stage = stage;
    // tensors of an older plan are dropped: the dispatcher resends what matters
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].epoch !== stage.epoch) this.queue.splice(i, 1);
    void this.work();
  }

  /** Resolves when no inference is running. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.working ? this.clock.schedule(this.clock.nowMs() + 5, check) : resolve());
      check();
    });
  }

  status(): NodeStatusReply {
    const nowMs = this.clock.nowMs();
    return {
      busyMs: this.busyMs,
      queued: this.queue.length,
      hostBound: nowMs <= this.hostBoundUntilMs,
      slowestRunMs: this.slowestRunMs,
      stageEpoch: this.stage?.epoch ?? -1,
      links: this.network?.snapshot().links.filter((l) => l.from === this.init.id) ?? [],
    };
  }

  change(change: WorldChange): void {
    const network = this.network;
    if (!network) return;
    switch (change.kind) {
      case 'node': return network.setNodeUp(change.node as NodeId, change.isUp);
      case 'link': return network.setLink(change.from as NodeId, change.to as NodeId, change.change);
      case 'link-up': return network.setLinkUp(change.from as NodeId, change.to as NodeId, change.isUp);
      case 'drop': this.drops.set(change.to, (this.drops.get(change.to) ?? 0) + change.count); return;
      case 'speed': this.init = { ...this.init, gflops: change.gflops };
    }
  }

  hang(): void {
    // a device that stops answering: nothing on this thread runs again until the main thread terminates it
    for (;;) {
      /* spin */
    }
  }

  private receive(message: TensorMessage): void {
    if (!this.stage || message.epoch !== this.stage.epoch) return;
    this.queue.push(message);
    void this.work();
  }

  /** One request at a time, like the single accelerator of a small device. */
  private async work(): Promise<void> {
    if (this.working || !this.session || !this.stage) return;
    const message = this.queue.shift();
    if (!message) return;
    this.working = true;
    const stage = this.stage;
    const session = this.session;
    const startMs = this.clock.nowMs();
    let outputs: WireTensor[];
    try {
      const feeds: Record<string, TensorValue> = {};
      session.inputNames.forEach((name, i) => (feeds[name] = message.tensors[i] as TensorValue));
      const result = await session.run(feeds);
      // copy out of onnxruntime's memory into buffers we own and can transfer
      outputs = session.outputNames.map((name) => ({ dtype: result[name].dtype, dims: result[name].dims, data: result[name].data.slice() }));
    } catch (error) {
      this.report({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      this.working = false;
      void this.work();
      return;
    }
    const hostMs = this.clock.nowMs() - startMs;
    const emulatedMs = stage.flops / (this.init.gflops * 1e6);
    this.slowestRunMs = Math.max(this.slowestRunMs * 0.9, hostMs);
    // the host was slower than the device it emulates: the metric says so instead of hiding it
    if (hostMs > emulatedMs * 1.05 + 1) this.hostBoundUntilMs = this.clock.nowMs() + 2000;
    this.clock.schedule(startMs + Math.max(emulatedMs, hostMs), () => {
      this.busyMs += Math.max(emulatedMs, hostMs);
      this.working = false;
      this.send(stage.next, { type: 'tensor', epoch: message.epoch, requestId: message.requestId, tensors: outputs });
      void this.work();
    });
  }

  private send(to: string, message: TensorMessage): void {
    const dropping = this.drops.get(to) ?? 0;
    if (dropping > 0) {
      this.drops.set(to, dropping - 1);
      return;
    }
    this.network?.send(this.init.id as NodeId, to as NodeId, messageBytes(message.tensors), { to, message });
  }

  private watchStall(to: NodeId): void {
    if (this.stallChecks.has(to)) return;
    this.stallChecks.add(to);
    this.clock.schedule(this.clock.nowMs() + this.init.stallMs, () => {
      this.stallChecks.delete(to);
      const network = this.network;
      const from = this.init.id as NodeId;
      if (network && !network.link(from, to).isUp && network.linkStats(from, to).queueLength > 0) this.report({ kind: 'link-stalled', from, to });
    });
  }
}
