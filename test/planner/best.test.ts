import { describe, expect, test } from 'vitest';
import { bestSolution } from '../../src/planner/best';
import { chainBottleneckMs, compileInstance } from '../../src/planner/instance';
import { evaluatePlan, isInfeasible, plan } from '../../src/planner/index';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { optimalSolution } from '../../src/planner/optimal';
import { ALGORITHMS, type Cluster, EQUAL_BOTTLENECK, type PlanReport, type Profile } from '../../src/planner/types';
import { randomInstance } from './helpers';

const within = (value: number, reference: number, relative: number) => value <= reference * (1 + relative) + 1e-12;

describe('best', () => {
  test('plan(..., best) is within 1 % of optimal on 300 seeded random small instances, with a valid lower bound', () => {
    let compared = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { profile, cluster, objective } = randomInstance(seed);
      const best = plan(profile, cluster, { objective, seed });
      const optimal = plan(profile, cluster, { algorithm: 'optimal', objective, seed });
      expect(isInfeasible(best)).toBe(isInfeasible(optimal));
      if (isInfeasible(best) || isInfeasible(optimal)) continue;
      expect(within(best.bottleneckMs, optimal.bottleneckMs, 0.01), `seed ${seed}`).toBe(true);
      expect(best.lowerBoundMs).toBeLessThanOrEqual(optimal.bottleneckMs * (1 + 1e-9));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(200);
  });

  test('bestSolution(inst, seed, {exact: false}), the search best uses beyond 12 nodes, is within 1 % of optimal on >= 97 % of hard instances', () => {
    // missing links, heterogeneous memory and speed, latency; the heuristic is forced where the optimum is still known
    let compared = 0;
    let within1 = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const { profile, cluster, objective } = randomInstance(seed * 13, { maxNodes: 13, maxBlocks: 12 });
      const inst = compileInstance(profile, cluster, objective);
      if (inst.candidates.length > 12) continue; // the reference must stay exact
      const optimal = optimalSolution(inst);
      const heuristic = bestSolution(inst, seed, { exact: false });
      expect(heuristic === null).toBe(optimal === null);
      if (!optimal || !heuristic) continue;
      compared++;
      if (within(chainBottleneckMs(inst, heuristic.chain), optimal.bottleneckMs, 0.01)) within1++;
      expect(heuristic.lowerBoundMs).toBeLessThanOrEqual(optimal.bottleneckMs * (1 + 1e-9));
    }
    expect(compared).toBeGreaterThanOrEqual(60);
    expect(within1 / compared).toBeGreaterThanOrEqual(0.97);
  });

  test('plan(..., best) is never worse than any other algorithm, beyond the exact range too', () => {
    const resnetLike: Profile = {
      model: 'chain',
      inputBytes: 602_112,
      outputBytes: 4000,
      blocks: Array.from({ length: 30 }, (_, i) => ({ name: `b${i}`, memoryBytes: (8 + (i % 7) * 3) * 2 ** 20, flops: 0, outBytes: Math.round(800_000 / (1 + i / 4)) })),
    };
    for (const nodes of [5, 16, 24]) {
      for (let seed = 1; seed <= 4; seed++) {
        const cluster = randomGeometricCluster({ nodes, memoryBytes: 128 * 2 ** 20, seed: seed * 31 + nodes });
        const results = ALGORITHMS.filter((a) => a !== 'optimal' || nodes <= 12).map((algorithm) => plan(resnetLike, cluster, { algorithm, objective: 'comm', seed }));
        const best = results[0] as PlanReport;
        expect(isInfeasible(best)).toBe(false);
        for (const r of results) if (!isInfeasible(r)) expect(best.bottleneckMs).toBeLessThanOrEqual(r.bottleneckMs * (1 + 1e-9));
      }
    }
  });
});

describe('best and optimal: the tie-break', () => {
  const MiB = 2 ** 20;
  // the slow input link is the bottleneck whatever the plan; two small fast nodes would lower latency with more stages
  const profile: Profile = {
    model: 'three',
    inputBytes: 1_000_000,
    outputBytes: 1000,
    blocks: [0, 1, 2].map((i) => ({ name: `b${i}`, memoryBytes: 10 * MiB, flops: 1e9, outBytes: 1000 })),
  };
  const cluster = (inputToBigMbps: number): Cluster => ({
    nodes: [
      { id: 'd', memoryBytes: 0, gflops: 1 },
      { id: 'fastA', memoryBytes: 10 * MiB, gflops: 50 },
      { id: 'fastB', memoryBytes: 10 * MiB, gflops: 50 },
      { id: 'big', memoryBytes: 40 * MiB, gflops: 2 },
    ],
    bandwidthMbps: [
      [0, 4, 4, inputToBigMbps],
      [4, 0, 1000, 1000],
      [4, 1000, 0, 1000],
      [4, 1000, 1000, 0],
    ],
    dispatcher: 'd',
  });

  test.each(['best', 'optimal'] as const)('plan(..., %s) among plans with the same bottleneck takes the fewest stages, not the lowest latency', (algorithm) => {
    const spread = evaluatePlan(profile, cluster(4), {
      stages: [
        { node: 'fastA', firstBlock: 0, lastBlock: 0 },
        { node: 'fastB', firstBlock: 1, lastBlock: 1 },
        { node: 'big', firstBlock: 2, lastBlock: 2 },
      ],
    });
    const r = plan(profile, cluster(4), { algorithm });
    if (isInfeasible(r)) throw new Error(r.reason);
    expect(r.stages.map((s) => s.node)).toEqual(['big']);
    // the three-stage plan is as fast and has a lower latency: a latency-first tie-break would spread the model
    expect(spread.bottleneckMs).toBeCloseTo(r.bottleneckMs, 9);
    expect(spread.latencyMs).toBeLessThan(r.latencyMs - 500);
    expect(r).toMatchObject({ provenOptimal: true, gapPct: 0 });
  });

  test('plan(..., best) counts bottlenecks within EQUAL_BOTTLENECK as the same: one stage 0.04 % slower beats two', () => {
    const slightlySlower = cluster(4 * (1 - 0.0004));
    const r = plan(profile, slightlySlower);
    if (isInfeasible(r)) throw new Error(r.reason);
    expect(r.stages.map((s) => s.node)).toEqual(['big']);
    expect(r.bottleneckMs).toBeGreaterThan(r.lowerBoundMs);
    expect(r.bottleneckMs).toBeLessThanOrEqual(r.lowerBoundMs * (1 + EQUAL_BOTTLENECK));
    expect(r.lowerBoundMs).toBeCloseTo(2000, 6); // the two-stage plan's: its input goes to a fast node
    expect(r).toMatchObject({ provenOptimal: true, gapPct: 0 });
  });
});
