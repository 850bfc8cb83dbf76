/**
 * Progress of deploying a plan's stage models: how many nodes confirmed, and an estimate of the time left from
 * the stage sizes and the dispatcher's links (a 45 MB model over 6 Mbit/s Wi-Fi takes a minute, and says so).
 */
import type { PlanReport } from '../../planner/types';
import { endpointIds } from '../../emulator/scenario';
import type { LabScenario } from './scenario-spec';

export interface DeployProgress {
  epoch: number;
  done: number;
  total: number;
  startMs: number;
  /** Emulated ms the slowest stage's transfer should take. */
  etaMs: number;
}

/** Stages in the planner's block (or group) numbers, `deployBytes` in the same numbers (docs/design.md, "Deploy size"). */
export function startDeploy(plan: PlanReport, epoch: number, nowMs: number, scenario: Pick<LabScenario, 'nodes' | 'links'>, deployBytes: (first: number, last: number) => number): DeployProgress {
  const ids = endpointIds(scenario);
  const from = ids.length - 1;
  const etaMs = Math.max(
    0,
    ...plan.stages.map((s) => {
      const link = scenario.links[from]?.[ids.indexOf(s.node)];
      return link ? (deployBytes(s.firstBlock, s.lastBlock) * 8) / (link.bandwidthMbps * 1000) + link.latencyMs : 0;
    }),
  );
  return { epoch, done: 0, total: plan.stages.length, startMs: nowMs, etaMs };
}

/** 0..1: confirmed stages, or the share of the estimated time gone if that is further (never 1 before the end). */
export function deployFraction(progress: DeployProgress, nowMs: number): number {
  const byTime = progress.etaMs > 0 ? Math.min(0.99, (nowMs - progress.startMs) / progress.etaMs) : 0;
  return Math.max(progress.done / Math.max(progress.total, 1), byTime);
}

/** Seconds left by the estimate, or null when nearly done. */
export function deploySecondsLeft(progress: DeployProgress, nowMs: number): number | null {
  const leftMs = progress.etaMs - (nowMs - progress.startMs);
  return leftMs > 1500 ? Math.round(leftMs / 1000) : null;
}
