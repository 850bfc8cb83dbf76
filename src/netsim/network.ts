/**
 * The emulated network: world state plus the transfers in flight, driven by an injected Clock.
 * Timing comes from delivery.ts (pure); this class keeps the state, arms exactly one clock timer per delivery
 * (never chained sleeps), and reports every change to listeners so the UI can draw it.
 *
 * Fault semantics (what the dispatcher can rely on):
 * - Link down: the link freezes. Nothing on it progresses and new sends on it are held; when it comes back up
 *   everything resumes where it stopped (every pending time shifts by the outage), then held sends are
 *   scheduled in FIFO order. Nothing is lost, so a cut link shows up only as delay (and missed heartbeats).
 * - Node down: every undelivered transfer from or to the node fails at once (reason receiver-down or
 *   sender-down); a send from or to a node that is down fails the same way. The failure is reported
 *   (onFail, 'transfer-failed') failureDetectionMs after it happened, so the sender can resend elsewhere.
 *   A node that comes back up starts with idle links; nothing that failed is ever delivered later.
 * - Run-time changes of bandwidth, latency, jitter, loss or radio apply to messages sent afterwards;
 *   transfers already scheduled keep their times (delivery stays in order on every link).
 * - Simplifications: a shared radio keeps the airtime it had reserved for transfers that later fail or are
 *   frozen on a down link (the resumed tail does not queue on the radio again).
 */
import { createRng, forkRng } from '../util/rng';
import type { Clock } from './clock';
import { planTransmission } from './delivery';
import { cutWire, thawLink } from './link-faults';
import { createLinkState, linkStats, pruneRecent, type LinkState, type Pending } from './link-state';
import { NetworkListeners, subscribe, type Listener } from './network-listeners';
import type { Delivery, FailureReason, LinkConfig, LinkSpec, LinkStats, NetworkEvent, NetworkOptions, NetworkSnapshot, NodeId, NodeSpec, Transfer, World } from './types';
import { resolveNetworkOptions } from './network-options';
import { linkConfigOf, linkConfigProblem, linkKey, radioProblem, validateWorld } from './world';

interface NodeState {
  spec: NodeSpec;
  index: number;
  radioFreeAtMs: number;
}

export class Network<P = unknown> {
  readonly clock: Clock;
  private readonly options: ReturnType<typeof resolveNetworkOptions>;
  private readonly nodes = new Map<NodeId, NodeState>();
  /** Links listed by the world; the others come from options.linkFor. */
  private readonly listed = new Map<string, LinkSpec>();
  /** Link states, created the first time a pair is used. */
  private readonly links = new Map<string, LinkState<P>>();
  /** The same states by from -> to, for the per-message lookup (no key string built per message). */
  private readonly linksByPair = new Map<NodeId, Map<NodeId, LinkState<P>>>();
  /** Messages each link will lose outright (a world fault: never delivered, the sender is not told). */
  private readonly drops = new Map<string, number>();
  private readonly listeners = new NetworkListeners<P>();
  private readonly failureTimers = new Set<number>();
  private nextTransferId = 1;
  private isDisposed = false;

  /** Copies `world` (the caller's object is never changed). Throws SeiferError if it is invalid. */
  constructor(world: World, clock: Clock, options: NetworkOptions = {}) {
    this.options = resolveNetworkOptions(options);
    validateWorld(world, 'network', { partial: this.options.linkFor !== undefined });
    if (!clock || typeof clock.nowMs !== 'function' || typeof clock.schedule !== 'function') throw new TypeError(`'clock' must be a Clock (realClock, VirtualClock, ...)`);
    this.clock = clock;
    const nowMs = clock.nowMs();
    world.nodes.forEach((node, index) => this.nodes.set(node.id, { spec: { ...node }, index, radioFreeAtMs: nowMs }));
    for (const link of world.links) this.listed.set(linkKey(link.from, link.to), { ...link });
  }

  /** Subscribes to every state change; returns the unsubscribe function. */
  on(listener: Listener<NetworkEvent>): () => void {
    return subscribe(this.listeners.events, listener);
  }

  /** Called with the payload when a transfer arrives (before the 'transfer-delivered' event). */
  onDeliver(listener: Listener<Delivery<P>>): () => void {
    return subscribe(this.listeners.deliveries, listener);
  }

  /** Called with the payload when the sender hears that a transfer failed (before 'transfer-failed'). */
  onFail(listener: Listener<Delivery<P>>): () => void {
    return subscribe(this.listeners.failures, listener);
  }

  /** Sends `bytes` from `from` to `to`; the returned copy says when it will arrive (deliverAtMs null while held or failed). */
  send(from: NodeId, to: NodeId, bytes: number, payload: P): Transfer {
    if (this.isDisposed) throw new Error('Network.send() was called after dispose()');
    const link = this.linkState(from, to, 'from', 'to');
    if (!(Number.isInteger(bytes) && bytes >= 0)) throw new RangeError(`'bytes' must be an integer >= 0, got ${bytes}`);
    const nowMs = this.clock.nowMs();
    const transfer: Transfer = {
      id: this.nextTransferId++,
      from,
      to,
      bytes,
      sentAtMs: nowMs,
      startMs: null,
      endMs: null,
      deliverAtMs: null,
      retransmissionRounds: 0,
      retransmittedBytes: 0,
      status: 'held',
      failure: null,
      failedAtMs: null,
    };
    const entry: Pending<P> = { transfer, payload, timerId: null, wire: null, isLost: this.takeDrop(from, to) };
    link.bytesSent += bytes;
    link.messagesSent++;
    link.pending.set(transfer.id, entry);
    if (!this.isUp(from)) this.fail(link, entry, 'sender-down');
    else if (!this.isUp(to)) this.fail(link, entry, 'receiver-down');
    else if (link.downSinceMs === null) this.schedule(link, entry, nowMs);
    if (this.listeners.events.size > 0) this.emit({ kind: 'transfer-sent', atMs: nowMs, transfer: { ...transfer } });
    return { ...transfer };
  }

  /**
   * The next `count` messages sent on from -> to are lost outright, beyond what retransmission hides (a faulty
   * middlebox that acknowledges and discards): they take their time on the link and reach onDeliver with
   * isLost true, so the sender's transport believes them delivered while the receiver never gets them.
   */
  dropNext(from: NodeId, to: NodeId, count: number): void {
    this.linkState(from, to, 'from', 'to');
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`'count' must be an integer >= 0, got ${count}`);
    const key = linkKey(from, to);
    this.drops.set(key, (this.drops.get(key) ?? 0) + count);
  }

  private takeDrop(from: NodeId, to: NodeId): boolean {
    if (this.drops.size === 0) return false;
    const key = linkKey(from, to);
    const dropping = this.drops.get(key) ?? 0;
    if (dropping === 0) return false;
    if (dropping === 1) this.drops.delete(key);
    else this.drops.set(key, dropping - 1);
    return true;
  }

  /** Changes bandwidth, latency, jitter or loss of one link, for messages sent from now on. */
  setLink(from: NodeId, to: NodeId, change: Partial<Omit<LinkConfig, 'isUp'>>): void {
    const link = this.linkState(from, to, 'from', 'to');
    if (change === null || typeof change !== 'object') throw new TypeError(`'change' must be an object such as {bandwidthMbps: 10}`);
    if ('isUp' in change) throw new TypeError(`'change' must not set isUp: call setLinkUp(from, to, isUp)`);
    const problem = linkConfigProblem(change);
    if (problem) throw new RangeError(`'change': ${problem}`);
    const clean = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<Omit<LinkConfig, 'isUp'>>;
    Object.assign(link.spec, clean);
    this.emit({ kind: 'link-changed', atMs: this.clock.nowMs(), from, to, change: clean, link: linkConfigOf(link.spec) });
  }

  /** Takes a link down (it freezes and holds its traffic) or brings it back up (everything resumes, shifted). */
  setLinkUp(from: NodeId, to: NodeId, isUp: boolean): void {
    const link = this.linkState(from, to, 'from', 'to');
    if (typeof isUp !== 'boolean') throw new TypeError(`'isUp' must be true or false, got ${String(isUp)}`);
    if (link.spec.isUp === isUp) return;
    const nowMs = this.clock.nowMs();
    link.spec.isUp = isUp;
    if (!isUp) {
      link.downSinceMs = nowMs;
      for (const entry of link.pending.values()) this.hold(entry);
      this.emit({ kind: 'link-down', atMs: nowMs, from, to, heldTransfers: link.pending.size });
      return;
    }
    const held = thawLink(link, nowMs);
    const node = this.nodes.get(from)!;
    node.radioFreeAtMs = Math.max(node.radioFreeAtMs, link.freeAtMs);
    // FIFO: the transfers scheduled before the outage come first and keep their (shifted) times
    for (const entry of held) {
      if (entry.wire === null) this.schedule(link, entry, nowMs);
      else this.arm(link, entry);
    }
    this.emit({ kind: 'link-up', atMs: nowMs, from, to, resumedTransfers: held.length });
  }

  /** Kills (every undelivered transfer from or to it fails) or revives a node. */
  setNodeUp(id: NodeId, isUp: boolean): void {
    const node = this.nodeState(id, 'id');
    if (typeof isUp !== 'boolean') throw new TypeError(`'isUp' must be true or false, got ${String(isUp)}`);
    if (node.spec.isUp === isUp) return;
    const nowMs = this.clock.nowMs();
    node.spec.isUp = isUp;
    if (isUp) {
      this.emit({ kind: 'node-up', atMs: nowMs, node: id });
      return;
    }
    let failed = 0;
    for (const link of this.links.values()) {
      if (link.spec.from !== id && link.spec.to !== id) continue;
      for (const entry of [...link.pending.values()]) {
        this.fail(link, entry, link.spec.to === id ? 'receiver-down' : 'sender-down');
        failed++;
      }
      // the link is idle again: what was queued on it is gone (a frozen link's time stopped when it went down)
      const idleFromMs = link.downSinceMs ?? nowMs;
      link.freeAtMs = Math.min(link.freeAtMs, idleFromMs);
      link.lastDeliverAtMs = Math.min(link.lastDeliverAtMs, idleFromMs);
    }
    node.radioFreeAtMs = Math.min(node.radioFreeAtMs, nowMs);
    this.emit({ kind: 'node-down', atMs: nowMs, node: id, failedTransfers: failed });
  }

  /** Gives a node one shared radio (all its outgoing links share radioMbps, FIFO), or removes it with null. */
  setRadio(id: NodeId, radioMbps: number | null): void {
    const node = this.nodeState(id, 'id');
    const problem = radioProblem(radioMbps);
    if (problem) throw new RangeError(`'radioMbps': ${problem}`);
    node.spec.radioMbps = radioMbps;
    const nowMs = this.clock.nowMs();
    // the radio's queue starts behind everything already queued on the node's links
    node.radioFreeAtMs = nowMs;
    for (const link of this.links.values()) if (link.spec.from === id) node.radioFreeAtMs = Math.max(node.radioFreeAtMs, link.freeAtMs);
    this.emit({ kind: 'radio-changed', atMs: nowMs, node: id, radioMbps });
  }

  link(from: NodeId, to: NodeId): LinkSpec {
    return { ...this.linkState(from, to, 'from', 'to').spec };
  }

  node(id: NodeId): NodeSpec {
    return { ...this.nodeState(id, 'id').spec };
  }

  linkStats(from: NodeId, to: NodeId): LinkStats {
    return linkStats(this.linkState(from, to, 'from', 'to'), this.clock.nowMs(), this.options.statsWindowMs);
  }

  /**
   * Stops the network: cancels every pending timer (so a real clock lets the process exit), forgets the
   * transfers in flight without events, and drops the listeners. send() throws afterwards.
   */
  dispose(): void {
    this.isDisposed = true;
    for (const link of this.links.values()) {
      for (const entry of link.pending.values()) this.hold(entry);
      link.pending.clear();
    }
    for (const id of this.failureTimers) this.clock.cancel(id);
    this.failureTimers.clear();
    this.listeners.clear();
  }

  /** A plain-data copy of everything (for the UI, logs and tests). Links that never carried traffic are left out. */
  snapshot(): NetworkSnapshot {
    const links = [...this.links.values()];
    const nowMs = this.clock.nowMs();
    return {
      atMs: nowMs,
      world: { nodes: [...this.nodes.values()].map((n) => ({ ...n.spec })), links: links.map((l) => ({ ...l.spec })) },
      transfers: links.flatMap((l) => [...l.pending.values()].map((e) => ({ ...e.transfer }))),
      links: links.map((l) => linkStats(l, nowMs, this.options.statsWindowMs)),
    };
  }

  /** Plans one transfer from `nowMs` (the time of the send, read once so a slow caller cannot skew it). */
  private schedule(link: LinkState<P>, entry: Pending<P>, nowMs: number): void {
    const node = this.nodes.get(link.spec.from)!;
    const radioMbps = node.spec.radioMbps;
    const { bandwidthMbps, latencyMs, jitterMs, lossRate } = link.spec;
    const plan = planTransmission(
      {
        nowMs,
        bytes: entry.transfer.bytes,
        latencyMs,
        jitterMs,
        lossRate,
        lastDeliverAtMs: link.lastDeliverAtMs,
        rateMbps: radioMbps === null ? bandwidthMbps : Math.min(bandwidthMbps, radioMbps),
        freeAtMs: radioMbps === null ? link.freeAtMs : Math.max(link.freeAtMs, node.radioFreeAtMs),
        segmentBytes: this.options.segmentBytes,
        minRtoMs: this.options.minRtoMs,
      },
      link.rng,
    );
    link.freeAtMs = plan.endMs;
    if (radioMbps !== null) node.radioFreeAtMs = plan.endMs;
    link.lastDeliverAtMs = plan.deliverAtMs;
    link.retransmittedBytes += plan.retransmittedBytes;
    Object.assign(entry.transfer, plan);
    entry.wire = { startMs: plan.startMs, endMs: plan.endMs, bytes: entry.transfer.bytes + plan.retransmittedBytes };
    pruneRecent(link, nowMs, this.options.statsWindowMs);
    link.recent.push(entry.wire);
    this.arm(link, entry);
  }

  /** The one timer of a delivery. */
  private arm(link: LinkState<P>, entry: Pending<P>): void {
    entry.transfer.status = 'in-flight';
    entry.timerId = this.clock.schedule(entry.transfer.deliverAtMs!, () => this.deliver(link, entry));
  }

  private hold(entry: Pending<P>): void {
    if (entry.timerId !== null) this.clock.cancel(entry.timerId);
    entry.timerId = null;
    entry.transfer.status = 'held';
  }

  private deliver(link: LinkState<P>, entry: Pending<P>): void {
    entry.timerId = null;
    link.pending.delete(entry.transfer.id);
    entry.transfer.status = 'delivered';
    link.bytesDelivered += entry.transfer.bytes;
    link.messagesDelivered++;
    const transfer = { ...entry.transfer };
    for (const listener of this.listeners.deliveries) listener({ transfer, payload: entry.payload, isLost: entry.isLost });
    if (this.listeners.events.size > 0) this.emit({ kind: 'transfer-delivered', atMs: this.clock.nowMs(), transfer: { ...transfer } });
  }

  private fail(link: LinkState<P>, entry: Pending<P>, reason: FailureReason): void {
    this.hold(entry);
    const nowMs = this.clock.nowMs();
    link.pending.delete(entry.transfer.id);
    link.messagesFailed++;
    Object.assign(entry.transfer, { status: 'failed', failure: reason, failedAtMs: nowMs });
    if (entry.wire !== null) cutWire(link, entry.wire, link.downSinceMs ?? nowMs);
    const transfer = { ...entry.transfer };
    const timerId = this.clock.schedule(nowMs + this.options.failureDetectionMs, () => {
      this.failureTimers.delete(timerId);
      for (const listener of this.listeners.failures) listener({ transfer, payload: entry.payload, isLost: entry.isLost });
      this.emit({ kind: 'transfer-failed', atMs: this.clock.nowMs(), transfer: { ...transfer } });
    });
    this.failureTimers.add(timerId);
  }

  private emit(event: NetworkEvent): void {
    this.listeners.emit(event);
  }

  private isUp(id: NodeId): boolean {
    return this.nodes.get(id)!.spec.isUp;
  }

  private nodeState(id: NodeId, argument: string): NodeState {
    const node = this.nodes.get(id);
    if (node === undefined) throw new RangeError(`'${argument}': there is no node '${id}' (nodes: ${[...this.nodes.keys()].join(', ')})`);
    return node;
  }

  private linkState(from: NodeId, to: NodeId, fromArgument: string, toArgument: string): LinkState<P> {
    const existing = this.linksByPair.get(from)?.get(to);
    if (existing !== undefined) return existing;
    const key = linkKey(from, to);
    const a = this.nodeState(from, fromArgument);
    const b = this.nodeState(to, toArgument);
    if (from === to) throw new RangeError(`'${toArgument}' must differ from '${fromArgument}': there is no link from '${from}' to itself`);
    const spec = this.listed.get(key) ?? this.resolveLink(from, to);
    // each link's stream depends only on the seed and the pair's place in the (from, to) order of the nodes
    const n = this.nodes.size;
    const pairIndex = a.index * (n - 1) + (b.index < a.index ? b.index : b.index - 1);
    const state = createLinkState<P>(spec, forkRng(createRng(this.options.seed), pairIndex), this.clock.nowMs());
    this.links.set(key, state);
    let row = this.linksByPair.get(from);
    if (row === undefined) this.linksByPair.set(from, (row = new Map()));
    row.set(to, state);
    return state;
  }

  private resolveLink(from: NodeId, to: NodeId): LinkSpec {
    const config = this.options.linkFor!(from, to);
    const problem = config ? linkConfigProblem(config) : 'options.linkFor returned nothing';
    if (problem) throw new RangeError(`link ${from}->${to}: ${problem}`);
    return { ...linkConfigOf(config), from, to };
  }
}
