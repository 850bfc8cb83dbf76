import { describe, expect, it } from 'vitest';
import { Dispatcher, type DispatcherOptions } from '../../src/emulator/dispatcher';
import type { DispatcherEvent, Observation } from '../../src/emulator/dispatcher-types';
import { toCluster } from '../../src/emulator/scenario';
import { SimBackend } from '../../src/emulator/sim-backend';
import { chainProfile, smallScenario } from './helpers';

/** A dispatcher alone on a virtual cluster (no run loop): the test accepts requests and changes the world itself. */
function setup(nodes = 5, options: Partial<DispatcherOptions> = {}) {
  const scenario = smallScenario(nodes);
  const world = new SimBackend({ scenario });
  const dispatcher = new Dispatcher({ profile: chainProfile(), cluster: toCluster(scenario), transport: world, deployBytes: () => 1e6, ...options });
  const events: DispatcherEvent[] = [];
  dispatcher.on((e) => events.push(e));
  const observed = () => events.flatMap((e) => (e.kind === 'observed' ? [e.observation] : []));
  const plans = () => events.flatMap((e) => (e.kind === 'plan' ? [e.plan] : []));
  /** Keeps `n` requests outstanding until `untilMs`. */
  const stream = (untilMs: number, n = 6) => {
    for (let t = world.clock.nowMs(); t < untilMs; t += 50) {
      while (dispatcher.ledger.pending < n) dispatcher.accept();
      world.clock.advanceTo(t + 50);
    }
  };
  dispatcher.start();
  return { dispatcher, world, events, observed, plans, stream };
}

const what = (o: Observation[]) => o.map((x) => x.what);

describe('Dispatcher', () => {
  it('start() plans, deploys and streams: every request answered once, nothing observed', () => {
    const { dispatcher, world, observed, stream } = setup();
    expect(dispatcher.state).toBe('deploying');
    stream(5000);
    expect(dispatcher.state).toBe('running');
    const counts = dispatcher.ledger.snapshot();
    expect(counts.completed).toBeGreaterThan(100);
    expect(counts).toMatchObject({ lost: 0, lateCopies: 0, resends: 0 });
    expect(observed()).toEqual([]);
    world.dispose();
  });

  it('notices a hung node of the plan by missed heartbeats (3 x 250 ms), re-plans without it and resends', () => {
    const { dispatcher, world, observed, plans, stream } = setup();
    stream(2000);
    const victim = dispatcher.plan!.stages[1].node;
    world.hang(victim);
    const hungAtMs = world.clock.nowMs();
    stream(5000);
    const down = observed().find((o) => o.what === 'node-down');
    expect(down).toMatchObject({ node: victim, how: 'heartbeats' });
    expect(down!.atMs - hungAtMs).toBeGreaterThan(500);
    expect(down!.atMs - hungAtMs).toBeLessThanOrEqual(1000);
    expect(plans()).toHaveLength(2);
    expect(plans()[1].stages.map((s) => s.node)).not.toContain(victim);
    expect(dispatcher.ledger.snapshot().resends).toBeGreaterThan(0);
    world.dispose();
  });

  it('does not watch spares: a spare that dies is not noticed, and costs nothing', () => {
    const { dispatcher, world, observed, stream } = setup(6);
    stream(1000);
    const spare = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].find((id) => !dispatcher.plan!.stages.some((s) => s.node === id))!;
    world.kill(spare);
    stream(4000);
    expect(observed()).toEqual([]);
    world.dispose();
  });

  it('learns a slowed device from its stage times only, corrects its belief, and moves off it', () => {
    const { dispatcher, world, observed, plans, stream } = setup(6);
    stream(2000);
    const slow = dispatcher.plan!.stages[0].node;
    world.setNodeSpeed(slow, 0.1);
    stream(8000);
    const speed = observed().find((o) => o.what === 'node-speed');
    expect(speed).toMatchObject({ node: slow, nominalGflops: 1 });
    expect(speed && 'gflops' in speed ? speed.gflops : 0).toBeCloseTo(0.1, 2);
    expect(dispatcher.belief.gflopsOf(slow)).toBeCloseTo(0.1, 2);
    expect(
      plans()
        .at(-1)!
        .stages.map((s) => s.node),
    ).not.toContain(slow);
    world.dispose();
  });

  it('with adapt false (as SEIFER) never re-plans on measurements', () => {
    const { dispatcher, world, observed, plans, stream } = setup(6, { adapt: false });
    stream(2000);
    world.setNodeSpeed(dispatcher.plan!.stages[0].node, 0.1);
    stream(8000);
    expect(observed()).toEqual([]);
    expect(plans()).toHaveLength(1);
    world.dispose();
  });

  it('learns a cut link from the stall its sender reports, routes around it, and notices the repair by a probe', () => {
    const { dispatcher, world, observed, stream } = setup(6);
    stream(2000);
    const [a, b] = dispatcher.plan!.stages.map((s) => s.node);
    world.setLinkUp(a, b, false);
    world.setLinkUp(b, a, false);
    stream(5000);
    expect(what(observed())).toContain('link-down');
    expect(dispatcher.belief.isLinkDead(a, b)).toBe(true);
    world.setLinkUp(a, b, true);
    world.setLinkUp(b, a, true);
    stream(14000);
    expect(observed().some((o) => o.what === 'link-back' && o.from === a && o.to === b)).toBe(true);
    expect(dispatcher.belief.isLinkDead(a, b)).toBe(false);
    expect(dispatcher.ledger.snapshot()).toMatchObject({ lost: 0 });
    world.dispose();
  });

  it('resends a request whose message was lost, and gives it up after maxTimeouts copies', () => {
    const { dispatcher, world, observed, events, stream } = setup(5, { requestTimeoutMs: 500, maxTimeouts: 2 });
    stream(1000);
    const first = dispatcher.plan!.stages[0].node;
    world.dropMessages('dispatcher', first, 1);
    stream(3000);
    expect(observed().some((o) => o.what === 'request-timeout')).toBe(true);
    expect(dispatcher.ledger.snapshot().lost).toBe(0);
    world.dropMessages('dispatcher', first, 1000);
    stream(6000);
    expect(dispatcher.ledger.snapshot().lost).toBeGreaterThan(0);
    expect(events.some((e) => e.kind === 'lost')).toBe(true);
    world.dispose();
  });

  it('pauses with the reason in the words of the run when every node is down, and resumes when one answers again', () => {
    const { dispatcher, world, stream } = setup(3, {});
    stream(1000);
    for (const id of ['n1', 'n2', 'n3']) world.kill(id);
    stream(4000);
    expect(dispatcher.state).toBe('paused');
    expect(dispatcher.pausedBecause).toBe('Every node is down (n1, n2, n3): requests are held until a node comes back.');
    const held = dispatcher.ledger.pending;
    expect(held).toBeGreaterThan(0);
    expect(dispatcher.ledger.snapshot().lost).toBe(0);
    for (const id of ['n1', 'n2', 'n3']) world.revive(id);
    stream(8000);
    expect(dispatcher.state).toBe('running');
    expect(dispatcher.ledger.snapshot().lost).toBe(0);
    world.dispose();
  });

  it('re-plans with the algorithm it started with', () => {
    const { dispatcher, world, plans, stream } = setup(7, { algorithm: 'kpath' });
    stream(1000);
    world.kill(dispatcher.plan!.stages[0].node);
    stream(3000);
    expect(plans().map((p) => p.algorithm)).toEqual(['kpath', 'kpath']);
    world.dispose();
  });
});
