/**
 * Time for the network simulator and everything built on it. The same code runs against the real clock
 * (emulation, in Node, pages and workers) and a virtual clock (discrete-event simulation, as fast as the CPU
 * allows). Every timer is an absolute deadline; nothing is ever shaped by chained sleeps, because nested
 * timers are clamped to 4 ms (docs/design.md, "Time").
 */
import { TimerQueue } from './timer-queue';

export type TimerId = number;

export interface Clock {
  /** Milliseconds on this clock's time line (fractional). */
  nowMs(): number;
  /** Calls `fn` once at `atMs`; a deadline in the past fires as soon as possible. Equal deadlines fire in scheduling order. */
  schedule(atMs: number, fn: () => void): TimerId;
  /** Forgets a pending timer; cancelling a fired or unknown id does nothing. */
  cancel(id: TimerId): void;
}

export interface RealClockOptions {
  /** A timer may run this much before its deadline rather than be re-armed for a sliver (default 0.1 ms, the page's performance.now() granularity). */
  earlyToleranceMs?: number;
}

function checkDeadline(atMs: number, fn: unknown): void {
  if (typeof atMs !== 'number' || Number.isNaN(atMs)) throw new TypeError(`'atMs' must be a number, got ${String(atMs)}`);
  if (atMs === Infinity) throw new RangeError(`'atMs' must be finite: a timer that never fires is not a timer`);
  if (typeof fn !== 'function') throw new TypeError(`'fn' must be a function, got ${typeof fn}`);
}

/** Waits shorter than this are armed in one go; their host error is well under a millisecond. */
const ONE_SHOT_MS = 20;

/**
 * The delay to give the host's setTimeout for a deadline `remainingMs` away. Short waits are rounded up (the
 * host may truncate fractions and fire early). Long waits fire 0.2 % + 1 ms early on purpose, then finish with
 * a short timer: Linux lets a sleep overrun by 0.1 % of its length (timer slack; measured here: a Node
 * setTimeout(8389) ran 8.7 ms late), which would make a 10 s transfer 10 ms late.
 */
export function hostDelayMs(remainingMs: number): number {
  if (remainingMs <= ONE_SHOT_MS) return Math.max(0, Math.ceil(remainingMs));
  return Math.floor(remainingMs - remainingMs / 500 - 1);
}

/**
 * Wall time from performance.now(), with one setTimeout per deadline armed for (deadline - now), rounded up.
 * Timers can fire early (Chromium truncates fractional delays, Node counts from a stale loop time, and long
 * waits are armed early on purpose, see hostDelayMs): one that fires early is re-armed for the rest. Whenever any timer fires, every due deadline runs in
 * (time, order) order, so deadlines never run out of order even if the host's timers do.
 * Caveat of the host: a timer armed from inside a deeply nested timer callback (5 levels) waits at least 4 ms.
 */
export function createRealClock(options: RealClockOptions = {}): Clock {
  const earlyToleranceMs = options.earlyToleranceMs ?? 0.1;
  if (!(earlyToleranceMs >= 0 && earlyToleranceMs < 1)) throw new RangeError(`'earlyToleranceMs' must be in [0, 1), got ${earlyToleranceMs}`);
  const queue = new TimerQueue();
  const handles = new Map<TimerId, ReturnType<typeof setTimeout>>();
  let nextId = 1;
  const nowMs = () => performance.now();

  function arm(id: TimerId, atMs: number): void {
    handles.set(
      id,
      setTimeout(() => fire(id, atMs), hostDelayMs(atMs - nowMs())),
    );
  }

  function runDue(): void {
    for (let next = queue.peek(); next !== undefined && next.atMs <= nowMs() + earlyToleranceMs; next = queue.peek()) {
      queue.pop();
      const handle = handles.get(next.id);
      if (handle !== undefined) {
        clearTimeout(handle);
        handles.delete(next.id);
      }
      next.fn();
    }
  }

  function fire(id: TimerId, atMs: number): void {
    handles.delete(id);
    try {
      runDue();
    } finally {
      // still queued: the host fired early (or a callback threw before reaching it), so wait for the rest
      if (queue.has(id)) arm(id, atMs);
    }
  }

  return {
    nowMs,
    schedule(atMs, fn) {
      checkDeadline(atMs, fn);
      const id = nextId++;
      queue.push(id, atMs, fn);
      arm(id, atMs);
      return id;
    },
    cancel(id) {
      queue.remove(id);
      const handle = handles.get(id);
      if (handle !== undefined) clearTimeout(handle);
      handles.delete(id);
    },
  };
}

/** The shared wall clock. */
export const realClock: Clock = createRealClock();

/**
 * Discrete-event time: nothing happens until the owner advances it, and then time jumps from deadline to
 * deadline. Ties run in scheduling order, so a seed replays a simulation exactly.
 */
export class VirtualClock implements Clock {
  private currentMs: number;
  private readonly queue = new TimerQueue();
  private nextId = 1;
  private isRunning = false;

  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError(`'startMs' must be a finite number, got ${startMs}`);
    this.currentMs = startMs;
  }

  nowMs(): number {
    return this.currentMs;
  }

  schedule(atMs: number, fn: () => void): TimerId {
    checkDeadline(atMs, fn);
    const id = this.nextId++;
    // a deadline in the past fires at the current time, after what is already due now
    this.queue.push(id, Math.max(atMs, this.currentMs), fn);
    return id;
  }

  cancel(id: TimerId): void {
    this.queue.remove(id);
  }

  /** Timers scheduled and not yet fired or cancelled. */
  get pendingCount(): number {
    return this.queue.size;
  }

  /** The next deadline, or undefined when idle. */
  nextAtMs(): number | undefined {
    return this.queue.peek()?.atMs;
  }

  /** Jumps to the earliest deadline and runs that one timer; false when idle. */
  step(): boolean {
    this.checkNotRunning('step');
    const next = this.queue.pop();
    if (next === undefined) return false;
    this.currentMs = next.atMs;
    this.run(next.fn);
    return true;
  }

  /** Runs every timer due up to `ms` (including ones scheduled on the way), then sets the time to `ms`. Returns the timers run. */
  advanceTo(ms: number): number {
    this.checkNotRunning('advanceTo');
    if (!Number.isFinite(ms)) throw new RangeError(`'ms' must be a finite number, got ${ms}`);
    if (ms < this.currentMs) throw new RangeError(`VirtualClock cannot go back in time: 'ms' is ${ms}, the time is already ${this.currentMs}`);
    let count = 0;
    for (let next = this.queue.peek(); next !== undefined && next.atMs <= ms; next = this.queue.peek()) {
      this.queue.pop();
      this.currentMs = next.atMs;
      this.run(next.fn);
      count++;
    }
    this.currentMs = ms;
    return count;
  }

  advanceBy(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`'ms' must be >= 0, got ${ms}`);
    return this.advanceTo(this.currentMs + ms);
  }

  /** Runs timers until none is left. Throws after `maxTimers` (a periodic timer, such as a heartbeat, never goes idle). */
  runUntilIdle(maxTimers = 10_000_000): number {
    let count = 0;
    while (this.step()) {
      if (++count >= maxTimers && this.queue.size > 0) {
        throw new RangeError(`VirtualClock.runUntilIdle ran ${count} timers and is still not idle at ${this.currentMs} ms: a timer keeps re-arming itself; use advanceTo(ms) instead`);
      }
    }
    return count;
  }

  private run(fn: () => void): void {
    this.isRunning = true;
    try {
      fn();
    } finally {
      this.isRunning = false;
    }
  }

  private checkNotRunning(call: string): void {
    if (this.isRunning) throw new Error(`VirtualClock.${call}() was called from inside a timer callback; advance the clock from the outside only`);
  }
}
