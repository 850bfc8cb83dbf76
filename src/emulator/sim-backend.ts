/**
 * Virtual-time cluster: SimNodes on one netsim Network and a VirtualClock. A discrete-event simulation of the
 * same protocol the workers speak, without inference, as fast as the CPU allows.
 */
import { VirtualClock } from '../netsim/clock';
import { Network } from '../netsim/network';
import type { LinkConfig, LinkStats, NodeId, NetworkOptions } from '../netsim/types';
import { DISPATCHER, type BackendEvent, type ClusterBackend, type StageDeployment } from './backend';
import type { RequestId } from './ledger';
import { toWorld, type Scenario } from './scenario';
import { SimNode } from './sim-node';

type SimMessage =
  | { type: 'deploy'; stage: StageDeployment }
  | { type: 'tensor'; epoch: number; requestId: RequestId };

export interface SimBackendOptions {
  scenario: Scenario;
  /** Bytes of one request's input (the profile's inputBytes). */
  inputBytes: number;
  clock?: VirtualClock;
  network?: NetworkOptions;
  /** A link that holds traffic this long while down is reported stalled (default 750 ms). */
  stallMs?: number;
}

export class SimBackend implements ClusterBackend {
  readonly clock: VirtualClock;
  readonly network: Network<SimMessage>;
  private readonly nodes = new Map<string, SimNode>();
  private readonly listeners: ((event: BackendEvent) => void)[] = [];
  private readonly drops = new Map<string, number>();
  private readonly stallChecks = new Set<string>();
  private readonly inputBytes: number;
  private readonly stallMs: number;

  constructor(options: SimBackendOptions) {
    this.clock = options.clock ?? new VirtualClock();
    this.inputBytes = options.inputBytes;
    this.stallMs = options.stallMs ?? 750;
    this.network = new Network<SimMessage>(toWorld(options.scenario), this.clock, options.network);
    for (const n of options.scenario.nodes) this.nodes.set(n.id, new SimNode(n.id, n.gflops));
    this.network.onDeliver(({ transfer, payload }) => this.delivered(transfer.to, payload));
    this.network.onFail(({ transfer }) => {
      // the sender hears that its receiver is gone; a dead sender hears nothing
      if (transfer.failure === 'receiver-down' && this.isAlive(transfer.from)) this.emit({ kind: 'send-failed', from: transfer.from, to: transfer.to, atMs: this.clock.nowMs() });
    });
    this.network.on((event) => {
      if (event.kind === 'link-down' && event.heldTransfers > 0) this.watchStall(event.from, event.to);
      if (event.kind === 'transfer-sent' && event.transfer.status === 'held') this.watchStall(event.transfer.from, event.transfer.to);
    });
  }

  listen(listener: (event: BackendEvent) => void): void {
    this.listeners.push(listener);
  }

  deploy(node: string, stage: StageDeployment): void {
    this.send(DISPATCHER, node, stage.deployBytes, { type: 'deploy', stage });
  }

  submit(node: string, epoch: number, requestId: RequestId): void {
    this.send(DISPATCHER, node, this.inputBytes, { type: 'tensor', epoch, requestId });
  }

  ping(node: string, seq: number): void {
    const sim = this.node(node);
    if (sim.state !== 'up') return;
    // the control plane: an answer 1 ms later, independent of the data links
    this.clock.schedule(this.clock.nowMs() + 1, () => {
      if (sim.state === 'up') this.emit({ kind: 'pong', node, seq, atMs: this.clock.nowMs(), status: sim.status() });
    });
  }

  kill(node: string): void {
    const sim = this.node(node);
    if (sim.state === 'down') return;
    sim.reset('down');
    this.network.setNodeUp(node as NodeId, false);
  }

  hang(node: string): void {
    const sim = this.node(node);
    if (sim.state === 'up') sim.state = 'hung';
  }

  revive(node: string): void {
    const sim = this.node(node);
    if (sim.state === 'up') return;
    const wasDown = sim.state === 'down';
    sim.reset('up');
    if (wasDown) this.network.setNodeUp(node as NodeId, true);
  }

  setNodeSpeed(node: string, gflops: number): void {
    // a stage already computing keeps its time; the next one runs at the new speed
    this.node(node).gflops = gflops;
  }

  setLink(from: string, to: string, change: Partial<Omit<LinkConfig, 'isUp'>>): void {
    this.network.setLink(from as NodeId, to as NodeId, change);
  }

  setLinkUp(from: string, to: string, isUp: boolean): void {
    this.network.setLinkUp(from as NodeId, to as NodeId, isUp);
  }

  dropMessages(from: string, to: string, count: number): void {
    const key = `${from}->${to}`;
    this.drops.set(key, (this.drops.get(key) ?? 0) + count);
  }

  linkStats(): LinkStats[] {
    return this.network.snapshot().links;
  }

  dispose(): void {
    this.network.dispose();
  }

  private send(from: string, to: string, bytes: number, message: SimMessage): void {
    const key = `${from}->${to}`;
    const dropping = this.drops.get(key) ?? 0;
    if (dropping > 0 && message.type === 'tensor') {
      this.drops.set(key, dropping - 1);
      return; // lost outright: the dispatcher's request timeout will notice
    }
    this.network.send(from as NodeId, to as NodeId, Math.round(bytes), message);
  }

  private delivered(to: string, message: SimMessage): void {
    if (to === DISPATCHER) {
      if (message.type === 'tensor') this.emit({ kind: 'result', epoch: message.epoch, requestId: message.requestId, atMs: this.clock.nowMs() });
      return;
    }
    const sim = this.node(to);
    if (sim.state === 'down') return;
    if (message.type === 'deploy') {
      if (sim.state !== 'up') return; // a hung node never confirms
      const { stage } = message;
      if (stage.deployBytes === 0 && (sim.stage?.firstBlock !== stage.firstBlock || sim.stage?.lastBlock !== stage.lastBlock)) {
        // like the real node: keeping a stage it does not hold is a dispatcher bug, reported, never run
        this.emit({ kind: 'deploy-failed', node: to, epoch: stage.epoch, message: `asked to keep blocks ${stage.firstBlock}..${stage.lastBlock}, which it does not hold`, atMs: this.clock.nowMs() });
        return;
      }
      sim.load(stage);
      this.emit({ kind: 'deployed', node: to, epoch: message.stage.epoch, atMs: this.clock.nowMs() });
      this.work(sim);
      return;
    }
    if (!sim.stage || message.epoch !== sim.stage.epoch) return; // a tensor of an older plan
    sim.queue.push({ epoch: message.epoch, requestId: message.requestId });
    this.work(sim);
  }

  /** Runs the next queued tensor through the node's stage: busy for FLOPs / gflops, then sends the output on. */
  private work(sim: SimNode): void {
    if (sim.busy || sim.state !== 'up' || !sim.stage || sim.queue.length === 0) return;
    const item = sim.queue.shift() as { epoch: number; requestId: RequestId };
    const stage = sim.stage;
    const incarnation = sim.incarnation;
    const ms = sim.computeMs(stage);
    sim.busy = true;
    this.clock.schedule(this.clock.nowMs() + ms, () => {
      if (sim.incarnation !== incarnation) return; // killed meanwhile: the work is lost
      sim.busy = false;
      sim.busyMs += ms;
      if (sim.state !== 'up') return;
      this.send(sim.id, stage.next, stage.outBytes, { type: 'tensor', epoch: item.epoch, requestId: item.requestId });
      this.work(sim);
    });
  }

  private watchStall(from: NodeId, to: NodeId): void {
    const key = `${from}->${to}`;
    if (this.stallChecks.has(key)) return;
    this.stallChecks.add(key);
    this.clock.schedule(this.clock.nowMs() + this.stallMs, () => {
      this.stallChecks.delete(key);
      const link = this.network.link(from, to);
      if (!link.isUp && this.network.linkStats(from, to).queueLength > 0 && this.isAlive(from)) {
        this.emit({ kind: 'link-stalled', from, to, atMs: this.clock.nowMs() });
      }
    });
  }

  private isAlive(id: string): boolean {
    return id === DISPATCHER || this.nodes.get(id)?.state === 'up';
  }

  private node(id: string): SimNode {
    const sim = this.nodes.get(id);
    if (!sim) throw new RangeError(`'${id}' is not a node of the scenario`);
    return sim;
  }

  private emit(event: BackendEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
