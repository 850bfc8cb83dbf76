/** A whole emulation in virtual time: discrete events, no inference, as fast as the CPU allows. Deterministic per seed. */
import type { NetworkOptions } from '../netsim/types';
import { toCluster, type Scenario } from './scenario';
import { runSession, type EmulationReport, type SessionOptions } from './session';
import { SimBackend } from './sim-backend';

export interface VirtualRunOptions extends Omit<SessionOptions, 'cluster'> {
  scenario: Scenario;
  network?: NetworkOptions;
}

export async function runVirtual(options: VirtualRunOptions): Promise<EmulationReport> {
  const backend = new SimBackend({
    scenario: options.scenario,
    inputBytes: options.profile.inputBytes,
    network: { seed: options.seed ?? 1, ...options.network },
  });
  const clock = backend.clock;
  return runSession({ ...options, cluster: toCluster(options.scenario) }, backend, async (atMs) => {
    clock.advanceTo(Math.max(atMs, clock.nowMs()));
  });
}
