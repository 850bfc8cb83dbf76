/**
 * One emulation run from start to report: plan, deploy, stream requests for a duration, apply scheduled faults,
 * drain, and count. The same function drives virtual time and real workers; only `waitUntil` differs.
 */
import type { ClusterBackend } from './backend';
import { defaultWindow, Dispatcher, type DispatcherOptions } from './dispatcher';
import { applyFault, type ScheduledFault } from './fault-schedule';
import type { FaultFigures } from './fault-log';
import type { LatencySummary } from './percentiles';
import type { PlanReport } from '../planner/types';

export interface SessionOptions extends Omit<DispatcherOptions, 'backend'> {
  durationSec: number;
  faults?: ScheduledFault[];
  /** Closed loop keeps `window` requests outstanding; open loop accepts `ratePerSec` requests per second. */
  load?: { mode: 'closed' } | { mode: 'open'; ratePerSec: number };
  /** Longest wait after the duration for the last requests (default 120 s). */
  drainSec?: number;
  onDispatcher?: (dispatcher: Dispatcher) => void;
}

export interface EmulationReport {
  predictedThroughput: number | null;
  measuredThroughput: number;
  requests: number;
  completed: number;
  lost: number;
  duplicated: number;
  latencyMs: LatencySummary;
  faults: FaultFigures[];
  hostBound: boolean;
  plan: PlanReport | null;
  finalPhase: string;
  pauseReason: string;
  suppressedDuplicates: number;
}

export async function runSession(options: SessionOptions, backend: ClusterBackend, waitUntil: (atMs: number) => Promise<void>): Promise<EmulationReport> {
  const dispatcher = new Dispatcher({ ...options, backend });
  options.onDispatcher?.(dispatcher);
  const clock = backend.clock;
  const delivered = new Set<number>();
  let duplicated = 0;
  const completions: number[] = [];
  let hostBound = false;
  const startMs = clock.nowMs();
  const endMs = startMs + options.durationSec * 1000;
  let accepting = true;
  const load = options.load ?? { mode: 'closed' };

  let firstPlan: PlanReport | null = null;
  dispatcher.on((event) => {
    if (event.kind === 'plan') firstPlan ??= event.plan;
    if (event.kind !== 'result') return;
    // counted here, outside the dispatcher, so that a bookkeeping bug would show as a duplicate
    if (delivered.has(event.requestId)) duplicated++;
    delivered.add(event.requestId);
    if (event.atMs <= endMs) completions.push(event.atMs);
    if (accepting && load.mode === 'closed') dispatcher.accept();
  });
  dispatcher.start();
  if (load.mode === 'closed') {
    const window = options.window ?? (dispatcher.plan ? defaultWindow(dispatcher.plan) : 8);
    for (let i = 0; i < window; i++) dispatcher.accept();
  } else {
    const periodMs = 1000 / load.ratePerSec;
    const tick = (atMs: number) => {
      if (!accepting || atMs > endMs) return;
      dispatcher.accept();
      clock.schedule(atMs + periodMs, () => tick(atMs + periodMs));
    };
    tick(startMs);
  }
  for (const fault of options.faults ?? []) clock.schedule(startMs + fault.atSec * 1000, () => applyFault(dispatcher, fault));
  const hostWatch = setInterval(clock, 500, () => {
    if (dispatcher.snapshot().nodes.some((n) => n.hostBound)) hostBound = true;
  });

  await waitUntil(endMs);
  accepting = false;
  const drainEndMs = endMs + (options.drainSec ?? 120) * 1000;
  for (let t = endMs; dispatcher.ledger.completed < dispatcher.ledger.accepted && t < drainEndMs; t += 250) {
    if (dispatcher.state === 'paused') break; // nothing can finish until a repair that will not come
    await waitUntil(t + 250);
  }
  hostWatch();
  const snapshot = dispatcher.snapshot();
  dispatcher.stop();
  backend.dispose();
  return {
    predictedThroughput: (firstPlan as PlanReport | null)?.throughputPerSec ?? null,
    measuredThroughput: steadyRate(completions),
    requests: dispatcher.ledger.accepted,
    completed: dispatcher.ledger.completed,
    lost: dispatcher.ledger.accepted - dispatcher.ledger.completed,
    duplicated,
    latencyMs: dispatcher.metrics.overallLatency(),
    faults: dispatcher.faults.figures(startMs),
    hostBound,
    plan: dispatcher.plan,
    finalPhase: snapshot.phase,
    pauseReason: snapshot.pauseReason,
    suppressedDuplicates: snapshot.suppressedDuplicates,
  };
}

/** Completions per second between the first and the last completion: the pipeline's steady rate. */
export function steadyRate(completionTimesMs: readonly number[]): number {
  if (completionTimesMs.length < 2) return 0;
  const spanMs = completionTimesMs[completionTimesMs.length - 1] - completionTimesMs[0];
  return spanMs > 0 ? ((completionTimesMs.length - 1) * 1000) / spanMs : 0;
}

/** A repeating timer on any Clock; returns its stop function. */
function setInterval(clock: ClusterBackend['clock'], periodMs: number, fn: () => void): () => void {
  let id = clock.schedule(clock.nowMs() + periodMs, function tick() {
    fn();
    id = clock.schedule(clock.nowMs() + periodMs, tick);
  });
  return () => clock.cancel(id);
}
