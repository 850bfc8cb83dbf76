import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/netsim/clock';
import { VirtualPacer } from '../../src/ui/lab/virtual-pacer';

function fakeTimers() {
  let now = 0;
  let tick: (() => void) | null = null;
  return {
    timers: { nowMs: () => now, every: (_: number, fn: () => void) => ((tick = fn), () => (tick = null)) },
    advance(ms: number) {
      now += ms;
      tick?.();
    },
    get stopped() {
      return tick === null;
    },
  };
}

describe('VirtualPacer', () => {
  it('moves virtual time with the wall clock, slower by the time scale', () => {
    const clock = new VirtualClock();
    const fake = fakeTimers();
    const pacer = new VirtualPacer(clock, 2, fake.timers);
    fake.advance(400);
    expect(clock.nowMs()).toBe(200);
    pacer.setTimeScale(0.5);
    fake.advance(100);
    expect(clock.nowMs()).toBe(400);
    pacer.dispose();
    expect(fake.stopped).toBe(true);
  });

  it('freezes time while paused and resumes without a jump', () => {
    const clock = new VirtualClock();
    const fake = fakeTimers();
    const pacer = new VirtualPacer(clock, 1, fake.timers);
    fake.advance(100);
    pacer.pause();
    fake.advance(5000);
    expect(clock.nowMs()).toBe(100);
    pacer.resume();
    fake.advance(50);
    expect(clock.nowMs()).toBe(150);
  });

  it('drops a long backlog (a hidden tab) instead of replaying it in one go', () => {
    const clock = new VirtualClock();
    const fake = fakeTimers();
    new VirtualPacer(clock, 1, fake.timers);
    fake.advance(60_000);
    expect(clock.nowMs()).toBe(1000);
    fake.advance(100);
    expect(clock.nowMs()).toBe(1100);
  });

  it('setTimeScale(x) refuses a scale that is not a finite number > 0', () => {
    const pacer = new VirtualPacer(new VirtualClock(), 1, fakeTimers().timers);
    expect(() => pacer.setTimeScale(0)).toThrow(RangeError);
  });
});
