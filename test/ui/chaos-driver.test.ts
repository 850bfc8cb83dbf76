import { describe, expect, it } from 'vitest';
import { isRepair, type ScheduledFault } from '../../src/emulator/fault-schedule';
import { VirtualClock } from '../../src/netsim/clock';
import { ChaosDriver } from '../../src/ui/lab/chaos-driver';

function run(perMin: number, seed: number, untilMs: number, stopAtMs?: number) {
  const clock = new VirtualClock();
  const applied: (ScheduledFault & { atMs: number })[] = [];
  const chaos = new ChaosDriver(clock, ['n1', 'n2', 'n3'], (f) => applied.push({ ...f, atMs: clock.nowMs() }), seed);
  chaos.setRate(perMin);
  if (stopAtMs !== undefined) clock.schedule(stopAtMs, () => chaos.stop());
  clock.advanceTo(untilMs);
  return applied;
}

describe('ChaosDriver', () => {
  it('injects about the set rate of faults per emulated minute, each repaired', () => {
    const applied = run(3, 1, 120_000);
    const faults = applied.filter((f) => !isRepair(f));
    const repairs = applied.filter((f) => isRepair(f));
    expect(faults).toHaveLength(6);
    expect(repairs.length).toBeGreaterThanOrEqual(6);
  });

  it('replays the same faults for the same seed', () => {
    expect(run(2, 5, 60_000)).toEqual(run(2, 5, 60_000));
    expect(run(2, 5, 60_000)).not.toEqual(run(2, 6, 60_000));
  });

  it('stop() ends new faults but keeps the repairs, so the cluster heals', () => {
    const all = run(6, 3, 60_000);
    const firstFault = all.find((f) => !isRepair(f)) as ScheduledFault & { atMs: number };
    const stopped = run(6, 3, 60_000, firstFault.atMs + 1);
    const after = stopped.filter((f) => f.atMs > firstFault.atMs + 1);
    expect(after.every((f) => f.kind === 'revive' || f.kind === 'restore')).toBe(true);
  });

  it('setRate(perMin) refuses a negative rate, and 0 means off', () => {
    const chaos = new ChaosDriver(new VirtualClock(), ['n1'], () => undefined, 1);
    expect(() => chaos.setRate(-1)).toThrow(RangeError);
    expect(run(0, 1, 120_000)).toEqual([]);
  });
});
