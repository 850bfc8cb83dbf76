/** A whole emulation in virtual time: discrete events, no inference, as fast as the CPU allows. Deterministic per seed. */
import type { NetworkOptions } from '../netsim/types';
import type { ScheduledFault } from './fault-schedule';
import { RunLoop, type RunLoopOptions, type RunReport } from './run-loop';
import { SimBackend } from './sim-backend';

export interface VirtualRunOptions extends Omit<RunLoopOptions, 'backend'> {
  durationSec: number;
  faults?: ScheduledFault[];
  /** Longest wait after the duration for the last requests (default 120 s). */
  drainSec?: number;
  network?: Omit<NetworkOptions, 'linkFor'>;
  /** Called with the run loop before it starts (tests watch its events). */
  onRun?: (run: RunLoop) => void;
  /** Called after every hundredth of the duration simulated (a long run's progress line). */
  onProgress?: (label: string, fraction: number) => void;
}

export async function runVirtual(options: VirtualRunOptions): Promise<RunReport> {
  const { durationSec, faults = [], drainSec, network, onRun, onProgress, ...rest } = options;
  const backend = new SimBackend({ scenario: options.scenario, network: { seed: options.seed ?? 1, ...network } });
  const run = new RunLoop({ ...rest, backend });
  run.schedule(faults, durationSec);
  onRun?.(run);
  const clock = backend.clock;
  const startMs = clock.nowMs();
  const stepMs = Math.max(1000, durationSec * 10); // a hundredth of the run, at least a simulated second
  // advancing in steps runs the same timers in the same order as one jump (each step runs what is due by its end)
  const advance = async (atMs: number) => {
    const targetMs = Math.max(atMs, clock.nowMs());
    if (!onProgress) return void clock.advanceTo(targetMs);
    do {
      clock.advanceTo(Math.min(targetMs, clock.nowMs() + stepMs));
      const elapsedMs = clock.nowMs() - startMs;
      if (elapsedMs <= durationSec * 1000) onProgress(`simulating ${durationSec} s`, elapsedMs / (durationSec * 1000)); // the drain after it is not counted
    } while (clock.nowMs() < targetMs);
  };
  return run.runFor(durationSec, advance, drainSec);
}
