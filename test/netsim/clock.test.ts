import { describe, expect, it } from 'vitest';
import { createRealClock, hostDelayMs, realClock, VirtualClock } from '../../src/netsim/clock';

describe('VirtualClock', () => {
  it('new VirtualClock() starts at 0 ms with nothing pending', () => {
    const clock = new VirtualClock();
    expect(clock.nowMs()).toBe(0);
    expect(clock.pendingCount).toBe(0);
    expect(clock.nextAtMs()).toBeUndefined();
    expect(clock.step()).toBe(false);
  });

  it('advanceTo(ms) runs due timers in (time, order) order at their own times, then stops at ms', () => {
    const clock = new VirtualClock(100);
    const log: string[] = [];
    const at = (name: string, ms: number) => clock.schedule(ms, () => log.push(`${name}@${clock.nowMs()}`));
    at('c', 130);
    at('a', 110);
    at('b1', 120);
    at('b2', 120);
    at('late', 500);
    expect(clock.advanceTo(200)).toBe(4);
    expect(log).toEqual(['a@110', 'b1@120', 'b2@120', 'c@130']);
    expect(clock.nowMs()).toBe(200);
    expect(clock.pendingCount).toBe(1);
    expect(clock.nextAtMs()).toBe(500);
  });

  it('advanceTo(ms) also runs timers that callbacks schedule on the way', () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    clock.schedule(10, () => {
      log.push(clock.nowMs());
      clock.schedule(15, () => log.push(clock.nowMs()));
      clock.schedule(10, () => log.push(clock.nowMs()));
    });
    clock.advanceTo(20);
    expect(log).toEqual([10, 10, 15]);
  });

  it('schedule(atMs) in the past fires at the current time, after what is already due', () => {
    const clock = new VirtualClock(50);
    const log: string[] = [];
    clock.schedule(50, () => log.push('due'));
    clock.schedule(10, () => log.push(`past@${clock.nowMs()}`));
    clock.runUntilIdle();
    expect(log).toEqual(['due', 'past@50']);
  });

  it('cancel(id) stops a pending timer; unknown ids are ignored', () => {
    const clock = new VirtualClock();
    let fired = 0;
    const id = clock.schedule(5, () => fired++);
    clock.cancel(id);
    clock.cancel(9999);
    expect(clock.pendingCount).toBe(0);
    expect(clock.runUntilIdle()).toBe(0);
    expect(fired).toBe(0);
  });

  it('step() jumps to the next deadline and runs exactly one timer', () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    clock.schedule(7, () => log.push(1));
    clock.schedule(7, () => log.push(2));
    expect(clock.step()).toBe(true);
    expect(clock.nowMs()).toBe(7);
    expect(log).toEqual([1]);
  });

  it('advanceTo(ms) throws when asked to go back in time', () => {
    const clock = new VirtualClock(10);
    expect(() => clock.advanceTo(9)).toThrow(/back in time/);
    expect(() => clock.advanceBy(-1)).toThrow(RangeError);
  });

  it('advanceTo(ms) throws when called from inside a timer callback', () => {
    const clock = new VirtualClock();
    clock.schedule(1, () => clock.advanceTo(5));
    expect(() => clock.runUntilIdle()).toThrow(/inside a timer callback/);
  });

  it('runUntilIdle(maxTimers) throws on a timer that re-arms itself forever', () => {
    const clock = new VirtualClock();
    const tick = () => void clock.schedule(clock.nowMs() + 250, tick);
    tick();
    expect(() => clock.runUntilIdle(100)).toThrow(/still not idle/);
  });

  it('schedule(atMs, fn) rejects NaN, Infinity and non-functions', () => {
    const clock = new VirtualClock();
    expect(() => clock.schedule(Number.NaN, () => {})).toThrow(TypeError);
    expect(() => clock.schedule(Infinity, () => {})).toThrow(RangeError);
    expect(() => clock.schedule(1, 'x' as unknown as () => void)).toThrow(TypeError);
  });
});

describe('hostDelayMs', () => {
  it('hostDelayMs(remainingMs) rounds short waits up and arms long ones 0.2 % + 1 ms early', () => {
    expect(hostDelayMs(-5)).toBe(0);
    expect(hostDelayMs(0)).toBe(0);
    expect(hostDelayMs(2.3)).toBe(3);
    expect(hostDelayMs(20)).toBe(20);
    expect(hostDelayMs(1000)).toBe(997);
    expect(hostDelayMs(8389)).toBe(8371);
  });
});

describe('realClock', () => {
  it('realClock.nowMs() follows performance.now()', () => {
    const before = performance.now();
    const now = realClock.nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(performance.now());
  });

  it('schedule(atMs) fires every timer once, in deadline order, never before its deadline (beyond the tolerance)', async () => {
    const clock = createRealClock();
    const startMs = clock.nowMs();
    const offsetsMs = [6, 1.5, 3.2, 1.5, 0, 4.7, 2.1, 6];
    const fired: { index: number; atMs: number; firedAtMs: number }[] = [];
    await new Promise<void>((resolve) => {
      offsetsMs.forEach((offsetMs, index) => {
        const atMs = startMs + offsetMs;
        clock.schedule(atMs, () => {
          fired.push({ index, atMs, firedAtMs: clock.nowMs() });
          if (fired.length === offsetsMs.length) resolve();
        });
      });
    });
    const expected = offsetsMs.map((offsetMs, index) => ({ offsetMs, index })).sort((a, b) => a.offsetMs - b.offsetMs || a.index - b.index);
    expect(fired.map((f) => f.index)).toEqual(expected.map((e) => e.index));
    for (const f of fired) expect(f.firedAtMs).toBeGreaterThanOrEqual(f.atMs - 0.1);
  });

  it('cancel(id) stops a real timer', async () => {
    const clock = createRealClock();
    const log: string[] = [];
    const id = clock.schedule(clock.nowMs() + 1, () => log.push('cancelled'));
    clock.cancel(id);
    await new Promise<void>((resolve) => clock.schedule(clock.nowMs() + 3, () => resolve()));
    expect(log).toEqual([]);
  });

  it('createRealClock(options) rejects a tolerance outside [0, 1)', () => {
    expect(() => createRealClock({ earlyToleranceMs: 2 })).toThrow(RangeError);
  });
});
