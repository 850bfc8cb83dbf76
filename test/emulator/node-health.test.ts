import { describe, expect, it } from 'vitest';
import { NodeHealth } from '../../src/emulator/node-health';
import type { NodeStatus } from '../../src/emulator/node-protocol';

const status = (slowestRunMs = 0): NodeStatus => ({ busyMs: 0, queued: 0, hostBound: false, slowestRunMs, stageEpoch: 1, latestEpoch: -1, serviceMs: null, runs: 0, hop: null });

describe('NodeHealth', () => {
  it('new NodeHealth() watches nobody', () => {
    const h = new NodeHealth(250, 3);
    expect([...h.watched()]).toEqual([]);
    expect(h.overdue(1e9)).toEqual([]);
  });

  it('overdue(now) lists watched nodes silent for missedHeartbeats periods', () => {
    const h = new NodeHealth(250, 3);
    h.watch('a', 0);
    h.watch('b', 0);
    h.answered('a', 600, status());
    expect(h.overdue(760)).toEqual(['b']);
    h.unwatch('b');
    expect(h.overdue(760)).toEqual([]);
  });

  it('stretches the deadline for a node whose inference runs long', () => {
    const h = new NodeHealth(250, 3);
    h.watch('a', 0);
    h.answered('a', 0, status(1000));
    expect(h.overdue(2000)).toEqual([]);
    expect(h.overdue(3100)).toEqual(['a']);
  });

  it('expectBusy(node, until) holds the deadline while a model loads; notBusy(node) ends it early', () => {
    const h = new NodeHealth(250, 3);
    h.watch('a', 0);
    h.expectBusy('a', 5000);
    expect(h.overdue(4000)).toEqual([]);
    h.notBusy('a', 4000);
    expect(h.overdue(4500)).toEqual([]);
    expect(h.overdue(4800)).toEqual(['a']);
  });
});

describe('NodeHealth.answered(node, at, status, roundTripMs)', () => {
  it('stretches the deadline after slow round trips (a busy host answers late), and forgets them again', () => {
    const h = new NodeHealth(250, 3);
    h.watch('a', 0);
    h.answered('a', 0, status(), 400);
    expect(h.overdue(1500)).toEqual([]);
    expect(h.overdue(1700)).toEqual(['a']);
    for (let t = 1; t <= 40; t++) h.answered('a', t, status(), 10);
    expect(h.overdue(40 + 800)).toEqual(['a']);
  });
});
