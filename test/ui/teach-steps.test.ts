import { describe, expect, it } from 'vitest';
import { toCluster, uniformScenario } from '../../src/emulator/scenario';
import type { ModelSummary } from '../../src/model/index';
import { plan, type PlanReport } from '../../src/planner/index';
import { teachSteps } from '../../src/ui/lab/teach-steps';
import { chainProfile } from '../emulator/helpers';

const summary = { name: 'chain', nodeCount: 16, paramCount: 1e6, flops: 80e6, cutCount: 7, blocks: [] } as unknown as ModelSummary;
const cluster = toCluster(uniformScenario(3, { memoryBytes: 64 * 2 ** 20, gflops: 0.5 }, { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 }));

describe('teachSteps(summary, profile, plan, faults)', () => {
  it('explains the model and its cuts before any plan', () => {
    const steps = teachSteps(summary, chainProfile(), null, []);
    expect(steps.map((s) => s.title)).toEqual(['1. The model is a graph', '2. Cut points: where one tensor carries everything']);
    expect(steps[1].text).toContain('7 such points, giving 8 blocks');
    expect(steps[1].figure).toMatchObject({ kind: 'bars' });
  });

  it('walks through partitioning, placement and failures with the plan, highlighting the bottleneck', () => {
    const report = plan(chainProfile(), cluster) as PlanReport;
    const steps = teachSteps(summary, chainProfile(), report, []);
    expect(steps).toHaveLength(5);
    expect(steps[2].figure.kind).toBe('stages');
    const placement = steps[3].figure;
    if (placement.kind !== 'bars') throw new Error('bars expected');
    expect(placement.items.filter((i) => i.highlight)).toHaveLength(1);
    expect(placement.items).toHaveLength(report.stages.length + report.hops.length);
    expect(steps[4].text).toContain('heartbeat');
  });

  it('uses the figures of the last recovered failure', () => {
    const report = plan(chainProfile(), cluster) as PlanReport;
    const fault = { kind: 'kill' as const, node: 'n2', atSec: 4, detectMs: 750, detectedBy: 'heartbeats', replanMs: 3, redeployMs: 120, firstResultMs: 1100, resent: 5, outcome: 'replanned' as const };
    const step = teachSteps(summary, chainProfile(), report, [fault])[4];
    expect(step.text).toContain('When n2 failed at 4 s');
    expect(step.text).toContain('5 unanswered requests');
  });

  it('groups long chains into at most 24 bars', () => {
    const step = teachSteps(summary, chainProfile(500), null, [])[0];
    if (step.figure.kind !== 'bars') throw new Error('bars expected');
    expect(step.figure.items.length).toBeLessThanOrEqual(24);
    expect(step.figure.unit).toContain('max of');
  });
});
