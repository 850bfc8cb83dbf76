/** The run-time state of one directed link inside a Network, and its statistics (pure functions of it). */
import type { Rng } from '../util/rng';
import type { LinkCounters, LinkSpec, LinkStats, Transfer, TransferId } from './types';

/** Bytes put on the wire, spread evenly over [startMs, endMs] (retransmission waits included). */
export interface WireInterval {
  startMs: number;
  endMs: number;
  bytes: number;
}

export interface Pending<P> {
  transfer: Transfer;
  payload: P;
  timerId: number | null;
  wire: WireInterval | null;
  /** Dropped by a fault: delivered to nobody (see Network.dropNext). */
  isLost: boolean;
}

export interface LinkState<P> extends LinkCounters {
  spec: LinkSpec;
  /** This link's own random stream (jitter, loss). */
  rng: Rng;
  freeAtMs: number;
  lastDeliverAtMs: number;
  /** Set while the link is down. */
  downSinceMs: number | null;
  /** Undelivered transfers in send (= FIFO) order. */
  pending: Map<TransferId, Pending<P>>;
  /** Wire intervals that may still overlap the statistics window. */
  recent: WireInterval[];
}

export function createLinkState<P>(spec: LinkSpec, rng: Rng, nowMs: number): LinkState<P> {
  return {
    spec,
    rng,
    freeAtMs: nowMs,
    lastDeliverAtMs: nowMs,
    // a link that starts down has been down since the start
    downSinceMs: spec.isUp ? null : nowMs,
    pending: new Map(),
    recent: [],
    bytesSent: 0,
    bytesDelivered: 0,
    retransmittedBytes: 0,
    messagesSent: 0,
    messagesDelivered: 0,
    messagesFailed: 0,
  };
}

/** Bytes of `wire` that were on the link during [fromMs, toMs]. */
export function wireBytesBetween(wire: WireInterval, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const durationMs = wire.endMs - wire.startMs;
  if (durationMs <= 0) return wire.startMs > fromMs && wire.startMs <= toMs ? wire.bytes : 0;
  const overlapMs = Math.min(toMs, wire.endMs) - Math.max(fromMs, wire.startMs);
  return overlapMs > 0 ? (wire.bytes * overlapMs) / durationMs : 0;
}

/**
 * Forgets intervals that ended before the window. Intervals end in FIFO order, so only a prefix expires; it is
 * cut in batches, which keeps a busy link (thousands of messages per window) at amortised O(1) per send.
 */
export function pruneRecent(link: LinkState<unknown>, nowMs: number, windowMs: number): void {
  const horizonMs = nowMs - windowMs;
  let expired = 0;
  while (expired < link.recent.length && link.recent[expired]!.endMs < horizonMs) expired++;
  if (expired > 0 && (expired >= 64 || 2 * expired >= link.recent.length)) link.recent.splice(0, expired);
}

export function linkStats(link: LinkState<unknown>, nowMs: number, windowMs: number): LinkStats {
  // a link that is down stopped transmitting when it went down
  const wireNowMs = link.downSinceMs ?? nowMs;
  let queueLength = 0;
  let backlogBytes = 0;
  for (const { transfer, wire } of link.pending.values()) {
    if (wire === null) {
      queueLength++;
      backlogBytes += transfer.bytes;
    } else if (wire.endMs > wireNowMs) {
      queueLength++;
      backlogBytes += wireBytesBetween(wire, wireNowMs, wire.endMs);
    }
  }
  pruneRecent(link, nowMs, windowMs);
  const windowBytes = link.recent.reduce((sum, w) => sum + wireBytesBetween(w, nowMs - windowMs, wireNowMs), 0);
  return {
    from: link.spec.from,
    to: link.spec.to,
    bytesSent: link.bytesSent,
    bytesDelivered: link.bytesDelivered,
    retransmittedBytes: link.retransmittedBytes,
    messagesSent: link.messagesSent,
    messagesDelivered: link.messagesDelivered,
    messagesFailed: link.messagesFailed,
    inFlight: link.pending.size,
    queueLength,
    backlogBytes,
    bytesPerSec: (windowBytes * 1000) / windowMs,
  };
}
