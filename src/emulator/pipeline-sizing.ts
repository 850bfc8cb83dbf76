/** How many requests to keep in the pipeline, and how long to wait for one before sending it again. */
import type { PlanReport } from '../planner/types';

/**
 * Enough requests in flight to keep every stage and hop that takes real time busy (one each, plus slack for
 * jitter) without piling up queues: with steady times K + 1 already reaches 1 / bottleneck; more only adds latency.
 */
export function defaultWindow(report: PlanReport): number {
  const significant = [...report.stages.map((s) => s.computeMs), ...report.hops.map((h) => h.ms)].filter((ms) => ms >= 0.1 * report.bottleneckMs);
  return significant.length + 2;
}

/** A request not back after this long was lost on the way (a dropped message), not merely queued. */
export function defaultTimeoutMs(report: PlanReport, window: number): number {
  return Math.max(2000, 4 * (report.latencyMs + window * report.bottleneckMs));
}
