/**
 * The client's load: closed loop (keep `window` requests outstanding; each answer lets the next one in) or open
 * loop (requests at a fixed rate, whatever happens to them). It can be paused, resumed and re-aimed; it only
 * calls `accept` on a clock and counts nothing itself.
 */
import type { Clock, TimerId } from '../netsim/clock';

export type LoadMode = { mode: 'closed'; window?: number } | { mode: 'open'; ratePerSec: number };

export interface LoadTarget {
  readonly clock: Clock;
  accept(): void;
  /** Requests accepted and neither answered nor given up. */
  outstanding(): number;
  /** The window the closed loop keeps when none was set (the dispatcher's, from its plan). */
  defaultWindow(): number;
}

export class LoadGenerator {
  private load: LoadMode;
  private isPaused = false;
  private isStopped = false;
  private timer: TimerId | null = null;

  constructor(
    private readonly target: LoadTarget,
    load: LoadMode = { mode: 'closed' },
  ) {
    this.load = checked(load);
  }

  get mode(): LoadMode {
    return this.load;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Requests the closed loop keeps outstanding now (0 in open loop). */
  get window(): number {
    return this.load.mode === 'closed' ? (this.load.window ?? this.target.defaultWindow()) : 0;
  }

  start(): void {
    this.restartOpen();
    this.topUp();
  }

  set(load: LoadMode): void {
    this.load = checked(load);
    this.restartOpen();
    this.topUp();
  }

  /** No new requests; the ones accepted still finish. */
  pause(): void {
    this.isPaused = true;
    this.restartOpen();
  }

  resume(): void {
    this.isPaused = false;
    this.restartOpen();
    this.topUp();
  }

  /** For good (the end of a run's duration). */
  stop(): void {
    this.isStopped = true;
    this.restartOpen();
  }

  /** Closed loop: accept until `window` requests are outstanding. Call after each answer and each new plan. */
  topUp(): void {
    if (this.isStopped || this.isPaused || this.load.mode !== 'closed') return;
    for (let k = this.target.outstanding(); k < this.window; k++) this.target.accept();
  }

  private restartOpen(): void {
    const clock = this.target.clock;
    if (this.timer !== null) clock.cancel(this.timer);
    this.timer = null;
    if (this.isStopped || this.isPaused || this.load.mode !== 'open') return;
    const periodMs = 1000 / this.load.ratePerSec;
    // absolute deadlines from one anchor: the rate never drifts with the clock's timer granularity
    const anchorMs = clock.nowMs();
    let k = 0;
    const tick = () => {
      this.target.accept();
      this.timer = clock.schedule(anchorMs + ++k * periodMs, tick);
    };
    tick();
  }
}

function checked(load: LoadMode): LoadMode {
  if (load.mode === 'open' && !(load.ratePerSec > 0 && Number.isFinite(load.ratePerSec))) throw new RangeError(`'ratePerSec' must be a finite number > 0, got ${load.ratePerSec}`);
  if (load.mode === 'closed' && load.window !== undefined && !(Number.isInteger(load.window) && load.window >= 1)) throw new RangeError(`'window' must be an integer >= 1, got ${load.window}`);
  return load;
}
