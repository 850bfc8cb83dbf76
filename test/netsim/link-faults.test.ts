import { describe, expect, it } from 'vitest';
import { cutWire, thawLink } from '../../src/netsim/link-faults';
import { createLinkState, type Pending } from '../../src/netsim/link-state';
import type { LinkSpec, Transfer } from '../../src/netsim/types';
import { nodeId } from '../../src/netsim/world';
import { createRng } from '../../src/util/rng';

const spec: LinkSpec = { from: nodeId('a'), to: nodeId('b'), bandwidthMbps: 1, latencyMs: 10, jitterMs: 0, lossRate: 0, isUp: false };

function pending(id: number, times: [number, number, number] | null): Pending<null> {
  const transfer: Transfer = {
    id,
    from: spec.from,
    to: spec.to,
    bytes: 1000,
    sentAtMs: 0,
    startMs: times?.[0] ?? null,
    endMs: times?.[1] ?? null,
    deliverAtMs: times?.[2] ?? null,
    retransmissionRounds: 0,
    retransmittedBytes: 0,
    status: 'held',
    failure: null,
    failedAtMs: null,
  };
  return { transfer, payload: null, timerId: null, wire: times ? { startMs: times[0], endMs: times[1], bytes: 1000 } : null, isLost: false };
}

describe('link-faults', () => {
  it('thawLink(link, nowMs) shifts every time after the outage start by its length and returns the held ones in FIFO order', () => {
    const link = createLinkState<null>(spec, createRng(1), 0);
    Object.assign(link, { downSinceMs: 100, freeAtMs: 160, lastDeliverAtMs: 170 });
    const onWire = pending(1, [50, 160, 170]);
    const waiting = pending(2, null);
    link.pending.set(1, onWire).set(2, waiting);
    const held = thawLink(link, 400);
    expect(held).toEqual([onWire, waiting]);
    expect(onWire.transfer).toMatchObject({ startMs: 50, endMs: 460, deliverAtMs: 470 });
    expect(onWire.wire).toEqual({ startMs: 50, endMs: 460, bytes: 1000 });
    expect(waiting.transfer.startMs).toBeNull();
    expect(link).toMatchObject({ downSinceMs: null, freeAtMs: 460, lastDeliverAtMs: 470 });
  });

  it('cutWire(link, wire, nowMs) keeps only the bytes sent before the failure', () => {
    const link = createLinkState<null>(spec, createRng(1), 0);
    const started = { startMs: 0, endMs: 100, bytes: 1000 };
    const notYet = { startMs: 100, endMs: 200, bytes: 1000 };
    link.recent = [started, notYet];
    cutWire(link, started, 25);
    cutWire(link, notYet, 25);
    expect(link.recent).toEqual([{ startMs: 0, endMs: 25, bytes: 250 }]);
  });
});
