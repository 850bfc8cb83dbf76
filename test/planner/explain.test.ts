import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { planOrExplain } from '../../src/planner/index';
import { tenBlocks } from './helpers';

const MiB = 2 ** 20;
const profile = tenBlocks;

describe('planOrExplain', () => {
  test('planOrExplain(profile, cluster, {algorithm}) returns the plan report when the algorithm places the model', () => {
    const r = planOrExplain(profile, randomGeometricCluster({ nodes: 6, memoryBytes: 64 * MiB, seed: 1 }), { algorithm: 'kpath', objective: 'comm' });
    expect(r).toMatchObject({ algorithm: 'kpath' });
    expect('exitCode' in r).toBe(false);
  });

  test.each(['kpath', 'joint', 'random', 'btsp'] as const)("planOrExplain(..., {algorithm: %s}) is exit 3 when only the smallest node's memory stops it and best places the model", (algorithm) => {
    const cluster = randomGeometricCluster({ nodes: 3, memoryBytes: [200, 200, 20].map((m) => m * MiB), seed: 2 });
    const r = planOrExplain(profile, cluster, { algorithm, objective: 'comm' });
    expect(r).toMatchObject({ exitCode: 3, error: 'infeasible', algorithm, bestBottleneckMs: expect.any(Number) });
    expect('reason' in r && r.reason).toBe(
      `\`${algorithm}\` cannot place this (it plans for the smallest node's memory (20.0 MiB), as SEIFER does, and at that size the model does not fit in 3 nodes); \`best\` finds a plan`,
    );
  });

  test.each(['best', 'kpath'] as const)('planOrExplain(..., {algorithm: %s}) is exit 2 when no algorithm can place the model', (algorithm) => {
    const r = planOrExplain(profile, randomGeometricCluster({ nodes: 3, memoryBytes: 50 * MiB, seed: 2 }), { algorithm });
    expect(r).toMatchObject({ exitCode: 2, error: 'infeasible', needBytes: 200 * MiB, haveBytes: 150 * MiB, reason: expect.stringContaining('200.0 MiB') });
  });
});
