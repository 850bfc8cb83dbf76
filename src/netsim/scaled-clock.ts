import type { Clock, TimerId } from './clock';

/**
 * Slow (or fast) motion over another clock: emulated ms = base ms / scale, so scale 10 runs ten times slower
 * than the base (raftscope's `wallMicrosElapsed / speed`). The scale can change at run time: the time line is
 * re-anchored at the change, so emulated time stays continuous, and pending timers are re-armed on the base.
 */
export class ScaledClock implements Clock {
  private readonly base: Clock;
  private currentScale: number;
  private anchorBaseMs: number;
  private anchorMs: number;
  private nextId = 1;
  private readonly pending = new Map<TimerId, { atMs: number; fn: () => void; baseId: TimerId }>();

  constructor(base: Clock, scale = 1, startMs = 0) {
    checkScale(scale);
    if (!Number.isFinite(startMs)) throw new RangeError(`'startMs' must be a finite number, got ${startMs}`);
    this.base = base;
    this.currentScale = scale;
    this.anchorBaseMs = base.nowMs();
    this.anchorMs = startMs;
  }

  get scale(): number {
    return this.currentScale;
  }

  nowMs(): number {
    return this.anchorMs + (this.base.nowMs() - this.anchorBaseMs) / this.currentScale;
  }

  schedule(atMs: number, fn: () => void): TimerId {
    if (typeof fn !== 'function') throw new TypeError(`'fn' must be a function, got ${typeof fn}`);
    const id = this.nextId++;
    this.pending.set(id, { atMs, fn, baseId: this.arm(id, atMs) });
    return id;
  }

  cancel(id: TimerId): void {
    const timer = this.pending.get(id);
    if (timer === undefined) return;
    this.base.cancel(timer.baseId);
    this.pending.delete(id);
  }

  /** Changes the speed from now on; timers already armed keep their emulated deadlines. */
  setScale(scale: number): void {
    checkScale(scale);
    const nowMs = this.nowMs();
    this.anchorBaseMs = this.base.nowMs();
    this.anchorMs = nowMs;
    this.currentScale = scale;
    // Map iteration follows insertion (= scheduling) order, so ties keep their order on the base clock
    for (const [id, timer] of this.pending) {
      this.base.cancel(timer.baseId);
      timer.baseId = this.arm(id, timer.atMs);
    }
  }

  private arm(id: TimerId, atMs: number): TimerId {
    const baseAtMs = this.anchorBaseMs + (atMs - this.anchorMs) * this.currentScale;
    return this.base.schedule(baseAtMs, () => {
      const timer = this.pending.get(id);
      if (timer === undefined) return;
      this.pending.delete(id);
      timer.fn();
    });
  }
}

function checkScale(scale: number): void {
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`'scale' must be a finite number > 0 (10 = ten times slower), got ${scale}`);
}
