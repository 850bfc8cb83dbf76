import { describe, expect, it } from 'vitest';
import { uniformScenario } from '../../src/emulator/scenario';
import type { PlanReport } from '../../src/planner/types';
import { deployFraction, deploySecondsLeft, startDeploy } from '../../src/ui/lab/deploy-progress';

const scenario = uniformScenario(2, { memoryBytes: 1, gflops: 1 }, { bandwidthMbps: 8, latencyMs: 5, jitterMs: 0, lossRate: 0 });
const plan = {
  stages: [
    { node: 'n1', firstBlock: 0, lastBlock: 0 },
    { node: 'n2', firstBlock: 1, lastBlock: 1 },
  ],
} as PlanReport;
const bytes = (first: number) => (first === 0 ? 1_000_000 : 4_000_000);

describe('startDeploy(plan, epoch, nowMs, scenario, stageBytes)', () => {
  it('estimates the slowest stage transfer over the dispatcher links', () => {
    // 4 MB at 8 Mbit/s = 4 s, plus 5 ms of latency
    expect(startDeploy(plan, 2, 100, scenario, bytes)).toEqual({ epoch: 2, done: 0, total: 2, startMs: 100, etaMs: 4005 });
  });
});

describe('deployFraction(progress, nowMs) and deploySecondsLeft(progress, nowMs)', () => {
  it('follow the clock or the confirmations, whichever is further, and never claim done early', () => {
    const progress = startDeploy(plan, 1, 0, scenario, bytes);
    expect(deployFraction(progress, 0)).toBe(0);
    expect(deployFraction(progress, 2002.5)).toBeCloseTo(0.5, 6);
    expect(deployFraction(progress, 60_000)).toBe(0.99);
    expect(deployFraction({ ...progress, done: 2 }, 10)).toBe(1);
    expect(deploySecondsLeft(progress, 1000)).toBe(3);
    expect(deploySecondsLeft(progress, 3500)).toBeNull();
  });
});
