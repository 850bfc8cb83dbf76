import { describe, expect, it } from 'vitest';
import { createLinkState, linkStats, pruneRecent, wireBytesBetween } from '../../src/netsim/link-state';
import type { LinkSpec } from '../../src/netsim/types';
import { nodeId } from '../../src/netsim/world';
import { createRng } from '../../src/util/rng';

const spec: LinkSpec = { from: nodeId('a'), to: nodeId('b'), bandwidthMbps: 1, latencyMs: 0, jitterMs: 0, lossRate: 0, isUp: true };

describe('link-state', () => {
  it('createLinkState(spec, rng, nowMs) starts idle at nowMs with zero counters', () => {
    const link = createLinkState(spec, createRng(1), 42);
    expect(link).toMatchObject({ freeAtMs: 42, lastDeliverAtMs: 42, downSinceMs: null, bytesSent: 0, messagesFailed: 0 });
    expect(link.pending.size).toBe(0);
    expect(linkStats(link, 42, 1000)).toMatchObject({ from: 'a', to: 'b', inFlight: 0, backlogBytes: 0, bytesPerSec: 0 });
  });

  it('wireBytesBetween(wire, from, to) spreads the bytes evenly over the interval', () => {
    const wire = { startMs: 100, endMs: 200, bytes: 1000 };
    expect(wireBytesBetween(wire, 0, 100)).toBe(0);
    expect(wireBytesBetween(wire, 150, 175)).toBe(250);
    expect(wireBytesBetween(wire, 0, 1000)).toBe(1000);
    expect(wireBytesBetween(wire, 180, 180)).toBe(0);
    // a zero-length transmission counts once, in the window that contains it
    expect(wireBytesBetween({ startMs: 50, endMs: 50, bytes: 7 }, 0, 50)).toBe(7);
    expect(wireBytesBetween({ startMs: 50, endMs: 50, bytes: 7 }, 50, 60)).toBe(0);
  });

  it('pruneRecent(link, nowMs, windowMs) forgets intervals that ended before the window, in batches', () => {
    const link = createLinkState(spec, createRng(1), 0);
    link.recent = [
      { startMs: 0, endMs: 10, bytes: 1 },
      { startMs: 10, endMs: 500, bytes: 1 },
    ];
    pruneRecent(link, 1200, 1000);
    expect(link.recent).toEqual([{ startMs: 10, endMs: 500, bytes: 1 }]);
    // one expired interval among many waits for the next batch (it counts 0 bytes in the window anyway)
    link.recent = Array.from({ length: 10 }, (_, i) => ({ startMs: i * 100, endMs: i * 100 + 100, bytes: 1 }));
    pruneRecent(link, 1150, 1000);
    expect(link.recent).toHaveLength(10);
    pruneRecent(link, 1550, 1000);
    expect(link.recent[0]!.startMs).toBe(500);
  });
});
