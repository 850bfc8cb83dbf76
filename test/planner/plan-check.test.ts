import { describe, expect, test } from 'vitest';
import { planProblems } from '../../src/planner/plan-check';
import type { Cluster, Profile } from '../../src/planner/types';

const profile: Profile = {
  model: 'toy',
  inputBytes: 10,
  outputBytes: 1,
  blocks: [0, 1, 2].map((i) => ({ name: `b${i}`, memoryBytes: 40, flops: 0, outBytes: 1 })),
};
const cluster: Cluster = {
  nodes: [
    { id: 'a', memoryBytes: 80, gflops: 1 },
    { id: 'b', memoryBytes: 80, gflops: 1 },
    { id: 'c', memoryBytes: 80, gflops: 1 },
    { id: 'd', memoryBytes: 80, gflops: 1 },
  ],
  bandwidthMbps: [
    [0, 1, 0, 1],
    [1, 0, 1, 1],
    [0, 1, 0, 1],
    [1, 1, 1, 0],
  ],
  dispatcher: 'd',
};
const stages = (...s: [string, number, number][]) => ({ stages: s.map(([node, firstBlock, lastBlock]) => ({ node, firstBlock, lastBlock })) });

describe('planProblems', () => {
  test('planProblems(profile, cluster, plan) is empty for a valid plan', () => {
    expect(planProblems(profile, cluster, stages(['a', 0, 1], ['b', 2, 2]))).toEqual([]);
  });

  test.each([
    ['no stages', { stages: [] }, /at least one stage/],
    ['a block missing', stages(['a', 0, 0], ['b', 2, 2]), /expected 1/],
    ['blocks left over', stages(['a', 0, 1]), /end at block 1/],
    ['a block beyond the model', stages(['a', 0, 1], ['b', 2, 3]), /blocks 0\.\.2/],
    ['an unknown node', stages(['zz', 0, 2]), /not a node/],
    ['the dispatcher', stages(['d', 0, 1], ['b', 2, 2]), /dispatcher/],
    ['a node reused', stages(['a', 0, 0], ['b', 1, 1], ['a', 2, 2]), /distinct/],
    ['memory exceeded', stages(['a', 0, 2]), /need 120/],
    ['a missing link', stages(['a', 0, 1], ['c', 2, 2]), /from 'a' to 'c'/],
    ['reversed blocks', stages(['a', 1, 0]), /firstBlock <= lastBlock/],
  ])('planProblems(...) reports %s', (_, plan, message) => {
    const problems = planProblems(profile, cluster, plan as never);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => `${p.field} ${p.detail}`).join('\n')).toMatch(message);
  });

  test('planProblems(...) wants dispatcher links at both ends', () => {
    const noReturn: Cluster = { ...cluster, bandwidthMbps: cluster.bandwidthMbps.map((row, i) => row.map((b, j) => (i === 1 && j === 3 ? 0 : b))) };
    expect(
      planProblems(profile, noReturn, stages(['a', 0, 1], ['b', 2, 2]))
        .map((p) => p.detail)
        .join(),
    ).toMatch(/the result/);
  });
});
