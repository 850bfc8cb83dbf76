/**
 * Data messages between one endpoint (the host or a member) and its peers (docs/design.md, "Real devices"): each
 * message is an envelope, cut into chunks and queued per peer; chunks leave while the channel holds less than 4 MiB
 * and wait for it to drain below 1 MiB (back-pressure on bufferedAmount). A peer's chunks take its direct channel
 * when one is open, else the server relay (binary frames). The receiver acknowledges each message, which tells the
 * sender when it arrived (a 'delivered' observation with its wire time). A peer the server says is gone fails at once.
 * Optionally a link is emulated on top of the real one (docs/design.md, "Real devices"): capped in rate, delayed,
 * cut (its messages held) or made to lose messages, as the host's fault controls ask.
 */
import type { Clock } from '../netsim/clock';
import type { PeerId } from '../session/messages';
import { chunk, CHUNK_HEADER_BYTES, decodeEnvelope, encodeEnvelope, Reassembler, type Envelope, type Part } from './wire';

/** Back-pressure thresholds on a channel's bufferedAmount. */
export const PAUSE_ABOVE_BYTES = 4 * 2 ** 20;
export const RESUME_BELOW_BYTES = 2 ** 20;
/** Chunk sizes: a relay frame's payload is capped by the server (1 MiB); data channels carry 64 KiB messages best. */
export const RELAY_CHUNK_BYTES = 256 * 1024;
export const DIRECT_CHUNK_BYTES = 64 * 1024;
/** How often a relay sender looks at the socket's queue while it waits for it to drain (WebSocket has no event). */
const DRAIN_POLL_MS = 5;

/** A way to a peer: the relay (frames on the session socket) or an open data channel. */
export interface ChunkChannel {
  readonly path: 'direct' | 'relay';
  readonly chunkBytes: number;
  /** False when the channel is closed. */
  send(chunk: Uint8Array): boolean;
  bufferedAmount(): number;
  /** Calls `resume` once the channel's queue is below RESUME_BELOW_BYTES. */
  whenDrained(resume: () => void): void;
}

export interface DataPlaneEvents {
  envelope(from: PeerId, envelope: Envelope, path: 'direct' | 'relay'): void;
  /** A message of ours reached `to` (its acknowledgement came back) wireMs after it started to leave. */
  delivered(to: PeerId, header: Record<string, unknown>, bytes: number, wireMs: number): void;
  /** A send to `to` failed: the server says no such peer, or the channel closed. */
  failed(to: PeerId): void;
  /** A peer sent bytes that do not decode (the reason is for a log; the message is dropped). */
  garbled(from: PeerId, reason: string): void;
}

interface Outgoing {
  id: number;
  chunks: Uint8Array[];
  next: number;
  header: Record<string, unknown>;
  bytes: number;
  startedAtMs: number;
  ack: boolean;
  /** The channel its chunks were cut for. */
  path: 'direct' | 'relay';
  /** When an emulated link lets it leave (-1: no emulation). */
  sendAtMs: number;
}

/** An emulated link on top of the real one: a rate cap, an added delay, cut, and messages to lose. */
export interface LinkEmulation {
  bandwidthMbps: number | null;
  latencyMs: number;
  isUp: boolean;
  drop: number;
}

interface PeerState {
  direct: ChunkChannel | null;
  queue: Outgoing[];
  waiting: boolean;
  /** Messages sent and not yet acknowledged, by id. */
  unacked: Map<number, Outgoing>;
  inbound: Map<'direct' | 'relay', Reassembler>;
  /** Bytes of data messages handed to a channel, and the moving average of bytes / wire time (bytes per ms). */
  sentBytes: number;
  transferBytesPerMs: number | null;
  emulation: LinkEmulation | null;
  /** The emulated link is busy sending until then. */
  freeAtMs: number;
  timer: number;
}

/** What one peer's link carried (see HopTraffic). */
export interface PeerTraffic {
  to: PeerId;
  bytes: number;
  transferBytesPerSec: number | null;
  path: 'direct' | 'relay';
}

/** Weight of the newest message in the moving average of transfer rates. */
const SMOOTHING = 0.3;

/** Unacknowledged messages a peer may have before the oldest are forgotten (an ack can be lost with its peer). */
const MAX_UNACKED = 4096;

export class DataPlane {
  private readonly peers = new Map<PeerId, PeerState>();
  private nextId = 1;

  constructor(
    private readonly relay: (to: PeerId) => ChunkChannel,
    private readonly clock: Clock,
    private readonly events: DataPlaneEvents,
  ) {}

  /** Queues one data message for `to`; `ack`: ask the receiver to acknowledge it (for a 'delivered' observation). */
  send(to: PeerId, header: Record<string, unknown>, parts: Part[] = [], ack = true): void {
    const peer = this.peer(to);
    const id = this.nextId++;
    const bytes = encodeEnvelope({ header: ack ? { ...header, ackId: id } : header, parts });
    const channel = this.channel(to, peer);
    const emulation = peer.emulation;
    let sendAtMs = -1;
    if (emulation) {
      if (emulation.drop > 0 && ack) {
        // lost outright: the sender believes it sent it, and no acknowledgement will come
        emulation.drop--;
        return;
      }
      const nowMs = this.clock.nowMs();
      const serialMs = emulation.bandwidthMbps ? (bytes.byteLength * 8) / (emulation.bandwidthMbps * 1000) : 0;
      peer.freeAtMs = Math.max(nowMs, peer.freeAtMs) + serialMs;
      sendAtMs = peer.freeAtMs + emulation.latencyMs;
    }
    const out: Outgoing = { id, chunks: chunk(id, bytes, channel.chunkBytes), next: 0, header, bytes: bytes.byteLength, startedAtMs: -1, ack, path: channel.path, sendAtMs };
    // an acknowledgement goes ahead of data not yet started: its sender is timing the message it acknowledges
    if (typeof header.ack === 'number') peer.queue.splice(peer.queue.length > 0 && peer.queue[0].next > 0 ? 1 : 0, 0, out);
    else peer.queue.push(out);
    this.pump(to, peer);
  }

  /** A frame from the relay. */
  relayed(from: PeerId, payload: Uint8Array): void {
    this.receive(from, payload, 'relay');
  }

  /** A message from `from`'s data channel. */
  direct(from: PeerId, payload: Uint8Array): void {
    this.receive(from, payload, 'direct');
  }

  /** Emulates the link to `peer` on top of the real one from now on (null: the real link as it is). */
  emulate(peer: PeerId, change: Partial<LinkEmulation> | null): void {
    const state = this.peer(peer);
    state.emulation = change === null ? null : { ...(state.emulation ?? { bandwidthMbps: null, latencyMs: 0, isUp: true, drop: 0 }), ...change };
    this.pump(peer, state);
  }

  /** Opens (channel) or closes (null) the direct channel to `peer`; its queued messages keep their chunks. */
  setDirect(peer: PeerId, channel: ChunkChannel | null): void {
    this.peer(peer).direct = channel;
  }

  path(peer: PeerId): 'direct' | 'relay' {
    return this.peers.get(peer)?.direct ? 'direct' : 'relay';
  }

  /** Per peer that was sent data: bytes so far, transfer rate, path. */
  traffic(): PeerTraffic[] {
    return [...this.peers.entries()]
      .filter(([, p]) => p.sentBytes > 0)
      .map(([to, p]) => ({ to, bytes: p.sentBytes, transferBytesPerSec: p.transferBytesPerMs === null ? null : p.transferBytesPerMs * 1000, path: p.direct ? 'direct' : 'relay' }));
  }

  /** Bytes queued toward `peer` and not yet handed to a channel. */
  queuedBytes(peer: PeerId): number {
    const state = this.peers.get(peer);
    return state ? state.queue.reduce((s, o) => s + o.bytes, 0) : 0;
  }

  /** The server (or the channel) says `peer` cannot be reached: forget its queue and report once. */
  unreachable(peer: PeerId): void {
    const state = this.peers.get(peer);
    if (state) {
      state.queue.length = 0;
      state.unacked.clear();
    }
    this.events.failed(peer);
  }

  /** Forgets a peer that left. */
  forget(peer: PeerId): void {
    this.peers.delete(peer);
  }

  private peer(id: PeerId): PeerState {
    let state = this.peers.get(id);
    if (!state) {
      state = { direct: null, queue: [], waiting: false, unacked: new Map(), inbound: new Map(), sentBytes: 0, transferBytesPerMs: null, emulation: null, freeAtMs: 0, timer: -1 };
      this.peers.set(id, state);
    }
    return state;
  }

  private channel(to: PeerId, peer: PeerState): ChunkChannel {
    return peer.direct ?? this.relay(to);
  }

  private pump(to: PeerId, peer: PeerState): void {
    if (peer.waiting) return;
    while (peer.queue.length > 0) {
      const out = peer.queue[0];
      if (out.next === 0 && peer.emulation && !peer.emulation.isUp) return; // a cut link holds its traffic
      if (out.next === 0 && out.sendAtMs > this.clock.nowMs()) {
        this.clock.cancel(peer.timer);
        peer.timer = this.clock.schedule(out.sendAtMs, () => this.pump(to, peer));
        return;
      }
      // a message keeps the channel it started on; one that has not started takes the best channel now
      let channel = this.channel(to, peer);
      if (out.path !== channel.path) {
        if (out.next === 0) this.recut(out, channel);
        else channel = this.relay(to); // a direct channel opened mid-message: the message ends on the relay
      }
      if (channel.bufferedAmount() > PAUSE_ABOVE_BYTES) {
        peer.waiting = true;
        channel.whenDrained(() => {
          peer.waiting = false;
          this.pump(to, peer);
        });
        return;
      }
      if (out.startedAtMs < 0) {
        out.startedAtMs = this.clock.nowMs();
        // known before its last chunk leaves: on a fast channel the acknowledgement can come back within send()
        if (out.ack) {
          peer.unacked.set(out.id, out);
          if (peer.unacked.size > MAX_UNACKED) peer.unacked.delete(peer.unacked.keys().next().value as number);
        }
      }
      if (!channel.send(out.chunks[out.next])) {
        if (channel.path === 'direct') {
          // the data channel closed under us: the relay takes over from the start of this message
          peer.direct = null;
          this.recut(out, this.relay(to));
          continue;
        }
        return this.unreachable(to);
      }
      out.next++;
      if (out.next < out.chunks.length) continue;
      peer.queue.shift();
      peer.sentBytes += out.bytes;
    }
  }

  private recut(out: Outgoing, channel: ChunkChannel): void {
    out.chunks = chunk(out.id, joinChunks(out), channel.chunkBytes);
    out.next = 0;
    out.path = channel.path;
  }

  private receive(from: PeerId, payload: Uint8Array, path: 'direct' | 'relay'): void {
    const peer = this.peer(from);
    let reassembler = peer.inbound.get(path);
    if (!reassembler) {
      reassembler = new Reassembler(path === 'direct' ? DIRECT_CHUNK_BYTES : RELAY_CHUNK_BYTES);
      peer.inbound.set(path, reassembler);
    }
    const whole = reassembler.add(payload);
    if (whole === null) return;
    if (!whole.ok) return this.events.garbled(from, whole.reason);
    const envelope = decodeEnvelope(whole.value);
    if (!envelope.ok) return this.events.garbled(from, envelope.reason);
    const { header } = envelope.value;
    if (typeof header.ack === 'number') {
      const out = peer.unacked.get(header.ack);
      if (!out) return;
      peer.unacked.delete(header.ack);
      const wireMs = this.clock.nowMs() - out.startedAtMs;
      const rate = out.bytes / Math.max(wireMs, 0.01);
      peer.transferBytesPerMs = peer.transferBytesPerMs === null ? rate : peer.transferBytesPerMs + SMOOTHING * (rate - peer.transferBytesPerMs);
      this.events.delivered(from, out.header, out.bytes, wireMs);
      return;
    }
    if (typeof header.ackId === 'number') {
      this.send(from, { ack: header.ackId }, [], false);
      delete header.ackId;
    }
    this.events.envelope(from, envelope.value, path);
  }
}

function joinChunks(out: Outgoing): Uint8Array {
  const data = out.chunks.map((c) => c.subarray(CHUNK_HEADER_BYTES));
  const whole = new Uint8Array(data.reduce((s, d) => s + d.byteLength, 0));
  let at = 0;
  for (const d of data) {
    whole.set(d, at);
    at += d.byteLength;
  }
  return whole;
}

/** The relay as a channel: frames on the session socket; drain is polled (WebSocket has no bufferedamountlow). */
export function relayChannel(sendFrame: (payload: Uint8Array) => boolean, bufferedAmount: () => number, clock: Clock): ChunkChannel {
  return {
    path: 'relay',
    chunkBytes: RELAY_CHUNK_BYTES,
    send: sendFrame,
    bufferedAmount,
    whenDrained(resume) {
      const check = () => (bufferedAmount() < RESUME_BELOW_BYTES ? resume() : clock.schedule(clock.nowMs() + DRAIN_POLL_MS, check));
      clock.schedule(clock.nowMs() + DRAIN_POLL_MS, check);
    },
  };
}
