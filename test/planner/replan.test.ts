import { describe, expect, test } from 'vitest';
import { isInfeasible, plan, planProblems, replan, type Cluster, type Plan, type PlanReport, type Profile } from '../../src/planner/index';

const MiB = 2 ** 20;
const profile: Profile = {
  model: 'chain',
  inputBytes: 100_000,
  outputBytes: 1000,
  blocks: Array.from({ length: 12 }, (_, i) => ({ name: `b${i}`, memoryBytes: 10 * MiB, flops: 1e9, outBytes: 100_000 })),
};
/** n identical nodes and identical links: many plans share the best bottleneck. */
const uniform = (n: number, memoryMiB = 40): Cluster => ({
  nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, memoryBytes: memoryMiB * MiB, gflops: 10 })),
  bandwidthMbps: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 0 : 100))),
});
const planned = (p: ReturnType<typeof plan>): PlanReport => {
  if (isInfeasible(p)) throw new Error(p.reason);
  return p;
};
const asPlan = (r: PlanReport): Plan => ({ stages: r.stages.map(({ node, firstBlock, lastBlock }) => ({ node, firstBlock, lastBlock })) });

describe('replan', () => {
  test.each([8, 20])('replan(profile, plan, cluster, [unused node]) keeps every stage where it is: nothing to redeploy (%i nodes)', (n) => {
    const cluster = uniform(n);
    const before = planned(plan(profile, cluster));
    const unused = cluster.nodes.map((n) => n.id).find((id) => !before.stages.some((s) => s.node === id))!;
    const after = replan(profile, asPlan(before), cluster, [unused]);
    if (isInfeasible(after)) throw new Error(after.reason);
    expect(after.stages).toEqual(before.stages);
    expect(after.redeployBytes).toBe(0);
    expect(after.bottleneckMs).toBe(before.bottleneckMs);
  });

  test.each([8, 20])('replan(..., [a used node]) moves only that stage among plans with the same bottleneck (%i nodes)', (n) => {
    const cluster = uniform(n);
    const before = planned(plan(profile, cluster));
    const dead = before.stages[1];
    const after = replan(profile, asPlan(before), cluster, [dead.node]);
    if (isInfeasible(after)) throw new Error(after.reason);
    expect(after.bottleneckMs).toBeCloseTo(before.bottleneckMs, 9);
    expect(after.redeployBytes).toBe(dead.memoryBytes);
    expect(after.stages.filter((s) => s.node !== dead.node && before.stages.some((b) => b.node === s.node && b.firstBlock === s.firstBlock && b.lastBlock === s.lastBlock))).toHaveLength(before.stages.length - 1);
    expect(after.stages.some((s) => s.node === dead.node)).toBe(false);
  });

  test('replan(..., [], [a used link]) avoids the cut link', () => {
    const cluster = uniform(6);
    const before = planned(plan(profile, cluster));
    const cut: [string, string] = [before.stages[0].node, before.stages[1].node];
    const after = replan(profile, asPlan(before), cluster, [], [cut]);
    if (isInfeasible(after)) throw new Error(after.reason);
    const pairs = after.stages.slice(1).map((s, i) => [after.stages[i].node, s.node].sort().join('-'));
    expect(pairs).not.toContain([...cut].sort().join('-'));
    const survivors: Cluster = { ...cluster, bandwidthMbps: cluster.bandwidthMbps.map((row, i) => row.map((b, j) => ([`n${i}`, `n${j}`].sort().join('-') === [...cut].sort().join('-') ? 0 : b))) };
    expect(planProblems(profile, survivors, asPlan(after))).toEqual([]);
  });

  test('replan(...) when the survivors cannot hold the model is infeasible with the memory needed and left', () => {
    const cluster = uniform(4);
    const before = planned(plan(profile, cluster));
    const after = replan(profile, asPlan(before), cluster, ['n0', 'n1']);
    expect(after).toMatchObject({ error: 'infeasible', needBytes: 120 * MiB, haveBytes: 80 * MiB });
  });

  test('replan(...) checks the dead nodes and links it is given', () => {
    const cluster = { ...uniform(4), dispatcher: 'n3' };
    const before = planned(plan(profile, { ...uniform(4), dispatcher: undefined }));
    expect(() => replan(profile, asPlan(before), cluster, ['ghost'])).toThrow(/'deadNodes' contains 'ghost'/);
    expect(() => replan(profile, asPlan(before), cluster, [], [['n0', 'ghost']])).toThrow(/'deadLinks'/);
    expect(() => replan(profile, asPlan(before), cluster, ['n3'])).toThrow(/dispatcher/);
  });
});
