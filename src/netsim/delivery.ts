/**
 * When a message arrives: pure functions of (link, bytes, send time, link state, seeded rng).
 *
 * The model (documented here once, tested in test/netsim/delivery.test.ts):
 * - A link is a FIFO transmitter. A message of S bytes starts at max(now, link free at) and keeps the link busy
 *   for S * 8 / rate (rate in Mbit/s: 125 bytes per ms). With a shared radio, the node's links share one FIFO
 *   transmitter and the rate is min(link, radio).
 * - It arrives at the end of its transmission + latencyMs + a jitter drawn uniformly from [0, jitterMs), but
 *   never before the previous message on the link (in-order delivery, as a TCP stream).
 * - Loss: the message is cut into segments of segmentBytes. Each attempt of a segment is lost with probability
 *   lossRate, independently. After the first transmission, the lost segments are resent together, one RTO
 *   (max(minRtoMs, 2 * latencyMs + 4 * jitterMs), TCP's SRTT + 4 RTTVAR with a Linux-like floor) after the
 *   start of the previous round, but never before that round has left the link; rounds repeat until no
 *   segment is lost. The message holds the link until its last round has left (head-of-line blocking; the
 *   idle wait is the capacity TCP loses when a timeout collapses its window). Loss shows as delay and as
 *   retransmitted bytes on the wire, never as missing data. Which segments are lost is a seeded geometric
 *   draw (one random number per lost segment, not per segment), so a 16 MB message costs a few draws.
 */
import type { Rng } from '../util/rng';

/** Bytes per ms at 1 Mbit/s. */
export const BYTES_PER_MS_PER_MBPS = 125;

export const DEFAULT_SEGMENT_BYTES = 1460;
export const DEFAULT_MIN_RTO_MS = 200;

/** Time to put `bytes` on a link of `rateMbps`. */
export function serializationMs(bytes: number, rateMbps: number): number {
  return bytes / (rateMbps * BYTES_PER_MS_PER_MBPS);
}

/** TCP's retransmission timeout for this link: max(minRtoMs, 2 * latency + 4 * jitter). */
export function retransmissionTimeoutMs(link: { latencyMs: number; jitterMs: number }, minRtoMs = DEFAULT_MIN_RTO_MS): number {
  return Math.max(minRtoMs, 2 * link.latencyMs + 4 * link.jitterMs);
}

/** Positions (ascending) among `count` attempts that are lost, each with probability `lossRate`. */
export function lostPositions(count: number, lossRate: number, rng: Rng): number[] {
  if (lossRate <= 0 || count <= 0) return [];
  const logKeep = Math.log1p(-lossRate);
  const lost: number[] = [];
  // the number of kept attempts before the next loss is geometric: invert its distribution with one draw
  for (let position = Math.floor(Math.log(1 - rng()) / logKeep); position < count; position += 1 + Math.floor(Math.log(1 - rng()) / logKeep)) {
    lost.push(position);
  }
  return lost;
}

/** Bytes resent in each retransmission round (empty when nothing was lost); the last segment may be short. */
export function retransmissionRounds(bytes: number, lossRate: number, segmentBytes: number, rng: Rng): number[] {
  if (lossRate <= 0) return [];
  const segmentCount = Math.max(1, Math.ceil(bytes / segmentBytes));
  const lastSegmentBytes = bytes - (segmentCount - 1) * segmentBytes;
  const sizeOf = (segment: number) => (segment === segmentCount - 1 ? lastSegmentBytes : segmentBytes);
  const rounds: number[] = [];
  let lost = lostPositions(segmentCount, lossRate, rng);
  while (lost.length > 0) {
    rounds.push(lost.reduce((sum, segment) => sum + sizeOf(segment), 0));
    const again = lostPositions(lost.length, lossRate, rng);
    lost = again.map((position) => lost[position]!);
  }
  return rounds;
}

export interface TransmissionInput {
  nowMs: number;
  bytes: number;
  /** Effective rate: the link's, or min(link, radio) on a shared medium. */
  rateMbps: number;
  latencyMs: number;
  jitterMs: number;
  lossRate: number;
  /** When the transmitter (link, or radio) is free. */
  freeAtMs: number;
  /** Delivery time of the previous message on this link (in-order floor). */
  lastDeliverAtMs: number;
  segmentBytes?: number;
  minRtoMs?: number;
}

export interface TransmissionPlan {
  startMs: number;
  /** The last byte leaves; the transmitter is free from here. */
  endMs: number;
  deliverAtMs: number;
  retransmissionRounds: number;
  retransmittedBytes: number;
}

/** Schedules one message on a link. Draws loss first, then jitter, from `rng` (the link's own stream). */
export function planTransmission(input: TransmissionInput, rng: Rng): TransmissionPlan {
  const { nowMs, bytes, rateMbps, latencyMs, jitterMs, lossRate, freeAtMs, lastDeliverAtMs } = input;
  const segmentBytes = input.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  const rtoMs = retransmissionTimeoutMs({ latencyMs, jitterMs }, input.minRtoMs ?? DEFAULT_MIN_RTO_MS);
  const startMs = Math.max(nowMs, freeAtMs);
  let roundStartMs = startMs;
  let endMs = startMs + serializationMs(bytes, rateMbps);
  const rounds = retransmissionRounds(bytes, lossRate, segmentBytes, rng);
  for (const resentBytes of rounds) {
    roundStartMs = Math.max(endMs, roundStartMs + rtoMs);
    endMs = roundStartMs + serializationMs(resentBytes, rateMbps);
  }
  const extraMs = jitterMs > 0 ? rng() * jitterMs : 0;
  return {
    startMs,
    endMs,
    deliverAtMs: Math.max(endMs + latencyMs + extraMs, lastDeliverAtMs),
    retransmissionRounds: rounds.length,
    retransmittedBytes: rounds.reduce((sum, b) => sum + b, 0),
  };
}

/** The style guide's one-liner: arrival time of `bytes` sent at `sentAtMs` on an idle link. */
export function deliverAtMs(link: { bandwidthMbps: number; latencyMs: number; jitterMs: number; lossRate: number }, bytes: number, sentAtMs: number, rng: Rng): number {
  return planTransmission(
    { nowMs: sentAtMs, bytes, rateMbps: link.bandwidthMbps, latencyMs: link.latencyMs, jitterMs: link.jitterMs, lossRate: link.lossRate, freeAtMs: sentAtMs, lastDeliverAtMs: sentAtMs },
    rng,
  ).deliverAtMs;
}
