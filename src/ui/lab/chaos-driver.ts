/**
 * The chaos switch: random faults at a set rate on a running cluster, each repaired later, from a seed.
 * It reuses the emulator's seeded fault schedules one emulated minute at a time.
 */
import { randomFaultSchedule } from '../../emulator/chaos';
import { isRepair, type ScheduledFault } from '../../emulator/fault-schedule';
import type { Clock, TimerId } from '../../netsim/clock';
import { createRng, type Rng } from '../../util/rng';

const WINDOW_SEC = 60;

export class ChaosDriver {
  private readonly rng: Rng;
  private readonly timers = new Set<TimerId>();
  private windowTimer: TimerId | null = null;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private readonly nodeIds: readonly string[],
    private readonly apply: (fault: ScheduledFault) => void,
    seed: number,
  ) {
    this.rng = createRng(seed ^ 0xc4a05);
  }

  /** Starts (or re-aims) the faults: `perMin` on average per emulated minute; 0 stops them. */
  setRate(perMin: number): void {
    if (!(perMin >= 0 && Number.isFinite(perMin))) throw new RangeError(`'perMin' must be a finite number >= 0, got ${perMin}`);
    this.stop();
    if (perMin === 0 || this.nodeIds.length === 0) return;
    this.running = true;
    this.planWindow(perMin, this.clock.nowMs());
  }

  /** No new faults; repairs already scheduled still happen, so the cluster heals. */
  stop(): void {
    this.running = false;
    if (this.windowTimer !== null) this.clock.cancel(this.windowTimer);
    this.windowTimer = null;
  }

  dispose(): void {
    this.stop();
    for (const id of this.timers) this.clock.cancel(id);
    this.timers.clear();
  }

  private planWindow(perMin: number, startMs: number): void {
    const whole = Math.floor(perMin);
    const count = whole + (this.rng() < perMin - whole ? 1 : 0);
    for (const fault of randomFaultSchedule(this.rng, { nodeIds: this.nodeIds, durationSec: WINDOW_SEC, count })) {
      const repairs = isRepair(fault);
      const id = this.clock.schedule(startMs + fault.atSec * 1000, () => {
        this.timers.delete(id);
        if (repairs || this.running) this.apply(fault);
      });
      this.timers.add(id);
    }
    this.windowTimer = this.clock.schedule(startMs + WINDOW_SEC * 1000, () => {
      if (this.running) this.planWindow(perMin, startMs + WINDOW_SEC * 1000);
    });
  }
}
