import { describe, expect, test } from 'vitest';
import { evaluatePlan, isInfeasible, plan, planProblems, replan, survivingCluster, type Cluster, type Plan, type PlanReport, type Profile } from '../../src/planner/index';

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
    expect(after.stages.filter((s) => s.node !== dead.node && before.stages.some((b) => b.node === s.node && b.firstBlock === s.firstBlock && b.lastBlock === s.lastBlock))).toHaveLength(
      before.stages.length - 1,
    );
    expect(after.stages.some((s) => s.node === dead.node)).toBe(false);
  });

  test('replan(..., [], [a used link]) avoids the cut link', () => {
    const cluster = uniform(6);
    const before = planned(plan(profile, cluster));
    const cut: [string, string] = [before.stages[0].node, before.stages[1].node];
    // links are directed: a cut cable is both directions
    const after = replan(profile, asPlan(before), cluster, [], [cut, [cut[1], cut[0]]]);
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

  test.each(['kpath', 'joint', 'random', 'btsp'] as const)('replan(..., {algorithm: %s}) re-runs that algorithm on the survivors and says so', (algorithm) => {
    const cluster = uniform(10);
    const before = planned(plan(profile, cluster, { algorithm, seed: 4 }));
    const dead = before.stages[0].node;
    const after = replan(profile, asPlan(before), cluster, [dead], [], { algorithm, seed: 4 });
    if (isInfeasible(after)) throw new Error(after.reason);
    expect(after.algorithm).toBe(algorithm);
    const fresh = planned(plan(profile, survivingCluster(cluster, [dead]), { algorithm, seed: 4 }));
    expect(after.stages).toEqual(fresh.stages);
    expect(after.redeployBytes).toBeGreaterThan(0);
  });

  test('replan(...) keeps best by default and reports it', () => {
    const cluster = uniform(8);
    const before = planned(plan(profile, cluster));
    const after = replan(profile, asPlan(before), cluster, [before.stages[0].node]);
    expect(isInfeasible(after) ? null : after.algorithm).toBe('best');
  });

  test('replan(...) among plans as fast takes the fewest stages before the fewest bytes moved', () => {
    // the slow input link is the bottleneck of every plan; the old plan spread over three nodes, one of which dies
    const p: Profile = { model: 'six', inputBytes: 1_000_000, outputBytes: 1000, blocks: Array.from({ length: 6 }, (_, i) => ({ name: `b${i}`, memoryBytes: 10 * MiB, flops: 1e8, outBytes: 1000 })) };
    const c: Cluster = {
      nodes: [{ id: 'd', memoryBytes: 0, gflops: 1 }, ...['a', 'b', 'c'].map((id) => ({ id, memoryBytes: 20 * MiB, gflops: 10 })), { id: 'big', memoryBytes: 60 * MiB, gflops: 10 }],
      bandwidthMbps: [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => (i === j ? 0 : i === 0 || j === 0 ? 4 : 1000))),
      dispatcher: 'd',
    };
    const old: Plan = {
      stages: [
        { node: 'a', firstBlock: 0, lastBlock: 1 },
        { node: 'b', firstBlock: 2, lastBlock: 3 },
        { node: 'c', firstBlock: 4, lastBlock: 5 },
      ],
    };
    const after = replan(p, old, c, ['c']);
    if (isInfeasible(after)) throw new Error(after.reason);
    expect(after.stages.map((s) => s.node)).toEqual(['big']);
    // keeping a and b and moving only c's blocks would move less, with the same bottleneck and more stages
    const lean = evaluatePlan(p, survivingCluster(c, ['c']), { stages: [...old.stages.slice(0, 2), { node: 'big', firstBlock: 4, lastBlock: 5 }] });
    expect(lean.bottleneckMs).toBeCloseTo(after.bottleneckMs, 9);
    expect(after.redeployBytes).toBe(60 * MiB);
    expect(after.latencyMs).toBeLessThan(lean.latencyMs);
  });
});

describe('survivingCluster', () => {
  test('survivingCluster(cluster, deadNodes, deadLinks) drops dead nodes and cuts each dead link in its own direction only', () => {
    const cluster: Cluster = { ...uniform(4), latencyMs: [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 0 : i + j))), dispatcher: 'n0' };
    const s = survivingCluster(
      cluster,
      ['n2'],
      [
        ['n0', 'n1'],
        ['n3', 'n1'],
      ],
    );
    expect(s.nodes.map((n) => n.id)).toEqual(['n0', 'n1', 'n3']);
    expect(s.bandwidthMbps).toEqual([
      [0, 0, 100],
      [100, 0, 100],
      [100, 0, 0],
    ]);
    expect(s.latencyMs).toEqual([
      [0, 1, 3],
      [1, 0, 4],
      [3, 4, 0],
    ]);
    expect(s.dispatcher).toBe('n0');
    expect(() => survivingCluster(cluster, ['ghost'])).toThrow(/'deadNodes' contains 'ghost'/);
    expect(() => survivingCluster(cluster, [], [['n0', 'ghost']])).toThrow(/'deadLinks'/);
  });
});
