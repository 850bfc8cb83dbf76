import { describe, expect, it } from 'vitest';
import { runVirtual } from '../../src/emulator/run-virtual';
import { chainProfile, smallScenario } from './helpers';

describe('runVirtual(options)', () => {
  it('measures the throughput the planner predicts when nothing fails', async () => {
    const report = await runVirtual({ profile: chainProfile(), scenario: smallScenario(4), durationSec: 30, deployBytes: () => 1e6 });
    expect(report.predictedThroughput).not.toBeNull();
    expect(report.measuredThroughput / (report.predictedThroughput as number)).toBeGreaterThan(0.97);
    expect(report.measuredThroughput / (report.predictedThroughput as number)).toBeLessThan(1.03);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.completed).toBe(report.requests);
  });

  it('recovers from a killed node: nothing lost, nothing duplicated, figures reported', async () => {
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(5),
      durationSec: 20,
      deployBytes: () => 2e6,
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

  it('survives two nodes killed at once, each noticed and replanned', async () => {
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(6),
      durationSec: 20,
      deployBytes: () => 2e6,
      faults: [
        { kind: 'kill', node: 'n1', atSec: 5 },
        { kind: 'kill', node: 'n2', atSec: 5 },
      ],
    });
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.faults.filter((f) => f.kind === 'kill').every((f) => f.outcome === 'replanned')).toBe(true);
  });

  it('pauses when the survivors cannot hold the model and resumes when a node is revived', async () => {
    // 3 nodes x 3 blocks hold the 8 blocks; with 2 left they cannot
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(3),
      durationSec: 30,
      deployBytes: () => 1e6,
      faults: [
        { kind: 'kill', node: 'n2', atSec: 5 },
        { kind: 'revive', node: 'n2', atSec: 15 },
      ],
    });
    expect(report.faults.find((f) => f.kind === 'kill')?.outcome).toBe('paused');
    expect(report.faults.find((f) => f.kind === 'revive')?.outcome).toBe('replanned');
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.finalPhase).toBe('running');
  });

  it('stays paused with a clear reason when no node comes back', async () => {
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(3),
      durationSec: 10,
      deployBytes: () => 1e6,
      drainSec: 5,
      faults: [{ kind: 'kill', node: 'n2', atSec: 5 }],
    });
    expect(report.finalPhase).toBe('paused');
    expect(report.pauseReason).toMatch(/^Node n2 is down; the nodes still up \(n1, n3\) hold \d+\.\d MiB and the model needs \d+\.\d MiB: requests are held until a node comes back\.$/);
    // held is not lost: the requests of a paused run are pending
    expect(report.lost).toBe(0);
    expect(report.pending).toBeGreaterThan(0);
    expect(report.pending).toBe(report.requests - report.completed);
    expect(report.duplicated).toBe(0);
  });

  it('detects a hung node by missed heartbeats', async () => {
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(5),
      durationSec: 15,
      deployBytes: () => 1e6,
      faults: [{ kind: 'hang', node: 'n1', atSec: 5 }],
    });
    const hang = report.faults.find((f) => f.kind === 'hang');
    expect(hang?.detectMs).toBeGreaterThan(500);
    expect(hang?.detectMs).toBeLessThanOrEqual(1100);
    expect(report.lost).toBe(0);
  });

  it('routes around a cut link on the pipeline path', async () => {
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(5),
      durationSec: 15,
      deployBytes: () => 1e6,
      faults: [{ kind: 'cut', from: 'n1', to: 'n2', both: true, atSec: 5 }],
    });
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
  });

  it('is deterministic: the same seed gives the same run', async () => {
    const run = () => runVirtual({ profile: chainProfile(), scenario: smallScenario(5), durationSec: 10, deployBytes: () => 1e6, seed: 3, faults: [{ kind: 'kill', node: 'n2', atSec: 4 }] });
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
      profile: chainProfile(),
      scenario: smallScenario(7),
      durationSec: 30,
      deployBytes: () => 40e6,
      faults: [
        { kind: 'kill', node: 'n1', atSec: 5 },
        { kind: 'kill', node: 'n3', atSec: 6.5 },
        { kind: 'kill', node: 'n5', atSec: 8 },
      ],
      onRun: (run) => run.on((e) => (e.kind === 'error' ? errors.push(e.message) : undefined)),
    });
    expect(errors).toEqual([]);
    expect(report.faults.filter((f) => f.kind === 'unexplained')).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
  });
});

describe('runVirtual(options) with slow devices and degraded links', () => {
  /** The node of the first stage in this scenario's first plan (deterministic). */
  async function firstStageNode(): Promise<string> {
    const probe = await runVirtual({ profile: chainProfile(), scenario: smallScenario(6), durationSec: 2, deployBytes: () => 1e6 });
    return probe.plans[0].stages[0].node;
  }

  it('notices a slowed CPU from its stage times alone, and moves the stage off it', async () => {
    const slowed = await firstStageNode();
    const report = await runVirtual({ profile: chainProfile(), scenario: smallScenario(6), durationSec: 20, deployBytes: () => 1e6, faults: [{ kind: 'slow', node: slowed, factor: 10, atSec: 5 }] });
    const slow = report.faults.find((f) => f.kind === 'slow');
    expect(slow).toMatchObject({ node: slowed, outcome: 'replanned', detectedBy: 'measured' });
    expect(slow?.detectMs).toBeGreaterThan(0);
    expect(report.plans).toHaveLength(2);
    expect(report.plan?.stages.map((s) => s.node)).not.toContain(slowed);
    expect([report.lost, report.duplicated]).toEqual([0, 0]);
  });

  it('without adapting (as SEIFER) keeps the slowed plan and loses the throughput', async () => {
    const slowed = await firstStageNode();
    const run = (adapt: boolean) =>
      runVirtual({ profile: chainProfile(), scenario: smallScenario(6), durationSec: 20, deployBytes: () => 1e6, adapt, faults: [{ kind: 'slow', node: slowed, factor: 10, atSec: 5 }] });
    const [adapting, fixed] = [await run(true), await run(false)];
    expect(fixed.plans).toHaveLength(1);
    expect(fixed.faults[0].outcome).toBe('unnoticed');
    expect(adapting.completed).toBeGreaterThan(fixed.completed * 1.5);
  });

  it('notices a degraded link of the pipeline from transfer times', async () => {
    const probe = await runVirtual({ profile: chainProfile(), scenario: smallScenario(6, 2), durationSec: 2, deployBytes: () => 1e6 });
    const [a, b] = probe.plans[0].stages.map((s) => s.node);
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(6, 2),
      durationSec: 20,
      deployBytes: () => 1e6,
      faults: [{ kind: 'degrade', from: a, to: b, both: true, factor: 50, atSec: 5 }],
    });
    const degrade = report.faults.find((f) => f.kind === 'degrade');
    expect(degrade?.outcome).toBe('replanned');
    expect(degrade?.detectMs).toBeGreaterThan(0);
    const [a2, b2] = [report.plan?.stages.findIndex((s) => s.node === a), report.plan?.stages.findIndex((s) => s.node === b)];
    expect(a2 !== undefined && b2 !== undefined && a2 >= 0 && b2 === a2 + 1).toBe(false);
    expect([report.lost, report.duplicated]).toEqual([0, 0]);
  });

  it('notices a repaired CPU by calibrating it, and may use it again', async () => {
    const slowed = await firstStageNode();
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(4),
      durationSec: 40,
      deployBytes: () => 1e6,
      faults: [
        { kind: 'slow', node: slowed, factor: 10, atSec: 5 },
        { kind: 'slow', node: slowed, factor: 1, atSec: 15 },
      ],
    });
    const [slow, repair] = report.faults;
    expect(slow.outcome).toBe('replanned');
    expect(repair.detectMs).not.toBeNull();
    expect(repair.detectedBy).toBe('measured');
    expect([report.lost, report.duplicated]).toEqual([0, 0]);
  });
});

describe('runVirtual(options) with a baseline algorithm', () => {
  it('keeps the algorithm it started with through two kills', async () => {
    const probe = await runVirtual({ profile: chainProfile(), scenario: smallScenario(7), durationSec: 2, deployBytes: () => 1e6, algorithm: 'kpath' });
    const used = probe.plans[0].stages.map((s) => s.node);
    const report = await runVirtual({
      profile: chainProfile(),
      scenario: smallScenario(7),
      durationSec: 20,
      deployBytes: () => 1e6,
      algorithm: 'kpath',
      faults: [
        { kind: 'kill', node: used[0], atSec: 5 },
        { kind: 'kill', node: used[1], atSec: 10 },
      ],
    });
    expect(report.plans.length).toBeGreaterThanOrEqual(3);
    expect(report.plans.map((p) => p.algorithm)).toEqual(report.plans.map(() => 'kpath'));
    expect([report.lost, report.duplicated]).toEqual([0, 0]);
  });

  it('reports progress over the duration, and a run watched in steps is the run unwatched, event for event', async () => {
    const options = { profile: chainProfile(), scenario: smallScenario(5), durationSec: 20, deployBytes: () => 2e6, faults: [{ kind: 'kill' as const, node: 'n1', atSec: 5 }] };
    const seen: number[] = [];
    const watched = await runVirtual({ ...options, onProgress: (label, f) => void (expect(label).toBe('simulating 20 s'), seen.push(f)) });
    const plain = await runVirtual(options);
    const same = (r: typeof plain) => ({
      counts: [r.requests, r.completed, r.lost, r.resends, r.lateCopies, r.duplicated],
      latencyMs: r.latencyMs,
      measuredThroughput: r.measuredThroughput,
      plans: r.plans.map((p) => [p.atSec, p.stages]),
      detectMs: r.faults.map((f) => f.detectMs),
    });
    expect(same(watched)).toEqual(same(plain));
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
  });
});
