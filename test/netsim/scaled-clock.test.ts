import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/netsim/clock';
import { ScaledClock } from '../../src/netsim/scaled-clock';

describe('ScaledClock', () => {
  it('new ScaledClock(base) runs at the base speed from 0', () => {
    const base = new VirtualClock(1000);
    const clock = new ScaledClock(base);
    expect(clock.scale).toBe(1);
    expect(clock.nowMs()).toBe(0);
    base.advanceBy(40);
    expect(clock.nowMs()).toBe(40);
  });

  it('nowMs() is base time / scale, and timers fire at their scaled deadlines', () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(base, 4);
    const log: number[] = [];
    clock.schedule(100, () => log.push(base.nowMs()));
    clock.schedule(50, () => log.push(base.nowMs()));
    base.advanceTo(200);
    expect(clock.nowMs()).toBe(50);
    expect(log).toEqual([200]);
    base.runUntilIdle();
    expect(log).toEqual([200, 400]);
    expect(clock.nowMs()).toBe(100);
  });

  it('setScale(scale) keeps emulated time continuous and re-arms pending timers', () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(base, 2);
    const log: number[] = [];
    clock.schedule(30, () => log.push(base.nowMs()));
    clock.schedule(30, () => log.push(-base.nowMs()));
    base.advanceTo(20); // emulated 10
    clock.setScale(10);
    expect(clock.nowMs()).toBe(10);
    base.runUntilIdle();
    // the remaining 20 emulated ms take 200 base ms; ties keep their order
    expect(log).toEqual([220, -220]);
  });

  it('cancel(id) stops a scaled timer', () => {
    const base = new VirtualClock();
    const clock = new ScaledClock(base, 3);
    let fired = false;
    clock.cancel(clock.schedule(5, () => (fired = true)));
    base.runUntilIdle();
    expect(fired).toBe(false);
  });

  it('new ScaledClock(base, scale) rejects a scale that is not > 0', () => {
    expect(() => new ScaledClock(new VirtualClock(), 0)).toThrow(RangeError);
    expect(() => new ScaledClock(new VirtualClock(), Infinity)).toThrow(RangeError);
  });
});
