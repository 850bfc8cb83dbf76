/**
 * Direct member-to-member channels (docs/design.md, "Real devices"): one WebRTC data channel per pair of members,
 * signalled through the server (offer, answer and ICE candidates relayed to one named member), host candidates only.
 * Of two members, the one with the lower number offers. A channel that is not open within DIRECT_TIMEOUT_MS is
 * given up and the pair stays on the relay; a channel that closes hands its traffic back to the relay.
 */
import type { Clock } from '../netsim/clock';
import type { PeerId, SignalData } from '../session/messages';
import { DIRECT_CHUNK_BYTES, RESUME_BELOW_BYTES, type ChunkChannel, type DataPlane } from './data-plane';

/** A direct channel must open within this time, or the pair uses the relay. */
export const DIRECT_TIMEOUT_MS = 5000;

export type PeerConnectionFactory = () => RTCPeerConnection;

/** The environment's RTCPeerConnection (browsers), or null (Node without a WebRTC package: relay only). */
export function defaultPeerConnectionFactory(): PeerConnectionFactory | null {
  const Ctor = (globalThis as { RTCPeerConnection?: typeof RTCPeerConnection }).RTCPeerConnection;
  return Ctor ? () => new Ctor({ iceServers: [] }) : null;
}

interface Pair {
  pc: RTCPeerConnection;
  channel: RTCDataChannel | null;
  open: boolean;
  pending: RTCIceCandidateInit[];
  timer: number;
}

export class DirectLinks {
  private readonly pairs = new Map<PeerId, Pair>();

  constructor(
    private readonly self: PeerId,
    private readonly plane: DataPlane,
    private readonly signal: (to: PeerId, data: SignalData) => void,
    private readonly factory: PeerConnectionFactory | null,
    private readonly clock: Clock,
    private readonly changed: () => void,
  ) {}

  /** Starts a channel to `peer` if this side offers (lower member number) and none is open or opening. */
  connect(peer: PeerId): void {
    if (!this.factory || this.pairs.has(peer) || memberNumber(this.self) >= memberNumber(peer)) return;
    const pair = this.pair(peer);
    const channel = pair.pc.createDataChannel('seifer', { ordered: true });
    this.wire(peer, pair, channel);
    void (async () => {
      try {
        const offer = await pair.pc.createOffer();
        await pair.pc.setLocalDescription(offer);
        this.signal(peer, { description: { type: 'offer', sdp: offer.sdp ?? '' } });
      } catch {
        this.drop(peer);
      }
    })();
  }

  /** A signalling message from `from` (relayed by the server, which stamped `from`). */
  async handle(from: PeerId, data: SignalData): Promise<void> {
    if (!this.factory) return;
    try {
      if ('description' in data) {
        const { type, sdp } = data.description;
        if (type === 'offer') {
          this.drop(from);
          const pair = this.pair(from);
          pair.pc.ondatachannel = (event) => this.wire(from, pair, event.channel);
          await pair.pc.setRemoteDescription({ type, sdp });
          const answer = await pair.pc.createAnswer();
          await pair.pc.setLocalDescription(answer);
          this.signal(from, { description: { type: 'answer', sdp: answer.sdp ?? '' } });
          await this.flush(pair);
        } else if (type === 'answer') {
          const pair = this.pairs.get(from);
          if (!pair) return;
          await pair.pc.setRemoteDescription({ type, sdp });
          await this.flush(pair);
        }
        return;
      }
      const pair = this.pairs.get(from);
      if (!pair || data.candidate === null) return;
      if (pair.pc.remoteDescription) await pair.pc.addIceCandidate(data.candidate);
      else pair.pending.push(data.candidate);
    } catch {
      this.drop(from);
    }
  }

  /** Closes the channel to `peer` (it left, or its channel failed). */
  drop(peer: PeerId): void {
    const pair = this.pairs.get(peer);
    if (!pair) return;
    this.pairs.delete(peer);
    this.clock.cancel(pair.timer);
    this.plane.setDirect(peer, null);
    try {
      pair.channel?.close();
      pair.pc.close();
    } catch {
      // already closed
    }
    if (pair.open) this.changed();
  }

  closeAll(): void {
    for (const peer of [...this.pairs.keys()]) this.drop(peer);
  }

  private pair(peer: PeerId): Pair {
    const pc = this.factory!();
    const pair: Pair = { pc, channel: null, open: false, pending: [], timer: -1 };
    pair.timer = this.clock.schedule(this.clock.nowMs() + DIRECT_TIMEOUT_MS, () => {
      if (!pair.open) this.drop(peer);
    });
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      this.signal(peer, { candidate: c ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment } : null });
    };
    this.pairs.set(peer, pair);
    return pair;
  }

  private async flush(pair: Pair): Promise<void> {
    for (const candidate of pair.pending.splice(0)) await pair.pc.addIceCandidate(candidate);
  }

  private wire(peer: PeerId, pair: Pair, channel: RTCDataChannel): void {
    pair.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = RESUME_BELOW_BYTES;
    channel.onopen = () => {
      if (this.pairs.get(peer) !== pair) return;
      pair.open = true;
      this.plane.setDirect(peer, dataChannel(channel));
      this.changed();
    };
    channel.onmessage = (event: MessageEvent) => {
      if (event.data instanceof ArrayBuffer) this.plane.direct(peer, new Uint8Array(event.data));
    };
    channel.onclose = () => {
      if (this.pairs.get(peer) === pair) this.drop(peer);
    };
  }
}

function dataChannel(channel: RTCDataChannel): ChunkChannel {
  return {
    path: 'direct',
    chunkBytes: DIRECT_CHUNK_BYTES,
    send(chunk) {
      if (channel.readyState !== 'open') return false;
      try {
        channel.send(chunk as Uint8Array<ArrayBuffer>);
        return true;
      } catch {
        return false;
      }
    },
    bufferedAmount: () => channel.bufferedAmount,
    whenDrained(resume) {
      if (channel.bufferedAmount < RESUME_BELOW_BYTES) return resume();
      channel.addEventListener('bufferedamountlow', () => resume(), { once: true });
    },
  };
}

/** m3 -> 3; the host and anything else -> 0. */
function memberNumber(id: PeerId): number {
  return /^m\d+$/.test(id) ? Number(id.slice(1)) : 0;
}
