/**
 * Checks at the planner's door: a profile and a cluster from a file or a person are checked once, here, and every
 * message names the field (`cluster.bandwidthMbps[2][3]`), so it can be fixed without reading code. Numbers must
 * lie in ranges a real device or model can have (so no sum or product of them overflows), ids are plain text
 * (no control characters, no markup), and sizes are checked before anything grows with them.
 */
import { errors } from '../errors';
import type { Cluster, ClusterNode, Profile, ProfileBlock } from './types';

/** Most devices a cluster may have (its dispatcher comes on top): every matrix is n x n, and planning reads every link. */
export const MAX_CLUSTER_NODES = 2000;
/** Most blocks a profile may have (long chains are grouped before planning, see grouping.ts). */
const MAX_PROFILE_BLOCKS = 1_000_000;

/** Ranges of the numbers: beyond them a value is a mistake (and sums of them could overflow). */
const BYTES = { max: 2 ** 50, expected: 'a number of bytes from 0 to 2^50 (1 PiB)' };
const FLOPS = { max: 1e21, expected: 'a number of FLOPs from 0 to 1e21' };
const GFLOPS = { min: 1e-6, max: 1e9, expected: 'a speed in 10^9 FLOP/s from 1e-6 to 1e9' };
const MBPS = { min: 1e-6, max: 1e9, zero: true, expected: 'a bandwidth in Mbit/s: 0 for no link, else from 1e-6 to 1e9' };
const LATENCY = { max: 1e7, expected: 'a latency in ms from 0 to 1e7' };
const TENSORS = { min: 1, max: 1e6, integer: true, expected: 'a whole number of tensors from 1 to 1e6' };

const ID_MAX = 100;
const NAME_MAX = 1000;
/** Control characters (C0, DEL, C1) and bidirectional overrides: they rewrite terminals and reorder text. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Characters of HTML/XML markup and quoting, which an id never needs. */
const MARKUP = /[<>&"'`]/;

type Fail = (field: string, detail: string) => Error;

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'string') return `the string '${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value).slice(1, -1)}'`;
  return `${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
}

interface Range {
  min?: number;
  max: number;
  /** 0 is allowed besides [min, max]. */
  zero?: boolean;
  integer?: boolean;
  /** What a good value is, for the message. */
  expected: string;
}

function number(value: unknown, field: string, fail: Fail, range: Range): number {
  const { min = 0, max, zero = false, integer = false, expected } = range;
  const ok = typeof value === 'number' && Number.isFinite(value) && ((value >= min && value <= max) || (zero && value === 0)) && (!integer || Number.isInteger(value));
  if (!ok) throw fail(field, `is ${describe(value)}, expected ${expected}`);
  return value as number;
}

/** A name shown to people: a string without control characters, of sensible length; ids also without markup. */
function text(value: unknown, field: string, fail: Fail, kind: 'id' | 'name'): string {
  const max = kind === 'id' ? ID_MAX : NAME_MAX;
  const expected =
    kind === 'id' ? `a non-empty string of at most ${ID_MAX} characters without control characters or markup (<>&"'\`)` : `a string of at most ${NAME_MAX} characters without control characters`;
  if (typeof value !== 'string' || (kind === 'id' && value === '') || value.length > max) throw fail(field, `is ${describe(value)}, expected ${expected}`);
  const bad = CONTROL.exec(value) ?? (kind === 'id' ? MARKUP.exec(value) : null);
  if (bad) throw fail(field, `contains the character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at position ${bad.index}, expected ${expected}`);
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
  const model = text(p.model, 'profile.model', fail, 'name');
  const inputBytes = number(p.inputBytes, 'profile.inputBytes', fail, BYTES);
  const outputBytes = number(p.outputBytes, 'profile.outputBytes', fail, BYTES);
  if (!Array.isArray(p.blocks) || p.blocks.length === 0) throw fail('profile.blocks', `is ${describe(p.blocks)}, expected a non-empty array of blocks`);
  if (p.blocks.length > MAX_PROFILE_BLOCKS) throw fail('profile.blocks', `has ${p.blocks.length} blocks, more than the ${MAX_PROFILE_BLOCKS} the planner takes; merge blocks first`);
  const blocks = p.blocks.map((b: unknown, i: number): ProfileBlock => {
    const at = `profile.blocks[${i}]`;
    const block = record(b, at, fail);
    const out: ProfileBlock = {
      name: text(block.name, `${at}.name`, fail, 'name'),
      memoryBytes: number(block.memoryBytes, `${at}.memoryBytes`, fail, BYTES),
      flops: number(block.flops, `${at}.flops`, fail, FLOPS),
      outBytes: number(block.outBytes, `${at}.outBytes`, fail, BYTES),
    };
    if (block.outTensors !== undefined) out.outTensors = number(block.outTensors, `${at}.outTensors`, fail, TENSORS);
    return out;
  });
  return { model, inputBytes, outputBytes, blocks };
}

function matrix(value: unknown, field: string, size: number, range: Range, fail: Fail): number[][] {
  if (!Array.isArray(value) || value.length !== size) {
    throw fail(field, `is ${Array.isArray(value) ? `an array of ${value.length} rows` : describe(value)}, expected ${size} rows (one per node)`);
  }
  const { min = 0, max, zero = false } = range;
  return value.map((row: unknown, i: number) => {
    if (!Array.isArray(row) || row.length !== size) {
      throw fail(`${field}[${i}]`, `is ${Array.isArray(row) ? `a row of ${row.length} values` : describe(row)}, expected ${size} values (one per node)`);
    }
    const out = new Array<number>(size);
    for (let j = 0; j < size; j++) {
      const v = row[j];
      // the common case inline (n² values); anything else gets the full check and its message
      out[j] = typeof v === 'number' && ((v >= min && v <= max) || (zero && v === 0)) ? v : number(v, `${field}[${i}][${j}]`, fail, range);
    }
    return out;
  });
}

/** Returns the cluster as typed data, or throws SeiferError('bad-cluster') naming the first bad field. */
export function validateCluster(input: unknown): Cluster {
  const fail: Fail = errors.badCluster;
  const c = record(input, 'cluster', fail);
  if (!Array.isArray(c.nodes) || c.nodes.length === 0) throw fail('cluster.nodes', `is ${describe(c.nodes)}, expected a non-empty array of nodes`);
  if (c.nodes.length > MAX_CLUSTER_NODES + (c.dispatcher === undefined ? 0 : 1))
    throw fail('cluster.nodes', `has ${c.nodes.length} nodes, more than the ${MAX_CLUSTER_NODES} the planner takes (and a dispatcher); plan on a subset of the nodes`);
  const seen = new Set<string>();
  const nodes = c.nodes.map((n: unknown, i: number): ClusterNode => {
    const at = `cluster.nodes[${i}]`;
    const node = record(n, at, fail);
    const id = text(node.id, `${at}.id`, fail, 'id');
    if (seen.has(id)) throw fail(`${at}.id`, `is '${id}', which an earlier node already uses; ids must be unique`);
    seen.add(id);
    return {
      id,
      memoryBytes: number(node.memoryBytes, `${at}.memoryBytes`, fail, BYTES),
      gflops: number(node.gflops, `${at}.gflops`, fail, GFLOPS),
    };
  });
  const size = nodes.length;
  const bandwidthMbps = matrix(c.bandwidthMbps, 'cluster.bandwidthMbps', size, MBPS, fail);
  const cluster: Cluster = { nodes, bandwidthMbps };
  if (c.latencyMs !== undefined) cluster.latencyMs = matrix(c.latencyMs, 'cluster.latencyMs', size, LATENCY, fail);
  if (c.dispatcher !== undefined) {
    if (typeof c.dispatcher !== 'string' || !seen.has(c.dispatcher)) {
      throw fail(
        'cluster.dispatcher',
        `is ${describe(c.dispatcher)}, which is not the id of a node (ids: ${nodes
          .map((n) => n.id)
          .slice(0, 8)
          .join(', ')}${size > 8 ? ', ...' : ''})`,
      );
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
