/**
 * Drives a virtual clock at a chosen pace against the wall clock, so a simulated run can be watched live:
 * speed 1 is real time, 10 is ten times slower. Pausing freezes emulated time; the pace can change at once.
 */
import type { VirtualClock } from '../../netsim/clock';

export interface PacerTimers {
  nowMs(): number;
  every(periodMs: number, fn: () => void): () => void;
}

/** Emulated ms one tick may run at most: a backlog (a hidden tab) is dropped, not replayed in one long task. */
const MAX_STEP_MS = 1000;

export class VirtualPacer {
  private anchorWallMs: number;
  private anchorClockMs: number;
  private paused = false;
  private readonly stop: () => void;

  constructor(
    private readonly clock: VirtualClock,
    private timeScale: number,
    private readonly timers: PacerTimers,
    tickMs = 40,
  ) {
    this.anchorWallMs = timers.nowMs();
    this.anchorClockMs = clock.nowMs();
    this.stop = timers.every(tickMs, () => this.tick());
  }

  setTimeScale(timeScale: number): void {
    if (!(timeScale > 0 && Number.isFinite(timeScale))) throw new RangeError(`'timeScale' must be a finite number > 0, got ${timeScale}`);
    this.reanchor();
    this.timeScale = timeScale;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.reanchor();
    this.paused = false;
  }

  dispose(): void {
    this.stop();
  }

  private tick(): void {
    if (this.paused) return;
    const target = this.anchorClockMs + (this.timers.nowMs() - this.anchorWallMs) / this.timeScale;
    const now = this.clock.nowMs();
    if (target <= now) return;
    if (target - now > MAX_STEP_MS) {
      this.clock.advanceTo(now + MAX_STEP_MS);
      this.reanchor();
      return;
    }
    this.clock.advanceTo(target);
  }

  private reanchor(): void {
    this.anchorWallMs = this.timers.nowMs();
    this.anchorClockMs = this.clock.nowMs();
  }
}
