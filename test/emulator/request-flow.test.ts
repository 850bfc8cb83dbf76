import { describe, expect, it } from 'vitest';
import { RequestFlow } from '../../src/emulator/request-flow';

describe('RequestFlow', () => {
  it('pump(window) sends queued requests while the window has room', () => {
    const flow = new RequestFlow();
    for (let i = 0; i < 5; i++) flow.accept(0);
    const sent: number[] = [];
    flow.pump(3, 1, (id) => sent.push(id));
    expect(sent).toEqual([0, 1, 2]);
    expect([flow.inFlightCount, flow.queued]).toEqual([3, 2]);
    expect(flow.complete(1, 10)).toBe(10);
    flow.pump(3, 11, (id) => sent.push(id));
    expect(sent).toEqual([0, 1, 2, 3]);
  });

  it('complete(id) gives the latency once and null for late copies', () => {
    const flow = new RequestFlow();
    flow.accept(5);
    expect(flow.complete(0, 25)).toBe(20);
    expect(flow.complete(0, 30)).toBeNull();
    expect(flow.ledger.suppressedDuplicates).toBe(1);
  });

  it('requeueOpen() resends everything unanswered, oldest first, counting what had been sent', () => {
    const flow = new RequestFlow();
    for (let i = 0; i < 4; i++) flow.accept(0);
    flow.pump(2, 0, () => undefined);
    flow.complete(0, 1);
    expect(flow.requeueOpen()).toBe(1);
    const sent: number[] = [];
    flow.pump(10, 2, (id) => sent.push(id));
    expect(sent).toEqual([1, 2, 3]);
  });

  it('requeueLate(now, timeout) puts overdue requests back in front', () => {
    const flow = new RequestFlow();
    for (let i = 0; i < 3; i++) flow.accept(0);
    flow.pump(2, 0, () => undefined);
    expect(flow.requeueLate(500, 1000)).toBe(0);
    expect(flow.requeueLate(1500, 1000)).toBe(2);
    const sent: number[] = [];
    flow.pump(10, 1600, (id) => sent.push(id));
    expect(sent).toEqual([0, 1, 2]);
  });
});
