/**
 * Virtual-time cluster: each device is a NodeMachine whose compute takes FLOPs / GFLOPS of virtual time (no
 * inference), on one netsim Network and a VirtualClock. A discrete-event simulation of the same protocol the
 * workers and real devices speak, as fast as the CPU allows. Its WorldControl half is where faults land.
 */
import { VirtualClock } from '../netsim/clock';
import { Network } from '../netsim/network';
import type { LinkStats, NetworkOptions } from '../netsim/types';
import { nodeId } from '../netsim/world';
import type { ClusterBackend, LinkChange, TransportEvent } from './backend';
import { NetsimTransport, type Envelope, type SendObservation } from './netsim-transport';
import { NodeMachine, type NodeAction, type NodeInput } from './node-machine';
import { dataBytes, DISPATCHER, isDataMessage, type DispatcherMessage, type NodeMessage, type NodeReport, type ToNodeMessage } from './node-protocol';
import { endpointIndex, lazyWorld, linkBetween, type Scenario } from './scenario';

export interface SimBackendOptions {
  scenario: Scenario;
  clock?: VirtualClock;
  network?: Omit<NetworkOptions, 'linkFor'>;
  /** See NetsimTransportOptions.stallMs. */
  stallMs?: number;
  /** One way on the control path (heartbeats, reports), ms (default 1). */
  controlMs?: number;
}

type HostState = 'up' | 'hung' | 'down';

/** One simulated device: its machine, its state in the world and its speed. */
interface SimHost {
  machine: NodeMachine<never>;
  state: HostState;
  gflops: number;
}

export class SimBackend implements ClusterBackend {
  readonly clock: VirtualClock;
  private readonly network: Network<Envelope<never>>;
  private readonly transport: NetsimTransport<never>;
  private readonly hosts = new Map<string, SimHost>();
  private readonly listeners: ((event: TransportEvent) => void)[] = [];
  private readonly controlMs: number;

  constructor(options: SimBackendOptions) {
    this.clock = options.clock ?? new VirtualClock();
    this.controlMs = options.controlMs ?? 1;
    const { world, linkFor } = lazyWorld(options.scenario);
    this.network = new Network<Envelope<never>>(world, this.clock, { ...options.network, linkFor });
    const index = endpointIndex(options.scenario);
    this.transport = new NetsimTransport(this.network, {
      stallMs: options.stallMs,
      expectedMs: (from, to, bytes) => {
        const link = linkBetween(options.scenario, index, from, to);
        return (bytes * 8) / (link.bandwidthMbps * 1000) + link.latencyMs + link.jitterMs;
      },
    });
    this.transport.onArrive((from, to, envelope) => this.arrive(from, to, envelope.message));
    this.transport.onObserve((sender, observation) => this.observed(sender, observation));
    for (const n of options.scenario.nodes) this.hosts.set(n.id, { machine: new NodeMachine(n.id), state: 'up', gflops: n.gflops });
  }

  // ---- DispatcherTransport ----

  listen(listener: (event: TransportEvent) => void): void {
    this.listeners.push(listener);
  }

  send(to: string, message: DispatcherMessage): void {
    this.host(to);
    this.deliver(DISPATCHER, to, message);
  }

  // ---- WorldControl ----

  kill(node: string): void {
    const host = this.host(node);
    if (host.state === 'down') return;
    host.state = 'down';
    host.machine = new NodeMachine(node); // what it held is gone with it
    this.network.setNodeUp(nodeId(node), false);
  }

  hang(node: string): void {
    const host = this.host(node);
    if (host.state === 'up') host.state = 'hung';
  }

  revive(node: string): void {
    const host = this.host(node);
    if (host.state === 'up') return;
    const wasDown = host.state === 'down';
    host.state = 'up';
    host.machine = new NodeMachine(node);
    if (wasDown) this.network.setNodeUp(nodeId(node), true);
  }

  setNodeSpeed(node: string, gflops: number): void {
    if (!(gflops > 0 && Number.isFinite(gflops))) throw new RangeError(`'gflops' must be a finite number > 0, got ${gflops}`);
    // a stage already computing keeps its time; the next one runs at the new speed
    this.host(node).gflops = gflops;
  }

  setLink(from: string, to: string, change: LinkChange): void {
    this.network.setLink(nodeId(from), nodeId(to), change);
  }

  setLinkUp(from: string, to: string, isUp: boolean): void {
    this.network.setLinkUp(nodeId(from), nodeId(to), isUp);
  }

  dropMessages(from: string, to: string, count: number): void {
    this.network.dropNext(nodeId(from), nodeId(to), count);
  }

  linkStats(): LinkStats[] {
    return this.network.snapshot().links;
  }

  dispose(): void {
    this.transport.dispose();
    this.network.dispose();
  }

  // ---- internals ----

  /** A message leaves `from`: data over the emulated links, control over the control path. */
  private deliver(from: string, to: string, message: NodeMessage): void {
    if (isDataMessage(message)) {
      this.transport.send(from, to, dataBytes(message), { message });
      return;
    }
    const atMs = this.clock.nowMs() + this.controlMs;
    this.clock.schedule(atMs, () => this.arrive(from, to, message));
  }

  private arrive(from: string, to: string, message: NodeMessage): void {
    if (to === DISPATCHER) {
      this.emit({ kind: 'message', atMs: this.clock.nowMs(), from, message: message as NodeReport });
      return;
    }
    this.feed(to, { kind: 'message', atMs: this.clock.nowMs(), from, message: message as ToNodeMessage });
  }

  private observed(sender: string, observation: SendObservation): void {
    if (sender === DISPATCHER) this.emit(observation);
    else this.feed(sender, observation);
  }

  /** An input reaches a device: only a live one handles it (a hung one never does, a dead one is not there). */
  private feed(node: string, input: NodeInput<never>): void {
    const host = this.hosts.get(node);
    if (!host || host.state !== 'up') return;
    const machine = host.machine;
    for (const action of machine.handle(input)) this.act(node, host, machine, action);
  }

  private act(node: string, host: SimHost, machine: NodeMachine<never>, action: NodeAction<never>): void {
    switch (action.kind) {
      case 'send':
        this.deliver(node, action.to, action.message);
        return;
      case 'load':
        // the model's bytes already took their time on the link; loading them takes none of its own here
        this.clock.schedule(this.clock.nowMs(), () => this.feedIf(node, machine, { kind: 'loaded', atMs: this.clock.nowMs(), epoch: action.stage.epoch }));
        return;
      case 'compute': {
        const deviceMs = action.flops / (host.gflops * 1e6);
        this.clock.schedule(this.clock.nowMs() + deviceMs, () => this.feedIf(node, machine, { kind: 'computed', atMs: this.clock.nowMs(), token: action.token, deviceMs, hostMs: 0 }));
        return;
      }
    }
  }

  /** Feeds the input only if the device still runs the same machine (a kill or revive meanwhile loses the work). */
  private feedIf(node: string, machine: NodeMachine<never>, input: NodeInput<never>): void {
    if (this.hosts.get(node)?.machine === machine) this.feed(node, input);
  }

  private host(id: string): SimHost {
    const host = this.hosts.get(id);
    if (!host) throw new RangeError(`'${id}' is not a node of the scenario`);
    return host;
  }

  private emit(event: TransportEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
