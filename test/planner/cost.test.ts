import { describe, expect, test } from 'vitest';
import { SeiferError } from '../../src/errors';
import { evaluatePlan, hopMs, stageComputeMs } from '../../src/planner/cost';
import type { Cluster, Profile } from '../../src/planner/types';

const profile: Profile = {
  model: 'toy',
  inputBytes: 1_000_000,
  outputBytes: 1000,
  blocks: [
    { name: 'a', memoryBytes: 10, flops: 2e9, outBytes: 500_000 },
    { name: 'b', memoryBytes: 10, flops: 1e9, outBytes: 250_000 },
    { name: 'c', memoryBytes: 10, flops: 4e9, outBytes: 1000 },
  ],
};
const cluster: Cluster = {
  nodes: [
    { id: 'x', memoryBytes: 100, gflops: 10 },
    { id: 'y', memoryBytes: 100, gflops: 20 },
    { id: 'd', memoryBytes: 0, gflops: 1 },
  ],
  bandwidthMbps: [
    [0, 8, 80],
    [8, 0, 80],
    [80, 80, 0],
  ],
  latencyMs: [
    [0, 5, 1],
    [5, 0, 1],
    [1, 1, 0],
  ],
};
const twoStages = {
  stages: [
    { node: 'x', firstBlock: 0, lastBlock: 1 },
    { node: 'y', firstBlock: 2, lastBlock: 2 },
  ],
};

describe('cost model', () => {
  test('stageComputeMs(flops, gflops) is flops / (gflops x 10^9) seconds', () => {
    expect(stageComputeMs(3e9, 10)).toBeCloseTo(300, 9);
  });

  test('hopMs(bytes, bandwidthMbps, latencyMs) is bytes x 8 / bandwidth plus latency', () => {
    expect(hopMs(1_000_000, 8)).toBeCloseTo(1000, 9);
    expect(hopMs(1_000_000, 8, 5)).toBeCloseTo(1005, 9);
    expect(hopMs(1, 0)).toBe(Infinity);
  });

  test('evaluatePlan(profile, cluster, plan) defaults to the full objective: the bottleneck is the slowest stage or hop', () => {
    const e = evaluatePlan(profile, cluster, twoStages);
    expect(e.objective).toBe('full');
    expect(e.stages.map((s) => s.computeMs)).toEqual([300, 200]);
    expect(e.hops).toEqual([{ from: 'x', to: 'y', bytes: 250_000, ms: 255 }]);
    expect(e.bottleneckMs).toBe(300);
    expect(e.limitedBy).toEqual({ kind: 'stage', index: 0 });
    expect(e.throughputPerSec).toBeCloseTo(1000 / 300, 12);
    expect(e.latencyMs).toBeCloseTo(300 + 255 + 200, 9);
  });

  test('evaluatePlan(..., comm) drops the compute terms, as SEIFER does', () => {
    const e = evaluatePlan(profile, cluster, twoStages, 'comm');
    expect(e.bottleneckMs).toBe(255);
    expect(e.latencyMs).toBe(255);
    expect(e.limitedBy).toEqual({ kind: 'hop', index: 0 });
  });

  test('evaluatePlan(...) with a dispatcher counts the input and result hops', () => {
    const e = evaluatePlan(profile, { ...cluster, dispatcher: 'd' }, twoStages);
    expect(e.hops.map((h) => [h.from, h.to, h.bytes])).toEqual([
      ['d', 'x', 1_000_000],
      ['x', 'y', 250_000],
      ['y', 'd', 1000],
    ]);
    expect(e.hops[0].ms).toBeCloseTo(101, 9);
    expect(e.latencyMs).toBeCloseTo(101 + 300 + 255 + 200 + 1.1, 9);
  });

  test('evaluatePlan(...) of one stage under comm without a dispatcher has no bottleneck: throughput is null', () => {
    const e = evaluatePlan(profile, cluster, { stages: [{ node: 'y', firstBlock: 0, lastBlock: 2 }] }, 'comm');
    expect(e.bottleneckMs).toBe(0);
    expect(e.throughputPerSec).toBeNull();
    expect(e.limitedBy).toBeNull();
  });

  test('evaluatePlan(...) refuses an invalid plan with a bad-plan error', () => {
    const reused = {
      stages: [
        { node: 'x', firstBlock: 0, lastBlock: 0 },
        { node: 'x', firstBlock: 1, lastBlock: 2 },
      ],
    };
    expect(() => evaluatePlan(profile, cluster, reused)).toThrow(SeiferError);
    expect(() => evaluatePlan(profile, cluster, reused)).toThrow(/distinct nodes/);
  });
});
