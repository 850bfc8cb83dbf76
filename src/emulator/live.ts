/**
 * An open-ended emulation for the page: the dispatcher plus a load generator that can be paused, resumed and
 * re-aimed, over either backend. The page's state classes drive it; it knows nothing of the DOM.
 */
import type { ClusterBackend } from './backend';
import { defaultWindow, Dispatcher, type DispatcherOptions } from './dispatcher';
import type { DispatcherSnapshot } from './dispatcher-types';

export type LoadMode = { mode: 'closed'; window?: number } | { mode: 'open'; ratePerSec: number };

export interface LiveSnapshot extends DispatcherSnapshot {
  loadPaused: boolean;
  load: LoadMode;
  /** Emulated seconds since the start. */
  elapsedSec: number;
}

export class LiveEmulation {
  readonly dispatcher: Dispatcher;
  private load: LoadMode = { mode: 'closed' };
  private loadPaused = false;
  private openTimer: number | null = null;
  private readonly startedAtMs: number;
  private disposed = false;

  constructor(
    options: Omit<DispatcherOptions, 'backend'>,
    readonly backend: ClusterBackend,
  ) {
    this.dispatcher = new Dispatcher({ ...options, backend });
    this.startedAtMs = backend.clock.nowMs();
    this.dispatcher.on((event) => {
      // closed loop: every answer lets one more request in
      if (event.kind === 'result' && !this.loadPaused && this.load.mode === 'closed') this.topUp();
      if (event.kind === 'plan' && !this.loadPaused && this.load.mode === 'closed') this.topUp();
    });
    this.dispatcher.start();
    this.topUp();
  }

  /** Outstanding requests the closed loop keeps: the plan's natural window unless set. */
  private targetOutstanding(): number {
    if (this.load.mode !== 'closed') return 0;
    const plan = this.dispatcher.plan;
    return this.load.window ?? (plan ? defaultWindow(plan) : 4);
  }

  private topUp(): void {
    if (this.disposed || this.loadPaused || this.load.mode !== 'closed') return;
    const open = this.dispatcher.ledger.accepted - this.dispatcher.ledger.completed;
    for (let k = open; k < this.targetOutstanding(); k++) this.dispatcher.accept();
  }

  setLoad(load: LoadMode): void {
    if (load.mode === 'open' && !(load.ratePerSec > 0)) throw new RangeError(`'ratePerSec' must be > 0, got ${load.ratePerSec}`);
    this.load = load;
    this.restartOpenLoop();
    this.topUp();
  }

  /** Stops accepting new requests; the ones in the cluster still finish. */
  pauseLoad(): void {
    this.loadPaused = true;
    this.restartOpenLoop();
  }

  resumeLoad(): void {
    this.loadPaused = false;
    this.restartOpenLoop();
    this.topUp();
  }

  snapshot(): LiveSnapshot {
    return {
      ...this.dispatcher.snapshot(),
      loadPaused: this.loadPaused,
      load: this.load,
      elapsedSec: (this.backend.clock.nowMs() - this.startedAtMs) / 1000,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.openTimer !== null) this.backend.clock.cancel(this.openTimer);
    this.dispatcher.stop();
    this.backend.dispose();
  }

  private restartOpenLoop(): void {
    const clock = this.backend.clock;
    if (this.openTimer !== null) clock.cancel(this.openTimer);
    this.openTimer = null;
    if (this.loadPaused || this.load.mode !== 'open' || this.disposed) return;
    const periodMs = 1000 / this.load.ratePerSec;
    const tick = (atMs: number) => {
      this.dispatcher.accept();
      this.openTimer = clock.schedule(atMs + periodMs, () => tick(atMs + periodMs));
    };
    tick(clock.nowMs());
  }
}
