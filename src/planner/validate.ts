/**
 * Checks at the planner's door: a profile and a cluster from a file or a person are checked once, here, and every
 * message names the field (`cluster.bandwidthMbps[2][3]`), so it can be fixed without reading code.
 */
import { errors } from '../errors';
import type { Cluster, ClusterNode, Profile, ProfileBlock } from './types';

type Fail = (field: string, detail: string) => Error;

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'string') return `the string '${value.length > 40 ? value.slice(0, 40) + '...' : value}'`;
  return `${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
}

function number(value: unknown, field: string, fail: Fail, { positive = false, unit = '' } = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw fail(field, `is ${describe(value)}, expected a finite number ${positive ? '> 0' : '>= 0'}${unit ? ` (${unit})` : ''}`);
  }
  return value;
}

function record(value: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(field, `is ${describe(value)}, expected an object`);
  return value as Record<string, unknown>;
}

/** Returns the profile as typed data, or throws SeiferError('bad-profile') naming the first bad field. */
export function validateProfile(input: unknown): Profile {
  const fail: Fail = errors.badProfile;
  const p = record(input, 'profile', fail);
  if (typeof p.model !== 'string') throw fail('profile.model', `is ${describe(p.model)}, expected the model's name`);
  const inputBytes = number(p.inputBytes, 'profile.inputBytes', fail, { unit: 'bytes' });
  const outputBytes = number(p.outputBytes, 'profile.outputBytes', fail, { unit: 'bytes' });
  if (!Array.isArray(p.blocks) || p.blocks.length === 0) throw fail('profile.blocks', `is ${describe(p.blocks)}, expected a non-empty array of blocks`);
  const blocks = p.blocks.map((b: unknown, i: number): ProfileBlock => {
    const at = `profile.blocks[${i}]`;
    const block = record(b, at, fail);
    if (typeof block.name !== 'string') throw fail(`${at}.name`, `is ${describe(block.name)}, expected a string`);
    return {
      name: block.name,
      memoryBytes: number(block.memoryBytes, `${at}.memoryBytes`, fail, { unit: 'bytes' }),
      flops: number(block.flops, `${at}.flops`, fail),
      outBytes: number(block.outBytes, `${at}.outBytes`, fail, { unit: 'bytes' }),
    };
  });
  return { model: p.model, inputBytes, outputBytes, blocks };
}

function matrix(value: unknown, field: string, size: number, unit: string, fail: Fail): number[][] {
  if (!Array.isArray(value) || value.length !== size) {
    throw fail(field, `is ${Array.isArray(value) ? `an array of ${value.length} rows` : describe(value)}, expected ${size} rows (one per node)`);
  }
  return value.map((row: unknown, i: number) => {
    if (!Array.isArray(row) || row.length !== size) {
      throw fail(`${field}[${i}]`, `is ${Array.isArray(row) ? `a row of ${row.length} values` : describe(row)}, expected ${size} values (one per node)`);
    }
    return row.map((v: unknown, j: number) => number(v, `${field}[${i}][${j}]`, fail, { unit }));
  });
}

/** Returns the cluster as typed data, or throws SeiferError('bad-cluster') naming the first bad field. */
export function validateCluster(input: unknown): Cluster {
  const fail: Fail = errors.badCluster;
  const c = record(input, 'cluster', fail);
  if (!Array.isArray(c.nodes) || c.nodes.length === 0) throw fail('cluster.nodes', `is ${describe(c.nodes)}, expected a non-empty array of nodes`);
  const seen = new Set<string>();
  const nodes = c.nodes.map((n: unknown, i: number): ClusterNode => {
    const at = `cluster.nodes[${i}]`;
    const node = record(n, at, fail);
    if (typeof node.id !== 'string' || node.id === '') throw fail(`${at}.id`, `is ${describe(node.id)}, expected a non-empty string`);
    if (seen.has(node.id)) throw fail(`${at}.id`, `is '${node.id}', which an earlier node already uses; ids must be unique`);
    seen.add(node.id);
    return {
      id: node.id,
      memoryBytes: number(node.memoryBytes, `${at}.memoryBytes`, fail, { unit: 'bytes' }),
      gflops: number(node.gflops, `${at}.gflops`, fail, { positive: true, unit: '10^9 FLOP/s' }),
    };
  });
  const size = nodes.length;
  const bandwidthMbps = matrix(c.bandwidthMbps, 'cluster.bandwidthMbps', size, 'Mbit/s, 0 = no link', fail);
  const cluster: Cluster = { nodes, bandwidthMbps };
  if (c.latencyMs !== undefined) cluster.latencyMs = matrix(c.latencyMs, 'cluster.latencyMs', size, 'ms', fail);
  if (c.dispatcher !== undefined) {
    if (typeof c.dispatcher !== 'string' || !seen.has(c.dispatcher)) {
      throw fail('cluster.dispatcher', `is ${describe(c.dispatcher)}, which is not the id of a node (ids: ${nodes.map((n) => n.id).slice(0, 8).join(', ')}${size > 8 ? ', ...' : ''})`);
    }
    cluster.dispatcher = c.dispatcher;
    if (size < 2) throw fail('cluster.nodes', 'has only the dispatcher; at least one other node must host the stages');
  }
  if (size > 1) {
    for (let i = 0; i < size; i++) {
      let linked = false;
      for (let j = 0; j < size && !linked; j++) linked = i !== j && (bandwidthMbps[i][j] > 0 || bandwidthMbps[j][i] > 0);
      if (!linked) throw fail(`cluster.bandwidthMbps[${i}]`, `gives node '${nodes[i].id}' no link to any other node (every value in its row and column is 0)`);
    }
  }
  return cluster;
}
