import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/netsim/clock';
import { Network } from '../../src/netsim/network';
import type { LinkConfig, NetworkEvent, NetworkOptions, NodeId } from '../../src/netsim/types';
import { createWorld, nodeId } from '../../src/netsim/world';

const [d, a, b] = ['d', 'a', 'b'].map(nodeId) as [NodeId, NodeId, NodeId];

/** 1 Mbit/s (125 000 bytes = 1000 ms), 10 ms latency. */
function setup(link: Partial<LinkConfig> = {}, options: NetworkOptions = {}) {
  const clock = new VirtualClock();
  const net = new Network<string>(createWorld(['d', 'a', 'b'], { link: { bandwidthMbps: 1, latencyMs: 10, ...link } }), clock, options);
  const delivered: string[] = [];
  const failed: string[] = [];
  net.onDeliver(({ payload }) => delivered.push(`${payload}@${clock.nowMs()}`));
  net.onFail(({ payload, transfer }) => failed.push(`${payload}:${transfer.failure}@${clock.nowMs()}`));
  const events: NetworkEvent[] = [];
  net.on((event) => events.push(event));
  return { clock, net, delivered, failed, events };
}

describe('Network faults', () => {
  it('setLinkUp(false) freezes the link: in-flight and new messages are held, then resume shifted by the outage', () => {
    const { clock, net, delivered, events } = setup();
    net.send(d, a, 125_000, 'm1'); // 0..1000, due 1010
    net.send(d, b, 125_000, 'other'); // another link is not affected
    clock.advanceTo(500);
    net.setLinkUp(d, a, false);
    expect(clock.pendingCount).toBe(1); // m1's timer is cancelled
    clock.advanceTo(800);
    const held = net.send(d, a, 125_000, 'm2');
    expect(held).toMatchObject({ status: 'held', startMs: null, deliverAtMs: null });
    clock.advanceTo(1500);
    expect(delivered).toEqual(['other@1010']);
    expect(net.linkStats(d, a)).toMatchObject({ inFlight: 2, queueLength: 2, backlogBytes: 62_500 + 125_000, bytesPerSec: 0 }); // down for the whole window
    net.setLinkUp(d, a, true); // down for 1000 ms
    clock.runUntilIdle();
    expect(delivered).toEqual(['other@1010', 'm1@2010', 'm2@3010']);
    expect(events.filter((e) => e.kind === 'link-down' || e.kind === 'link-up')).toEqual([
      { kind: 'link-down', atMs: 500, from: 'd', to: 'a', heldTransfers: 1 },
      { kind: 'link-up', atMs: 1500, from: 'd', to: 'a', resumedTransfers: 2 },
    ]);
    expect(net.link(d, a).isUp).toBe(true);
  });

  it('setLinkUp(false) holds a message that was only propagating, and adds the outage to its delivery', () => {
    const { clock, net, delivered } = setup({ latencyMs: 100 });
    net.send(d, a, 1250, 'm'); // on the wire 0..10, due 110
    clock.advanceTo(50);
    net.setLinkUp(d, a, false);
    clock.advanceTo(70);
    net.setLinkUp(d, a, true);
    net.setLinkUp(d, a, true); // already up: nothing happens
    clock.runUntilIdle();
    expect(delivered).toEqual(['m@130']);
  });

  it('new Network(world) with a link that is down holds its traffic until setLinkUp(true)', () => {
    const clock = new VirtualClock();
    const world = createWorld(['a', 'b'], { link: { bandwidthMbps: 1, latencyMs: 0 } });
    world.links[0]!.isUp = false;
    const net = new Network(world, clock);
    expect(net.send(a, b, 125, 'x').status).toBe('held');
    clock.advanceTo(50);
    net.setLinkUp(a, b, true);
    expect(net.snapshot().transfers[0]).toMatchObject({ status: 'in-flight', startMs: 50, deliverAtMs: 51 });
  });

  it('setNodeUp(false) fails every transfer from or to the node at once and reports it after failureDetectionMs', () => {
    const { clock, net, delivered, failed, events } = setup({}, { failureDetectionMs: 300 });
    net.send(d, a, 125_000, 'to-a');
    net.send(d, a, 125_000, 'to-a-queued');
    net.send(a, b, 125_000, 'from-a');
    net.send(d, b, 125_000, 'bystander');
    clock.advanceTo(400);
    net.setNodeUp(a, false);
    expect(events.at(-1)).toEqual({ kind: 'node-down', atMs: 400, node: 'a', failedTransfers: 3 });
    expect(net.snapshot().transfers.map((t) => t.id)).toEqual([4]);
    clock.advanceTo(699);
    expect(failed).toEqual([]);
    clock.runUntilIdle();
    expect(failed).toEqual(['to-a:receiver-down@700', 'to-a-queued:receiver-down@700', 'from-a:sender-down@700']);
    expect(delivered).toEqual(['bystander@1010']);
    const failure = events.find((e) => e.kind === 'transfer-failed');
    expect(failure).toMatchObject({ atMs: 700, transfer: { id: 1, status: 'failed', failure: 'receiver-down', failedAtMs: 400 } });
    expect(net.linkStats(d, a)).toMatchObject({ messagesFailed: 2, inFlight: 0, backlogBytes: 0, bytesDelivered: 0 });
  });

  it('send() to or from a node that is down fails (never delivered), with the default immediate report', () => {
    const { clock, net, delivered, failed } = setup();
    net.setNodeUp(b, false);
    const toDead = net.send(d, b, 100, 'to-dead');
    expect(toDead).toMatchObject({ status: 'failed', failure: 'receiver-down', failedAtMs: 0, deliverAtMs: null });
    net.send(b, a, 100, 'from-dead');
    expect(failed).toEqual([]); // reported through the clock, not inside send()
    clock.runUntilIdle();
    expect(failed).toEqual(['to-dead:receiver-down@0', 'from-dead:sender-down@0']);
    expect(delivered).toEqual([]);
  });

  it('setNodeUp(true) revives a node with idle links; nothing that failed arrives later', () => {
    const { clock, net, delivered, events } = setup();
    net.send(d, a, 125_000, 'lost');
    net.send(d, a, 125_000, 'lost too');
    clock.advanceTo(100);
    net.setNodeUp(a, false);
    clock.advanceTo(200);
    net.setNodeUp(a, true);
    expect(events.at(-1)).toEqual({ kind: 'node-up', atMs: 200, node: 'a' });
    const fresh = net.send(d, a, 125_000, 'fresh');
    expect([fresh.startMs, fresh.deliverAtMs]).toEqual([200, 1210]);
    clock.runUntilIdle();
    expect(delivered).toEqual(['fresh@1210']);
  });

  it('setNodeUp(false) also fails what a down link was holding; the link is idle when it comes back', () => {
    const { clock, net, failed, delivered } = setup();
    net.send(d, a, 125_000, 'on the wire'); // 0..1000
    clock.advanceTo(100);
    net.setLinkUp(d, a, false);
    net.send(d, a, 10, 'held');
    clock.advanceTo(200);
    net.setNodeUp(a, false);
    net.setNodeUp(a, true);
    clock.advanceTo(300);
    net.setLinkUp(d, a, true);
    expect(net.send(d, a, 125, 'fresh')).toMatchObject({ startMs: 300, deliverAtMs: 311 });
    clock.runUntilIdle();
    expect(failed).toEqual(['on the wire:receiver-down@200', 'held:receiver-down@200']);
    expect(delivered).toEqual(['fresh@311']);
  });

  it('setNodeUp(id, isUp) checks its arguments', () => {
    const { net } = setup();
    expect(() => net.setNodeUp(nodeId('ghost'), false)).toThrow(/'id': there is no node 'ghost'/);
    expect(() => net.setNodeUp(a, 'no' as unknown as boolean)).toThrow(TypeError);
    expect(() => net.setLinkUp(a, b, 0 as unknown as boolean)).toThrow(TypeError);
  });
});
