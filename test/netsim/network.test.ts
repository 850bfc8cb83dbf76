import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/netsim/clock';
import { planTransmission } from '../../src/netsim/delivery';
import { Network } from '../../src/netsim/network';
import type { LinkConfig, NetworkEvent, NetworkOptions } from '../../src/netsim/types';
import { createWorld, nodeId } from '../../src/netsim/world';
import { createRng, forkRng } from '../../src/util/rng';

const [d, a, b] = ['d', 'a', 'b'].map(nodeId) as [ReturnType<typeof nodeId>, ReturnType<typeof nodeId>, ReturnType<typeof nodeId>];

/** 1 Mbit/s = 125 bytes per ms, so 125 000 bytes take exactly 1000 ms; 10 ms latency. */
function setup(link: Partial<LinkConfig> = {}, options: NetworkOptions = {}, radioMbps: number | null = null) {
  const clock = new VirtualClock();
  const net = new Network<string>(createWorld(['d', 'a', 'b'], { link: { bandwidthMbps: 1, latencyMs: 10, ...link }, radioMbps }), clock, options);
  const delivered: { payload: string; atMs: number; id: number }[] = [];
  net.onDeliver(({ transfer, payload }) => delivered.push({ payload, atMs: clock.nowMs(), id: transfer.id }));
  const events: NetworkEvent[] = [];
  net.on((event) => events.push(event));
  return { clock, net, delivered, events };
}

describe('Network', () => {
  it('send(from, to, bytes, payload) on an idle default link delivers after serialisation + latency', () => {
    const clock = new VirtualClock();
    const net = new Network(createWorld(['d', 'a']), clock);
    const t = net.send(d, a, 125_000, 'x'); // 100 Mbit/s: 10 ms, + 1 ms latency
    expect(t).toMatchObject({ id: 1, from: 'd', to: 'a', bytes: 125_000, sentAtMs: 0, startMs: 0, endMs: 10, deliverAtMs: 11, status: 'in-flight' });
  });

  it('send() arms exactly one clock timer per delivery and calls onDeliver at that time with the payload', () => {
    const { clock, net, delivered, events } = setup();
    net.send(d, a, 125_000, 'first');
    net.send(d, b, 1250, 'other link');
    expect(clock.pendingCount).toBe(2);
    clock.runUntilIdle();
    expect(delivered).toEqual([
      { payload: 'other link', atMs: 20, id: 2 },
      { payload: 'first', atMs: 1010, id: 1 },
    ]);
    expect(events.map((e) => e.kind)).toEqual(['transfer-sent', 'transfer-sent', 'transfer-delivered', 'transfer-delivered']);
    expect(events[2]).toMatchObject({ atMs: 20, transfer: { id: 2, status: 'delivered' } });
  });

  it('send() queues messages on a link FIFO: each starts when the previous one has left', () => {
    const { clock, net, delivered } = setup();
    const plans = ['m1', 'm2', 'm3'].map((m) => net.send(d, a, 125_000, m));
    expect(plans.map((p) => [p.startMs, p.endMs, p.deliverAtMs])).toEqual([
      [0, 1000, 1010],
      [1000, 2000, 2010],
      [2000, 3000, 3010],
    ]);
    clock.advanceTo(5000);
    const late = net.send(d, a, 250, 'm4'); // idle again: starts now
    expect([late.startMs, late.deliverAtMs]).toEqual([5000, 5012]);
    clock.runUntilIdle();
    expect(delivered.map((x) => [x.payload, x.atMs])).toEqual([
      ['m1', 1010],
      ['m2', 2010],
      ['m3', 3010],
      ['m4', 5012],
    ]);
  });

  it('send() on different links of one node runs them in parallel without a radio', () => {
    const { net } = setup();
    expect(net.send(d, a, 125_000, '').endMs).toBe(1000);
    expect(net.send(d, b, 125_000, '').endMs).toBe(1000);
    expect(net.send(a, b, 125_000, '').endMs).toBe(1000);
  });

  it('send() with jitter stays within [latency, latency + jitter) and never reorders a link', () => {
    const { clock, net, delivered } = setup({ latencyMs: 10, jitterMs: 30 }, { seed: 5 });
    const sent = Array.from({ length: 300 }, (_, i) => net.send(d, a, 125, `m${i}`)); // 1 ms each
    for (const t of sent) {
      expect(t.deliverAtMs! - t.endMs!).toBeGreaterThanOrEqual(10);
      expect(t.deliverAtMs! - t.endMs!).toBeLessThan(40);
    }
    const extra = sent.map((t) => t.deliverAtMs! - t.endMs! - 10);
    expect(Math.max(...extra) - Math.min(...extra)).toBeGreaterThan(20); // the jitter really varies
    clock.runUntilIdle();
    expect(delivered.map((x) => x.payload)).toEqual(sent.map((_, i) => `m${i}`));
    expect(delivered.every((x, i) => i === 0 || x.atMs >= delivered[i - 1]!.atMs)).toBe(true);
  });

  it('send() with loss delivers every byte, later, with retransmitted bytes holding the link', () => {
    const { clock, net, delivered } = setup({ bandwidthMbps: 100, lossRate: 0.05 }, { seed: 9 });
    const sent = Array.from({ length: 100 }, (_, i) => net.send(d, a, 4 * 1460, `m${i}`)); // 4 segments each
    const lossy = sent.filter((t) => t.retransmissionRounds > 0);
    expect(lossy.length).toBeGreaterThan(5);
    expect(lossy.length).toBeLessThan(40);
    for (let i = 0; i < sent.length; i++) {
      const t = sent[i]!;
      const wireMs = (4 * 1460 + t.retransmittedBytes) / 12_500;
      if (t.retransmissionRounds === 0) expect(t.endMs! - t.startMs!).toBeCloseTo(wireMs, 9);
      else expect(t.endMs! - t.startMs!).toBeGreaterThanOrEqual(200 * t.retransmissionRounds); // one RTO per round
      if (i > 0) expect(t.startMs).toBe(sent[i - 1]!.endMs); // the next message waits for the retransmissions
    }
    clock.runUntilIdle();
    expect(delivered).toHaveLength(100);
    const stats = net.linkStats(d, a);
    expect(stats.bytesDelivered).toBe(100 * 4 * 1460);
    expect(stats.retransmittedBytes).toBe(lossy.reduce((s, t) => s + t.retransmittedBytes, 0));
  });

  it("send() with loss follows planTransmission() on the link's own stream forkRng(createRng(seed), link index)", () => {
    const link = { bandwidthMbps: 10, latencyMs: 5, jitterMs: 2, lossRate: 0.2 };
    const { net } = setup(link, { seed: 7 });
    const rng = forkRng(createRng(7), 0); // d->a is the first link of createWorld(['d', 'a', 'b'])
    let freeAtMs = 0;
    let lastDeliverAtMs = 0;
    for (let i = 0; i < 20; i++) {
      net.send(d, b, 5000, 'noise on another link'); // must not shift d->a's draws
      const t = net.send(d, a, 3000, `m${i}`);
      const plan = planTransmission({ nowMs: 0, bytes: 3000, rateMbps: 10, ...link, freeAtMs, lastDeliverAtMs }, rng);
      expect(t).toMatchObject(plan);
      ({ endMs: freeAtMs, deliverAtMs: lastDeliverAtMs } = plan);
    }
    expect(net.linkStats(d, a).retransmittedBytes).toBeGreaterThan(0);
  });

  it('new Network(world, clock, {seed}) replays the same schedule for the same seed, another one for another seed', () => {
    const schedule = (seed: number) => {
      const { clock, net, delivered } = setup({ bandwidthMbps: 10, jitterMs: 5, lossRate: 0.02 }, { seed });
      const pairs = [
        [d, a],
        [a, b],
        [b, d],
        [d, b],
      ] as const;
      for (let i = 0; i < 50; i++) {
        const [from, to] = pairs[i % pairs.length]!;
        net.send(from, to, 1000 + 997 * i, `m${i}`);
        clock.advanceBy(7);
      }
      clock.runUntilIdle();
      return delivered.map((x) => `${x.payload}@${x.atMs}`);
    };
    expect(schedule(1)).toEqual(schedule(1));
    expect(schedule(1)).not.toEqual(schedule(2));
  });

  it('send() from inside onDeliver forwards along a pipeline with exact times (one timer per hop)', () => {
    const { clock, net, delivered } = setup();
    net.onDeliver(({ transfer, payload }) => {
      if (transfer.to === a) net.send(a, b, 62_500, `${payload}+`); // 500 ms on a->b
    });
    net.send(d, a, 125_000, 'r1');
    net.send(d, a, 125_000, 'r2');
    clock.runUntilIdle();
    expect(delivered.map((x) => `${x.payload}@${x.atMs}`)).toEqual(['r1@1010', 'r1+@1520', 'r2@2010', 'r2+@2520']);
  });

  it('setLink(from, to, change) applies to later messages only and emits link-changed', () => {
    const { clock, net, events } = setup();
    const first = net.send(d, a, 125_000, 'slow');
    net.setLink(d, a, { bandwidthMbps: 2, latencyMs: 0 });
    const second = net.send(d, a, 125_000, 'fast');
    expect([first.endMs, first.deliverAtMs]).toEqual([1000, 1010]);
    expect([second.startMs, second.endMs, second.deliverAtMs]).toEqual([1000, 1500, 1500]);
    expect(events.find((e) => e.kind === 'link-changed')).toEqual({
      kind: 'link-changed',
      atMs: 0,
      from: 'd',
      to: 'a',
      change: { bandwidthMbps: 2, latencyMs: 0 },
      link: { bandwidthMbps: 2, latencyMs: 0, jitterMs: 0, lossRate: 0, isUp: true },
    });
    expect(net.link(d, a).bandwidthMbps).toBe(2);
    clock.runUntilIdle();
  });

  it('setLink(latency lower) never lets a later message overtake an earlier one', () => {
    const { net } = setup({ bandwidthMbps: 1000, latencyMs: 100 });
    const before = net.send(d, a, 125, '');
    net.setLink(d, a, { latencyMs: 1 });
    const after = net.send(d, a, 125, '');
    expect(after.deliverAtMs).toBe(before.deliverAtMs);
  });

  it('setLink() and send() check their arguments at the door', () => {
    const { net } = setup();
    expect(() => net.send(d, nodeId('zz'), 1, '')).toThrow(/'to': there is no node 'zz'/);
    expect(() => net.send(d, d, 1, '')).toThrow(RangeError);
    expect(() => net.send(d, a, -1, '')).toThrow(/'bytes'/);
    expect(() => net.send(d, a, 1.5, '')).toThrow(/'bytes'/);
    expect(() => net.setLink(d, a, { bandwidthMbps: -2 })).toThrow(/'change': bandwidthMbps is -2/);
    expect(() => net.setLink(d, a, { isUp: false } as never)).toThrow(/setLinkUp/);
    expect(() => new Network(createWorld(['a', 'b']), new VirtualClock(), { segmentBytes: 0 })).toThrow(/'options.segmentBytes'/);
  });

  it("setRadio(node, mbps) makes the node's outgoing links share one FIFO transmitter", () => {
    const { net, events } = setup({ bandwidthMbps: 10 }, {}, null);
    net.setRadio(d, 1);
    const toA = net.send(d, a, 125_000, '');
    const toB = net.send(d, b, 125_000, '');
    const toA2 = net.send(d, a, 12_500, '');
    expect([toA.startMs, toA.endMs]).toEqual([0, 1000]); // min(link 10, radio 1) = 1 Mbit/s
    expect([toB.startMs, toB.endMs]).toEqual([1000, 2000]); // waits for the radio, not for its own link
    expect([toA2.startMs, toA2.endMs]).toEqual([2000, 2100]);
    expect(net.send(a, b, 125_000, '').endMs).toBe(100); // other nodes keep their own links
    expect(events.find((e) => e.kind === 'radio-changed')).toEqual({ kind: 'radio-changed', atMs: 0, node: 'd', radioMbps: 1 });
  });

  it("setRadio(node, mbps) at run time queues behind what the node's links already hold; null removes it", () => {
    const { net } = setup({ bandwidthMbps: 1 });
    net.send(d, a, 125_000, '');
    net.setRadio(d, 10);
    expect(net.send(d, b, 125_000, '')).toMatchObject({ startMs: 1000, endMs: 2000 });
    net.setRadio(d, null);
    // without the radio, d->a only waits for its own link (free at 1000), not for d->b
    expect(net.send(d, a, 125_000, '').startMs).toBe(1000);
  });

  it('linkStats(from, to) reports counters, queue, backlog and the rate over the window', () => {
    const { clock, net } = setup({ latencyMs: 0 }, { statsWindowMs: 1000 });
    expect(net.linkStats(d, a)).toEqual({
      from: 'd',
      to: 'a',
      bytesSent: 0,
      bytesDelivered: 0,
      retransmittedBytes: 0,
      messagesSent: 0,
      messagesDelivered: 0,
      messagesFailed: 0,
      inFlight: 0,
      queueLength: 0,
      backlogBytes: 0,
      bytesPerSec: 0,
    });
    net.send(d, a, 125_000, '');
    net.send(d, a, 125_000, '');
    clock.advanceTo(500);
    expect(net.linkStats(d, a)).toMatchObject({ bytesSent: 250_000, inFlight: 2, queueLength: 2, backlogBytes: 187_500, bytesPerSec: 62_500 });
    clock.advanceTo(1500);
    expect(net.linkStats(d, a)).toMatchObject({ bytesDelivered: 125_000, messagesDelivered: 1, inFlight: 1, queueLength: 1, backlogBytes: 62_500, bytesPerSec: 125_000 });
    clock.advanceTo(3000);
    expect(net.linkStats(d, a)).toMatchObject({ bytesDelivered: 250_000, inFlight: 0, queueLength: 0, backlogBytes: 0, bytesPerSec: 0 });
  });

  it('dispose() cancels every pending timer, silently, and refuses later sends', () => {
    const { clock, net, delivered, events } = setup({}, { failureDetectionMs: 50 });
    net.send(d, a, 125_000, 'in flight');
    net.setNodeUp(b, false);
    net.send(d, b, 10, 'fails later');
    expect(clock.pendingCount).toBe(2);
    const eventCount = events.length;
    net.dispose();
    expect(clock.pendingCount).toBe(0);
    clock.advanceTo(10_000);
    expect(delivered).toEqual([]);
    expect(events).toHaveLength(eventCount);
    expect(() => net.send(d, a, 1, '')).toThrow(/after dispose/);
  });

  it('snapshot() is plain JSON data', () => {
    const { clock, net } = setup({ jitterMs: 2, lossRate: 0.1 });
    net.send(d, a, 10_000, 'p');
    net.setLinkUp(a, b, false);
    net.send(a, b, 10, 'held');
    clock.advanceTo(5);
    const snapshot = net.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.transfers.map((t) => t.status)).toEqual(['in-flight', 'held']);
    expect(snapshot.world.links.find((l) => l.from === 'a' && l.to === 'b')!.isUp).toBe(false);
  });
});
