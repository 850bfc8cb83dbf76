import { describe, expect, it } from 'vitest';
import { runVirtual } from '../../src/emulator/run-virtual';
import { chainProfile, smallScenario } from './helpers';

describe('runVirtual(options)', () => {
  it('measures the throughput the planner predicts when nothing fails', async () => {
    const report = await runVirtual({ profile: chainProfile(), scenario: smallScenario(4), durationSec: 30, stageBytes: () => 1e6 });
    expect(report.predictedThroughput).not.toBeNull();
    expect(report.measuredThroughput / (report.predictedThroughput as number)).toBeGreaterThan(0.97);
    expect(report.measuredThroughput / (report.predictedThroughput as number)).toBeLessThan(1.03);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.completed).toBe(report.requests);
  });

  it('recovers from a killed node: nothing lost, nothing duplicated, figures reported', async () => {
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(5), durationSec: 20, stageBytes: () => 2e6,
      faults: [{ kind: 'kill', node: 'n1', atSec: 5 }],
    });
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    const kill = report.faults.find((f) => f.kind === 'kill');
    expect(kill).toMatchObject({ node: 'n1', atSec: 5, outcome: 'replanned' });
    expect(kill?.detectMs).toBeGreaterThanOrEqual(0);
    expect(kill?.detectMs).toBeLessThanOrEqual(1000);
    expect(kill?.redeployMs).toBeGreaterThan(0);
    expect(kill?.firstResultMs).toBeGreaterThan(kill?.detectMs as number);
    expect(kill?.resent).toBeGreaterThan(0);
  });

  it('survives two nodes killed at once with one replan', async () => {
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(6), durationSec: 20, stageBytes: () => 2e6,
      faults: [{ kind: 'kill', node: 'n1', atSec: 5 }, { kind: 'kill', node: 'n2', atSec: 5 }],
    });
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.faults.filter((f) => f.kind === 'kill').every((f) => f.outcome === 'replanned')).toBe(true);
  });

  it('pauses when the survivors cannot hold the model and resumes when a node is revived', async () => {
    // 3 nodes x 3 blocks hold the 8 blocks; with 2 left they cannot
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(3), durationSec: 30, stageBytes: () => 1e6,
      faults: [{ kind: 'kill', node: 'n2', atSec: 5 }, { kind: 'revive', node: 'n2', atSec: 15 }],
    });
    expect(report.faults.find((f) => f.kind === 'kill')?.outcome).toBe('paused');
    expect(report.faults.find((f) => f.kind === 'revive')?.outcome).toBe('replanned');
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.finalPhase).toBe('running');
  });

  it('stays paused with a clear reason when no node comes back', async () => {
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(3), durationSec: 10, stageBytes: () => 1e6, drainSec: 5,
      faults: [{ kind: 'kill', node: 'n2', atSec: 5 }],
    });
    expect(report.finalPhase).toBe('paused');
    expect(report.pauseReason).toMatch(/^The cluster can no longer hold the model: need \d+\.\d MB, have \d+\.\d MB$/);
    expect(report.duplicated).toBe(0);
  });

  it('detects a hung node by missed heartbeats', async () => {
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(5), durationSec: 15, stageBytes: () => 1e6,
      faults: [{ kind: 'hang', node: 'n1', atSec: 5 }],
    });
    const hang = report.faults.find((f) => f.kind === 'hang');
    expect(hang?.detectMs).toBeGreaterThan(500);
    expect(hang?.detectMs).toBeLessThanOrEqual(1100);
    expect(report.lost).toBe(0);
  });

  it('routes around a cut link on the pipeline path', async () => {
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(5), durationSec: 15, stageBytes: () => 1e6,
      faults: [{ kind: 'cut', from: 'n1', to: 'n2', atSec: 5 }, { kind: 'cut', from: 'n2', to: 'n1', atSec: 5 }],
    });
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
  });

  it('is deterministic: the same seed gives the same run', async () => {
    const run = () => runVirtual({ profile: chainProfile(), scenario: smallScenario(5), durationSec: 10, stageBytes: () => 1e6, seed: 3, faults: [{ kind: 'kill', node: 'n2', atSec: 4 }] });
    const [a, b] = [await run(), await run()];
    expect(JSON.stringify({ ...a, faults: a.faults.map((f) => ({ ...f, replanMs: 0 })), plan: null })).toBe(JSON.stringify({ ...b, faults: b.faults.map((f) => ({ ...f, replanMs: 0 })), plan: null }));
    expect({ ...a.plan, planMs: 0 }).toEqual({ ...b.plan, planMs: 0 });
  });
});

describe('runVirtual(options) with overlapping recoveries', () => {
  it('handles a second and third failure during a recovery (exactly once, no keep of an unloaded stage)', async () => {
    const errors: string[] = [];
    // 40 MB stages over 100 Mbit/s take 3.4 s to deploy: the second kill lands in the middle of the first recovery
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(7), durationSec: 30, stageBytes: () => 40e6,
      faults: [{ kind: 'kill', node: 'n1', atSec: 5 }, { kind: 'kill', node: 'n3', atSec: 6.5 }, { kind: 'kill', node: 'n5', atSec: 8 }],
      onDispatcher: (d) => d.on((e) => e.kind === 'fault' || e.kind === 'error' ? errors.push(e.kind === 'error' ? e.message : '') : undefined),
    });
    expect(errors.filter(Boolean)).toEqual([]);
    expect(report.faults.filter((f) => f.kind === 'detected')).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
  });
});

describe('Dispatcher.setNodeSpeed(node, gflops)', () => {
  it('moves the stage off a device that slowed down when a spare does better', async () => {
    let slowed = '';
    const report = await runVirtual({
      profile: chainProfile(), scenario: smallScenario(6), durationSec: 20, stageBytes: () => 1e6,
      onDispatcher: (d) =>
        d.on((e) => {
          if (e.kind === 'plan' && e.epoch === 1) {
            slowed = e.plan.stages[0].node;
            d.clock.schedule(d.clock.nowMs() + 5000, () => d.setNodeSpeed(slowed, 0.1));
          }
        }),
    });
    const degrade = report.faults.find((f) => f.kind === 'degrade');
    expect(degrade).toMatchObject({ node: slowed, outcome: 'replanned' });
    expect(report.plan?.stages.map((s) => s.node)).not.toContain(slowed);
    expect([report.lost, report.duplicated]).toEqual([0, 0]);
  });
});
