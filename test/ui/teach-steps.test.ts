import { describe, expect, it } from 'vitest';
import { toCluster, uniformScenario } from '../../src/emulator/scenario';
import type { ModelSummary } from '../../src/model/index';
import { plan, seiferSteps, type PlanReport } from '../../src/planner/index';
import { teachSteps, type TeachInput } from '../../src/ui/lab/teach-steps';
import { chainProfile } from '../emulator/helpers';

const summary = { name: 'chain', nodeCount: 16, paramCount: 1e6, flops: 80e6, cutCount: 7, blocks: [] } as unknown as ModelSummary;
// 16 MiB each: SEIFER's cap holds 4 blocks of 4 MiB, so the chain of 8 needs two partitions
const cluster = toCluster(uniformScenario(3, { memoryBytes: 16 * 2 ** 20, gflops: 0.5 }, { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 }));
const profile = chainProfile();
const plans = {
  kpath: plan(profile, cluster, { algorithm: 'kpath' }) as PlanReport,
  optimal: plan(profile, cluster, { algorithm: 'optimal' }) as PlanReport,
  best: plan(profile, cluster, { algorithm: 'best' }) as PlanReport,
};

function input(patch: Partial<TeachInput> = {}): TeachInput {
  return {
    summary,
    profile,
    groups: profile.blocks.map((_, i) => [i, i]),
    cluster,
    seifer: seiferSteps(profile, cluster),
    plans,
    running: plans.best,
    faults: [],
    heartbeat: { periodMs: 250, misses: 3 },
    ledger: { completed: 40, resends: 2, lost: 0, duplicated: 0 },
    ...patch,
  };
}

describe('teachSteps(input)', () => {
  it("walks SEIFER's method in order, every figure with axes and values", () => {
    const steps = teachSteps(input());
    expect(steps.map((s) => s.id)).toEqual(['graph', 'partition', 'classes', 'kpath', 'bottleneck', 'optimum', 'heartbeat', 'recovery']);
    for (const step of steps) {
      expect(step.figure.xLabel, step.id).not.toBe('');
      expect(step.figure.yLabel, step.id).not.toBe('');
      expect(step.figure.bars.length, step.id).toBeGreaterThan(0);
    }
  });

  it("draws SEIFER's partitions under the smallest node's memory on the model view, and the cap as a line", () => {
    const step = teachSteps(input())[1];
    expect(step.text).toContain('16.0 MiB');
    expect(step.figure.lines[0].value).toBeCloseTo(16);
    expect(step.focus.spans.length).toBe(2);
    expect(step.figure.bars.every((b) => b.value <= 16)).toBe(true);
  });

  it("names the class thresholds and highlights the K-path run's nodes and links in the cluster view", () => {
    const steps = teachSteps(input());
    expect(steps[2].text).toMatch(/class \d+: .* to /);
    expect(steps[2].figure.lines[0].label).toMatch(/^class \d+ from /);
    expect(steps[3].focus.nodes.length).toBe(2);
    expect(steps[3].focus.links).toHaveLength(1);
    expect(steps[4].figure.bars.filter((b) => b.highlight)).toHaveLength(1);
  });

  it('shows the heartbeat arithmetic from the measured detection (not a fixed story)', () => {
    const byHeartbeats = {
      kind: 'hang' as const,
      node: 'n2',
      atSec: 4,
      detectMs: 812,
      detectedBy: 'heartbeats',
      replanMs: 3,
      redeployMs: 120,
      firstResultMs: 1100,
      resent: 5,
      outcome: 'replanned' as const,
    };
    const step = teachSteps(input({ faults: [byHeartbeats] }))[6];
    expect(step.detection).toMatchObject({ periodMs: 250, misses: 3, detectMs: 812, limitMs: 750 });
    expect(step.text).toContain('3 × 250 ms = 750 ms');
    expect(step.text).toContain('between 500 ms and 1.00 s');
    expect(step.text).toContain('812 ms = 3.2 periods');
    const refused = { ...byHeartbeats, kind: 'kill' as const, detectMs: 27, detectedBy: 'send-failed' };
    const quick = teachSteps(input({ faults: [refused] }))[6];
    expect(quick.text).toContain('refused (send-failed), 27 ms after it failed');
    expect(quick.text).not.toMatch(/detected it after 27 ms.*three/);
    const recovery = teachSteps(input({ faults: [refused] }))[7];
    expect(recovery.text).toContain('5 unanswered requests');
    expect(recovery.figure.bars.map((b) => b.label)).toEqual(['detected', 're-planned', 'redeployed', 'first answer']);
  });

  it('groups long chains into at most 24 bars', () => {
    const long = chainProfile(500);
    const step = teachSteps(input({ profile: long, groups: long.blocks.map((_, i) => [i, i]) }))[0];
    expect(step.figure.bars.length).toBeLessThanOrEqual(24);
    expect(step.figure.xLabel).toContain('max of');
  });
});
