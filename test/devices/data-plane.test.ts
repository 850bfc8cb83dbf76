/**
 * The data plane between two endpoints over in-memory channels: chunked messages arrive whole and are acknowledged
 * (a 'delivered' with its wire time), chunks wait while the channel holds more than 4 MiB and go on below 1 MiB, a
 * direct channel takes new messages and a closed one hands them back to the relay, an unreachable peer fails once.
 */
import { describe, expect, it } from 'vitest';
import { DataPlane, PAUSE_ABOVE_BYTES, RELAY_CHUNK_BYTES, DIRECT_CHUNK_BYTES, type ChunkChannel } from '../../src/devices/data-plane';
import { VirtualClock } from '../../src/netsim/clock';
import type { Envelope } from '../../src/devices/wire';

interface Wire {
  path: 'direct' | 'relay';
  sent: Uint8Array[];
  buffered: number;
  open: boolean;
  drained: (() => void)[];
}

function channel(wire: Wire, deliver: (c: Uint8Array) => void): ChunkChannel {
  return {
    path: wire.path,
    chunkBytes: wire.path === 'relay' ? RELAY_CHUNK_BYTES : DIRECT_CHUNK_BYTES,
    send(c) {
      if (!wire.open) return false;
      wire.sent.push(c);
      deliver(c);
      return true;
    },
    bufferedAmount: () => wire.buffered,
    whenDrained: (resume) => wire.drained.push(resume),
  };
}

function pair() {
  const clock = new VirtualClock();
  const got: { a: Envelope[]; b: Envelope[] } = { a: [], b: [] };
  const delivered: { to: string; bytes: number }[] = [];
  const failed: string[] = [];
  const relayAB: Wire = { path: 'relay', sent: [], buffered: 0, open: true, drained: [] };
  const relayBA: Wire = { path: 'relay', sent: [], buffered: 0, open: true, drained: [] };
  const ends: { b?: DataPlane } = {};
  const a = new DataPlane(() => channel(relayAB, (c) => ends.b!.relayed('m1', c)), clock, {
    envelope: (_f, e) => got.a.push(e),
    delivered: (to, _h, bytes) => delivered.push({ to, bytes }),
    failed: (to) => failed.push(to),
    garbled: (_f, reason) => failed.push(reason),
  });
  const b = new DataPlane(() => channel(relayBA, (c) => a.relayed('m2', c)), clock, {
    envelope: (_f, e) => got.b.push(e),
    delivered: () => undefined,
    failed: () => undefined,
    garbled: (_f, reason) => failed.push(reason),
  });
  ends.b = b;
  return { a, b, got, delivered, failed, relayAB, clock };
}

describe('DataPlane', () => {
  it('moves a 3 MiB tensor in relay-sized chunks, whole, and the receiver acknowledges it', () => {
    const { a, got, delivered, relayAB } = pair();
    const data = Float32Array.from({ length: 786_432 }, (_, i) => i);
    a.send('m2', { p: { type: 'tensor', epoch: 1, requestId: 3, bytes: data.byteLength } }, [{ dtype: 'float32', dims: [1, 786_432], data }]);
    expect(relayAB.sent.length).toBe(13);
    expect(relayAB.sent.every((c) => c.byteLength <= RELAY_CHUNK_BYTES)).toBe(true);
    expect(got.b).toHaveLength(1);
    expect(got.b[0].header).toEqual({ p: { type: 'tensor', epoch: 1, requestId: 3, bytes: data.byteLength } });
    expect((got.b[0].parts[0] as { data: Float32Array }).data).toEqual(data);
    expect(delivered).toEqual([{ to: 'm2', bytes: expect.any(Number) }]);
    expect(delivered[0].bytes).toBeGreaterThan(data.byteLength);
  });

  it('stops sending while the channel holds more than 4 MiB and goes on once it drained', () => {
    const { a, got, relayAB } = pair();
    relayAB.buffered = PAUSE_ABOVE_BYTES + 1;
    a.send('m2', { p: { type: 'probe-data', seq: 1, bytes: 10 } }, [new Uint8Array(10)]);
    expect(relayAB.sent).toHaveLength(0);
    expect(relayAB.drained).toHaveLength(1);
    relayAB.buffered = 0;
    relayAB.drained.shift()!();
    expect(got.b).toHaveLength(1);
  });

  it('sends new messages on an open direct channel, and through the relay again once it closed', () => {
    const { a, b, got, relayAB } = pair();
    const direct: Wire = { path: 'direct', sent: [], buffered: 0, open: true, drained: [] };
    a.setDirect(
      'm2',
      channel(direct, (c) => b.direct('m1', c)),
    );
    expect(a.path('m2')).toBe('direct');
    a.send('m2', { p: { type: 'probe-data', seq: 1, bytes: 100_000 } }, [new Uint8Array(100_000)]);
    expect(direct.sent.length).toBe(2);
    expect(direct.sent.every((c) => c.byteLength <= DIRECT_CHUNK_BYTES)).toBe(true);
    direct.open = false;
    a.send('m2', { p: { type: 'probe-data', seq: 2, bytes: 10 } }, [new Uint8Array(10)]);
    expect(a.path('m2')).toBe('relay');
    expect(relayAB.sent.length).toBeGreaterThan(0);
    expect(got.b.map((e) => (e.header.p as { seq: number }).seq)).toEqual([1, 2]);
  });

  it('reports an unreachable peer once and forgets what was queued for it', () => {
    const { a, failed, relayAB } = pair();
    relayAB.buffered = PAUSE_ABOVE_BYTES + 1;
    a.send('m2', { p: { type: 'probe-data', seq: 1, bytes: 10 } }, [new Uint8Array(10)]);
    expect(a.queuedBytes('m2')).toBeGreaterThan(0);
    a.unreachable('m2');
    expect(failed).toEqual(['m2']);
    expect(a.queuedBytes('m2')).toBe(0);
  });

  it('drops garbage from a peer with a reason and keeps working', () => {
    const { a, b, got, failed } = pair();
    b.relayed('m1', new Uint8Array([2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 99, 1, 2]));
    expect(failed.some((f) => /header/.test(f))).toBe(true);
    a.send('m2', { p: { type: 'probe-echo', seq: 5 } });
    expect(got.b).toHaveLength(1);
  });
});

describe('DataPlane link emulation on top of the real link', () => {
  it('paces messages at the emulated rate plus its delay, holds them while cut, and loses the asked number', () => {
    const { a, got, clock } = pair();
    a.emulate('m2', { bandwidthMbps: 8, latencyMs: 20 }); // 8 Mbit/s: 1000 bytes per ms
    a.send('m2', { p: { type: 'probe-data', seq: 1, bytes: 100_000 } }, [new Uint8Array(100_000)]);
    a.send('m2', { p: { type: 'probe-data', seq: 2, bytes: 100_000 } }, [new Uint8Array(100_000)]);
    clock.advanceTo(110);
    expect(got.b).toHaveLength(0);
    clock.advanceTo(125); // 100 KB + header at 1000 B/ms, then 20 ms
    expect(got.b).toHaveLength(1);
    clock.advanceTo(225);
    expect(got.b).toHaveLength(2);

    a.emulate('m2', { isUp: false });
    a.send('m2', { p: { type: 'probe-echo', seq: 3 } });
    clock.advanceTo(1000);
    expect(got.b).toHaveLength(2);
    a.emulate('m2', { isUp: true });
    expect(got.b).toHaveLength(3);

    a.emulate('m2', null);
    a.emulate('m2', { drop: 1 });
    a.send('m2', { p: { type: 'probe-echo', seq: 4 } });
    a.send('m2', { p: { type: 'probe-echo', seq: 5 } });
    expect(got.b.map((e) => (e.header.p as { seq: number }).seq)).toEqual([1, 2, 3, 5]);
  });
});
