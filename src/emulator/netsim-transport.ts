/**
 * The data path of the emulation: node-protocol messages carried over netsim links, and what a sender can
 * observe of its own sends (nothing more): a message arrived (with its time on the wire), a send was refused
 * because the receiver is gone, or sends stopped arriving for longer than the link could explain (a stall).
 * The virtual backend runs one of these for the whole cluster; each worker runs one for its own outgoing links,
 * and the main thread one for the dispatcher's. See docs/design.md, "Faults belong to the world".
 */
import type { Clock, TimerId } from '../netsim/clock';
import type { Network } from '../netsim/network';
import type { NodeId } from '../netsim/types';
import { nodeId } from '../netsim/world';
import type { NodeMessage } from './node-protocol';

export interface Envelope<P> {
  message: NodeMessage;
  payload?: P;
}

/** What a sender learns about its own sends, at `atMs` on the network's clock (shaped as the node's and the dispatcher's inputs, so it is passed on as it is). */
export type SendObservation =
  | { kind: 'delivered'; atMs: number; to: string; type: NodeMessage['type']; bytes: number; wireMs: number }
  | { kind: 'send-failed'; atMs: number; to: string }
  | { kind: 'stalled'; atMs: number; to: string };

export interface NetsimTransportOptions {
  /** A link is stalled when its oldest undelivered message is this much later than it should be (default 750 ms). */
  stallMs?: number;
  /** How long `bytes` should take from -> to on the link as configured (the sender's expectation). */
  expectedMs: (from: string, to: string, bytes: number) => number;
}

/** Messages sent and not yet arrived on one link, oldest first, with the time each becomes overdue. */
interface LinkWatch {
  from: string;
  to: string;
  overdueAtMs: Map<number, number>;
  /** When the messages sent so far should all have arrived (FIFO: a message waits for those ahead of it). */
  expectedFreeAtMs: number;
  timer: TimerId | null;
  reported: boolean;
}

/** How many times its expected time a message may take before its link counts as stalled (queueing, jitter). */
const STALL_FACTOR = 4;

export class NetsimTransport<P> {
  private readonly clock: Clock;
  private readonly stallMs: number;
  /** from -> to -> its watch (two lookups of the ids as they are: no key string built per message). */
  private readonly watches = new Map<string, Map<string, LinkWatch>>();
  private arrive: (from: string, to: string, envelope: Envelope<P>) => void = () => undefined;
  private observe: (sender: string, observation: SendObservation) => void = () => undefined;

  constructor(
    private readonly network: Network<Envelope<P>>,
    private readonly options: NetsimTransportOptions,
  ) {
    this.clock = network.clock;
    this.stallMs = options.stallMs ?? 750;
    network.onDeliver(({ transfer, payload, isLost }) => {
      this.settled(transfer.from, transfer.to, transfer.id);
      const atMs = this.clock.nowMs();
      const wireMs = (transfer.deliverAtMs ?? atMs) - (transfer.startMs ?? transfer.sentAtMs);
      this.observe(transfer.from, { kind: 'delivered', atMs, to: transfer.to, type: payload.message.type, bytes: transfer.bytes, wireMs });
      if (!isLost) this.arrive(transfer.from, transfer.to, payload);
    });
    network.onFail(({ transfer }) => {
      this.settled(transfer.from, transfer.to, transfer.id);
      // the sender hears that its receiver refused the message; a dead sender hears nothing
      if (transfer.failure === 'receiver-down') this.observe(transfer.from, { kind: 'send-failed', atMs: this.clock.nowMs(), to: transfer.to });
    });
  }

  /** Where arriving messages go. */
  onArrive(fn: (from: string, to: string, envelope: Envelope<P>) => void): void {
    this.arrive = fn;
  }

  /** Where senders' observations go. */
  onObserve(fn: (sender: string, observation: SendObservation) => void): void {
    this.observe = fn;
  }

  send(from: string, to: string, bytes: number, envelope: Envelope<P>): void {
    const transfer = this.network.send(nodeId(from), nodeId(to), Math.round(bytes), envelope);
    if (transfer.status === 'failed') return;
    const watch = this.watch(from, to);
    const expectedMs = this.options.expectedMs(from, to, bytes);
    const startMs = watch.overdueAtMs.size === 0 ? transfer.sentAtMs : Math.max(transfer.sentAtMs, watch.expectedFreeAtMs);
    watch.expectedFreeAtMs = startMs + expectedMs;
    watch.overdueAtMs.set(transfer.id, startMs + this.stallMs + STALL_FACTOR * expectedMs);
    if (watch.timer === null) this.arm(watch);
  }

  /** Forgets every watch (the network is being disposed). */
  dispose(): void {
    for (const row of this.watches.values()) for (const watch of row.values()) if (watch.timer !== null) this.clock.cancel(watch.timer);
    this.watches.clear();
  }

  private watch(from: string, to: string): LinkWatch {
    let row = this.watches.get(from);
    if (!row) this.watches.set(from, (row = new Map()));
    let watch = row.get(to);
    if (!watch) {
      watch = { from, to, overdueAtMs: new Map(), expectedFreeAtMs: 0, timer: null, reported: false };
      row.set(to, watch);
    }
    return watch;
  }

  private settled(from: NodeId, to: NodeId, id: number): void {
    const watch = this.watches.get(from)?.get(to);
    if (!watch || !watch.overdueAtMs.delete(id)) return;
    watch.reported = false;
  }

  /** One timer per link with messages in flight, at the deadline of its oldest one. */
  private arm(watch: LinkWatch): void {
    const first = watch.overdueAtMs.values().next();
    if (first.done) return;
    watch.timer = this.clock.schedule(first.value, () => {
      watch.timer = null;
      const oldest = watch.overdueAtMs.values().next();
      if (oldest.done) return;
      if (oldest.value <= this.clock.nowMs()) {
        if (!watch.reported) this.observe(watch.from, { kind: 'stalled', atMs: this.clock.nowMs(), to: watch.to });
        watch.reported = true;
        // watch on: the link may come back (a delivery clears it) or stall again later
        watch.timer = this.clock.schedule(this.clock.nowMs() + this.stallMs, () => {
          watch.timer = null;
          this.arm(watch);
        });
        return;
      }
      this.arm(watch);
    });
  }
}
