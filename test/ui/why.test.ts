import { describe, expect, it } from 'vitest';
import { toCluster, uniformScenario } from '../../src/emulator/scenario';
import { plan, type PlanReport } from '../../src/planner/index';
import { contrastPlans, explainPlan } from '../../src/ui/lab/why';
import { chainProfile } from '../emulator/helpers';

const MB = 2 ** 20;

describe('explainPlan(report, profile, cluster)', () => {
  it('names a slow stage and what would relieve it', () => {
    // slow devices on fast links: compute is the bottleneck
    const cluster = toCluster(uniformScenario(3, { memoryBytes: 64 * MB, gflops: 0.1 }, { bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 }));
    const report = plan(chainProfile(), cluster) as PlanReport;
    expect(report.limitedBy?.kind).toBe('stage');
    const lines = explainPlan(report, chainProfile(), cluster);
    expect(lines[0]).toMatch(/^The bottleneck is stage \d on n\d: blocks \d+-\d+ need \d+\.0 MFLOPs at 0.1 GFLOPS/);
    expect(lines[0]).toContain('splitting its');
    expect(lines.some((l) => l.includes('proven optimal') || l.includes('lower bound'))).toBe(true);
  });

  it("names the dispatcher's link when the input is what limits", () => {
    const cluster = toCluster(uniformScenario(3, { memoryBytes: 64 * MB, gflops: 100 }, { bandwidthMbps: 1, latencyMs: 0, jitterMs: 0, lossRate: 0 }));
    const report = plan(chainProfile(), cluster) as PlanReport;
    const lines = explainPlan(report, chainProfile(), cluster);
    expect(lines[0]).toContain("The bottleneck is the dispatcher's link");
    expect(lines[0]).toContain('no split can shrink the input');
    expect(lines.some((l) => /nodes? (is|are) left idle/.test(l))).toBe(true);
  });

  it('says throughput has no limit when nothing takes time', () => {
    const cluster = toCluster(uniformScenario(2, { memoryBytes: 64 * MB, gflops: 1 }, { bandwidthMbps: 10, latencyMs: 0, jitterMs: 0, lossRate: 0 }));
    const report = { ...(plan(chainProfile(), cluster) as PlanReport), limitedBy: null };
    expect(explainPlan(report, chainProfile(), cluster)[0]).toContain('no limit');
  });

  it('says how far above the lower bound a plan is, and what that means for the optimum', () => {
    const cluster = toCluster(uniformScenario(3, { memoryBytes: 64 * MB, gflops: 0.1 }, { bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 }));
    const report = { ...(plan(chainProfile(), cluster) as PlanReport) };
    const loose = { ...report, lowerBoundMs: report.bottleneckMs / 1.92 };
    const line = explainPlan(loose, chainProfile(), cluster).find((l) => l.includes('lower bound'));
    expect(line).toContain('is 92.0 % above that bound, so it is at most 92.0 % slower than the optimum, which lies between the two.');
    expect(line).not.toContain('within');
  });
});

describe('contrastPlans(a, b, profile, cluster)', () => {
  it('says how much slower the worse plan is, what holds it back and how the other is arranged', () => {
    const cluster = toCluster(uniformScenario(4, { memoryBytes: 64 * MB, gflops: 0.1 }, { bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 }));
    const best = plan(chainProfile(), cluster, { algorithm: 'best' }) as PlanReport;
    const random = plan(chainProfile(), cluster, { algorithm: 'random', seed: 3 }) as PlanReport;
    const slow = { ...random, bottleneckMs: best.bottleneckMs * 1.92, limitedBy: best.limitedBy, algorithm: 'kpath' as const };
    const lines = contrastPlans(slow, best, chainProfile(), cluster);
    expect(lines[0]).toMatch(/^kpath's plan is 92\.0 % slower than best's: its bottleneck is .+ against .+, so it serves 52 % of the requests per second\.$/);
    expect(lines[1]).toMatch(/^kpath \(\d stages? on [n\d, ]+\): the bottleneck is /);
    expect(lines[2]).toMatch(/^best avoids it with \d stages? on /);
    expect(contrastPlans(best, { ...best, algorithm: 'optimal' }, chainProfile(), cluster)[0]).toContain('reach the same bottleneck');
  });
});
