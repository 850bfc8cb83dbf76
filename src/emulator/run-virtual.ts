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
}

export async function runVirtual(options: VirtualRunOptions): Promise<RunReport> {
  const { durationSec, faults = [], drainSec, network, onRun, ...rest } = options;
  const backend = new SimBackend({ scenario: options.scenario, network: { seed: options.seed ?? 1, ...network } });
  const run = new RunLoop({ ...rest, backend });
  run.schedule(faults, durationSec);
  onRun?.(run);
  const clock = backend.clock;
  return run.runFor(durationSec, async (atMs) => void clock.advanceTo(Math.max(atMs, clock.nowMs())), drainSec);
}
