import { describe, expect, it } from 'vitest';
import { TimerQueue } from '../../src/netsim/timer-queue';

const noop = () => {};

describe('TimerQueue', () => {
  it('new TimerQueue() is empty', () => {
    const queue = new TimerQueue();
    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
  });

  it('pop() returns timers by deadline, and equal deadlines in push order', () => {
    const queue = new TimerQueue();
    const deadlines = [5, 1, 3, 1, 5, 0, 3, 1];
    deadlines.forEach((atMs, id) => queue.push(id, atMs, noop));
    const order: number[] = [];
    for (let t = queue.pop(); t; t = queue.pop()) order.push(t.id);
    expect(order).toEqual([5, 1, 3, 7, 2, 6, 0, 4]);
  });

  it('remove(id) skips the timer and reports whether it was pending', () => {
    const queue = new TimerQueue();
    queue.push(1, 10, noop);
    queue.push(2, 20, noop);
    expect(queue.remove(1)).toBe(true);
    expect(queue.remove(1)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.has(2)).toBe(true);
    expect(queue.pop()?.id).toBe(2);
  });

  it('pop() keeps the order over many random pushes', () => {
    const queue = new TimerQueue();
    let x = 7;
    const pushed: { id: number; atMs: number }[] = [];
    for (let id = 0; id < 500; id++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const atMs = x % 50;
      queue.push(id, atMs, noop);
      pushed.push({ id, atMs });
    }
    const expected = [...pushed].sort((a, b) => a.atMs - b.atMs || a.id - b.id).map((t) => t.id);
    const order: number[] = [];
    for (let t = queue.pop(); t; t = queue.pop()) order.push(t.id);
    expect(order).toEqual(expected);
  });
});
