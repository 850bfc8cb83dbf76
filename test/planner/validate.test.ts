/* eslint-disable @typescript-eslint/no-explicit-any -- the cases below spoil their input on purpose, in any shape */
import { describe, expect, test } from 'vitest';
import { SeiferError } from '../../src/errors';
import { MAX_CLUSTER_NODES, validateCluster, validateProfile } from '../../src/planner/validate';

const profile = () => ({ model: 'm', inputBytes: 10, outputBytes: 4, blocks: [{ name: 'a', memoryBytes: 100, flops: 1e6, outBytes: 4 }] });
const cluster = () => ({
  nodes: [
    { id: 'a', memoryBytes: 1000, gflops: 1 },
    { id: 'b', memoryBytes: 1000, gflops: 2 },
  ],
  bandwidthMbps: [
    [0, 10],
    [10, 0],
  ],
});

/** The SeiferError a call throws (fails the test if it throws nothing or something else). */
function thrown(f: () => unknown): SeiferError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(SeiferError);
    return error as SeiferError;
  }
  throw new Error('expected a SeiferError');
}

describe('validateProfile', () => {
  test('validateProfile(profile) returns a valid profile unchanged', () => {
    expect(validateProfile(profile())).toEqual(profile());
  });

  test.each([
    ['profile.model', (p: any) => delete p.model],
    ['profile.inputBytes', (p: any) => (p.inputBytes = -1)],
    ['profile.outputBytes', (p: any) => (p.outputBytes = NaN)],
    ['profile.blocks', (p: any) => (p.blocks = [])],
    ['profile.blocks[0].memoryBytes', (p: any) => (p.blocks[0].memoryBytes = Infinity)],
    ['profile.blocks[0].flops', (p: any) => delete p.blocks[0].flops],
    ['profile.blocks[0].outBytes', (p: any) => (p.blocks[0].outBytes = '4')],
    ['profile.blocks[0].name', (p: any) => (p.blocks[0].name = 3)],
    ['profile.blocks[0].flops', (p: any) => (p.blocks[0].flops = 1e308)],
    ['profile.blocks[0].memoryBytes', (p: any) => (p.blocks[0].memoryBytes = 2 ** 60)],
    ['profile.blocks[0].outTensors', (p: any) => (p.blocks[0].outTensors = 0)],
    ['profile.blocks[0].outTensors', (p: any) => (p.blocks[0].outTensors = 1.5)],
    ['profile.blocks[0].name', (p: any) => (p.blocks[0].name = 'conv\u001b[2J')],
    ['profile.model', (p: any) => (p.model = 'x'.repeat(5000))],
  ])('validateProfile(profile) names %s when it is bad', (field, spoil) => {
    const p = profile();
    spoil(p);
    const error = thrown(() => validateProfile(p));
    expect(error.code).toBe('bad-profile');
    expect(error.where).toBe(field);
    expect(error.message).toContain(field);
  });
});

describe('validateCluster', () => {
  test('validateCluster(cluster) returns a valid cluster, latency and dispatcher included', () => {
    const c = {
      ...cluster(),
      latencyMs: [
        [0, 1],
        [1, 0],
      ],
      dispatcher: 'a',
    };
    expect(validateCluster(c)).toEqual(c);
  });

  test.each([
    ['cluster.nodes', (c: any) => (c.nodes = [])],
    ['cluster.nodes[1].id', (c: any) => (c.nodes[1].id = 'a')],
    ['cluster.nodes[0].memoryBytes', (c: any) => (c.nodes[0].memoryBytes = -5)],
    ['cluster.nodes[1].gflops', (c: any) => (c.nodes[1].gflops = 0)],
    ['cluster.bandwidthMbps', (c: any) => (c.bandwidthMbps = [[0, 10]])],
    ['cluster.bandwidthMbps[1]', (c: any) => (c.bandwidthMbps[1] = [10])],
    ['cluster.bandwidthMbps[0][1]', (c: any) => (c.bandwidthMbps[0][1] = NaN)],
    [
      'cluster.latencyMs[1][0]',
      (c: any) =>
        (c.latencyMs = [
          [0, 1],
          [-1, 0],
        ]),
    ],
    ['cluster.dispatcher', (c: any) => (c.dispatcher = 'z')],
    [
      'cluster.bandwidthMbps[0]',
      (c: any) =>
        (c.bandwidthMbps = [
          [0, 0],
          [0, 0],
        ]),
    ],
    ['cluster.nodes[0].gflops', (c: any) => (c.nodes[0].gflops = 1e308)],
    ['cluster.nodes[0].gflops', (c: any) => (c.nodes[0].gflops = 1e-300)],
    ['cluster.bandwidthMbps[1][0]', (c: any) => (c.bandwidthMbps[1][0] = 1e-300)],
    ['cluster.bandwidthMbps[0][1]', (c: any) => (c.bandwidthMbps[0][1] = 1e308)],
    [
      'cluster.latencyMs[0][1]',
      (c: any) =>
        (c.latencyMs = [
          [0, NaN],
          [1, 0],
        ]),
    ],
    ['cluster.nodes[1].id', (c: any) => (c.nodes[1].id = '<img src=x onerror=alert(1)>')],
    ['cluster.nodes[1].id', (c: any) => (c.nodes[1].id = 'n1\u0000')],
    ['cluster.nodes[1].id', (c: any) => (c.nodes[1].id = 'evil\u202e')],
    ['cluster.nodes[0].id', (c: any) => (c.nodes[0].id = 'a'.repeat(101))],
  ])('validateCluster(cluster) names %s when it is bad', (field, spoil) => {
    const c = cluster();
    spoil(c);
    const error = thrown(() => validateCluster(c));
    expect(error.code).toBe('bad-cluster');
    expect(error.where).toBe(field);
    expect(error.message).toContain(field);
  });

  test('validateCluster(cluster) says which node has no link', () => {
    const c = {
      nodes: [...cluster().nodes, { id: 'lonely', memoryBytes: 1, gflops: 1 }],
      bandwidthMbps: [
        [0, 10, 0],
        [10, 0, 0],
        [0, 0, 0],
      ],
    };
    expect(thrown(() => validateCluster(c)).message).toContain("'lonely'");
  });

  test('validateCluster(cluster) accepts one node without links', () => {
    expect(validateCluster({ nodes: [{ id: 'solo', memoryBytes: 1, gflops: 1 }], bandwidthMbps: [[0]] }).nodes).toHaveLength(1);
  });
});

describe('validators at scale', () => {
  test('validateCluster(cluster) refuses more than MAX_CLUSTER_NODES nodes before looking at any matrix', () => {
    const nodes = Array.from({ length: MAX_CLUSTER_NODES + 1 }, (_, i) => ({ id: `n${i}`, memoryBytes: 1, gflops: 1 }));
    const error = thrown(() => validateCluster({ nodes, bandwidthMbps: 'not even a matrix' }));
    expect(error.where).toBe('cluster.nodes');
    expect(error.message).toContain(`more than the ${MAX_CLUSTER_NODES}`);
  });

  test('validateProfile(profile) and validateCluster(cluster) name the bad field without echoing control characters', () => {
    const error = thrown(() => validateCluster({ ...cluster(), nodes: [{ id: 'a\u001b[31m', memoryBytes: 1, gflops: 1 }, cluster().nodes[1]] }));
    expect(error.message).toContain('U+001B');
    expect(error.message).not.toContain('\u001b');
  });

  test('validateProfile(profile) keeps outTensors when given', () => {
    const p = { ...profile(), blocks: [{ ...profile().blocks[0], outTensors: 3 }] };
    expect(validateProfile(p).blocks[0].outTensors).toBe(3);
  });
});
