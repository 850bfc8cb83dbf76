import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_RTO_MS,
  DEFAULT_SEGMENT_BYTES,
  deliverAtMs,
  lostPositions,
  planTransmission,
  retransmissionRounds,
  retransmissionTimeoutMs,
  serializationMs,
  type TransmissionInput,
} from '../../src/netsim/delivery';
import { createRng, type Rng } from '../../src/util/rng';

/** An rng that returns these numbers in order, and fails the test if asked for more. */
function scripted(values: number[]): Rng {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error(`the scripted rng has only ${values.length} numbers`);
    return values[i++]!;
  };
}
const noRandom = scripted([]);

// 1 Mbit/s = 125 bytes per ms: 125 000 bytes take exactly 1000 ms
const idle: TransmissionInput = { nowMs: 0, bytes: 125_000, rateMbps: 1, latencyMs: 10, jitterMs: 0, lossRate: 0, freeAtMs: 0, lastDeliverAtMs: 0 };

describe('delivery', () => {
  it('defaults: TCP-sized segments and a 200 ms minimum RTO', () => {
    expect(DEFAULT_SEGMENT_BYTES).toBe(1460);
    expect(DEFAULT_MIN_RTO_MS).toBe(200);
  });

  it('serializationMs(bytes, rateMbps) is bytes * 8 / rate', () => {
    expect(serializationMs(125_000, 1)).toBe(1000);
    expect(serializationMs(1_000_000, 8)).toBe(1000);
    expect(serializationMs(64 * 1024, 1000)).toBe(0.524288);
    expect(serializationMs(0, 10)).toBe(0);
  });

  it('retransmissionTimeoutMs(link) is max(minRto, 2 latency + 4 jitter)', () => {
    expect(retransmissionTimeoutMs({ latencyMs: 10, jitterMs: 0 })).toBe(200);
    expect(retransmissionTimeoutMs({ latencyMs: 150, jitterMs: 10 })).toBe(340);
    expect(retransmissionTimeoutMs({ latencyMs: 1, jitterMs: 0 }, 0)).toBe(2);
  });

  it('planTransmission(idle link) starts now, holds the link for the serialisation time, adds latency', () => {
    expect(planTransmission({ ...idle, nowMs: 500, freeAtMs: 20, lastDeliverAtMs: 30 }, noRandom)).toEqual({
      startMs: 500,
      endMs: 1500,
      deliverAtMs: 1510,
      retransmissionRounds: 0,
      retransmittedBytes: 0,
    });
  });

  it('planTransmission(busy link) starts when the link is free (FIFO)', () => {
    const plan = planTransmission({ ...idle, nowMs: 100, freeAtMs: 2000, lastDeliverAtMs: 2010 }, noRandom);
    expect([plan.startMs, plan.endMs, plan.deliverAtMs]).toEqual([2000, 3000, 3010]);
  });

  it('planTransmission(jitter) adds rng * jitterMs and never delivers before the previous message', () => {
    const jittery = { ...idle, bytes: 1250, jitterMs: 8 }; // 10 ms on the wire
    expect(planTransmission(jittery, scripted([0.5])).deliverAtMs).toBe(10 + 10 + 4);
    expect(planTransmission({ ...jittery, lastDeliverAtMs: 27 }, scripted([0])).deliverAtMs).toBe(27);
  });

  it('lostPositions(count, lossRate, rng) draws one number per loss (geometric gaps)', () => {
    // gaps: floor(ln(1 - u) / ln(0.5)): u = 0 -> 0, 0.5 -> 1, 0.75 -> 2, 0.99 -> 6
    expect(lostPositions(10, 0.5, scripted([0.5, 0, 0.75, 0.99]))).toEqual([1, 2, 5]);
    expect(lostPositions(10, 0, noRandom)).toEqual([]);
    expect(lostPositions(0, 0.5, noRandom)).toEqual([]);
  });

  it('lostPositions(count, p) loses about count * p, all distinct and ascending', () => {
    const lost = lostPositions(100_000, 0.02, createRng(3));
    expect(lost.length).toBeGreaterThan(1800);
    expect(lost.length).toBeLessThan(2200);
    expect(lost.every((p, i) => p < 100_000 && (i === 0 || p > lost[i - 1]!))).toBe(true);
  });

  it('retransmissionRounds(bytes) resends lost segments until none is lost, the last segment short', () => {
    // 2500 bytes = segments of 1000, 1000, 500. Round 1 loses segment 2 (gap 2), round 2 loses it again, round 3 nothing.
    expect(retransmissionRounds(2500, 0.5, 1000, scripted([0.75, 0.99, 0, 0.99, 0.99]))).toEqual([500, 500]);
    expect(retransmissionRounds(2500, 0, 1000, noRandom)).toEqual([]);
    // an empty message is one (header-only) segment, which can be lost and costs a timeout
    expect(retransmissionRounds(0, 0.5, 1000, scripted([0, 0.99, 0.99]))).toEqual([0]);
  });

  it('planTransmission(loss) waits one RTO after each round started, and holds the link until the last round', () => {
    // 3000 bytes at 1 Mbit/s = 24 ms; segment 1 lost twice: rounds of 1000 bytes (8 ms) at 200 and 400 ms
    const plan = planTransmission({ ...idle, bytes: 3000, lossRate: 0.5, segmentBytes: 1000 }, scripted([0.5, 0.99, 0, 0.99, 0.99]));
    expect(plan).toEqual({ startMs: 0, endMs: 408, deliverAtMs: 418, retransmissionRounds: 2, retransmittedBytes: 2000 });
  });

  it('planTransmission(loss) on a long message resends right after the first round when the RTO has passed', () => {
    // 125 000 bytes = 1000 ms > RTO: the lost segment 0 (1000 bytes, 8 ms) goes out at 1000 ms
    // loss 1 %: u = 0 loses segment 0; u = 0.9999 is a gap of 916 segments, past the end
    const plan = planTransmission({ ...idle, lossRate: 0.01, segmentBytes: 1000 }, scripted([0, 0.9999, 0.9999]));
    expect(plan).toEqual({ startMs: 0, endMs: 1008, deliverAtMs: 1018, retransmissionRounds: 1, retransmittedBytes: 1000 });
  });

  it('planTransmission(loss, jitter) draws loss first, then jitter, from the same stream', () => {
    const plan = planTransmission({ ...idle, bytes: 1000, jitterMs: 4, lossRate: 0.5, segmentBytes: 1000 }, scripted([0.99, 0.25]));
    expect(plan.deliverAtMs).toBe(8 + 10 + 1);
  });

  it('planTransmission(same seed) gives the same plan; another seed another one', () => {
    const lossy = { ...idle, bytes: 16 * 1024 * 1024, jitterMs: 3, lossRate: 0.01 };
    const a = planTransmission(lossy, createRng(42));
    expect(planTransmission(lossy, createRng(42))).toEqual(a);
    expect(planTransmission(lossy, createRng(43))).not.toEqual(a);
    expect(a.retransmittedBytes).toBeGreaterThan(0);
  });

  it('deliverAtMs(link, bytes, sentAtMs, rng) is the arrival on an idle link', () => {
    expect(deliverAtMs({ bandwidthMbps: 8, latencyMs: 2, jitterMs: 0, lossRate: 0 }, 1_000_000, 100, noRandom)).toBe(1102);
  });
});
