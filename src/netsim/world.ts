/** Building and checking the network world: plain data, one directed link per ordered pair of nodes. */
import { errors } from '../errors';
import type { LinkConfig, LinkSpec, NodeId, NodeSpec, World } from './types';

/** Above this, a TCP connection would stall for good; the model stays meaningful below it. */
export const MAX_LOSS_RATE = 0.9;

/** Settings of a link nobody configured: switched Ethernet between edge boxes. */
export const DEFAULT_LINK: Readonly<LinkConfig> = { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0, isUp: true };

export function nodeId(id: string): NodeId {
  if (typeof id !== 'string' || id === '') throw new TypeError(`a node id must be a non-empty string, got ${JSON.stringify(id)}`);
  return id as NodeId;
}

/** The key of the undirected pair a-b (the page draws and menus links as pairs): the same either way round. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The key of the directed link from -> to: the one link key of the code base ('a->b'). */
export function linkKey(from: string, to: string): string {
  return `${from}->${to}`;
}

export interface WorldOptions {
  /** Settings of every link (missing fields from DEFAULT_LINK). */
  link?: Partial<LinkConfig>;
  /** Per-pair rates, bandwidthsMbps[i][j] for nodeIds[i] -> nodeIds[j] (e.g. a planner cluster's matrix); the diagonal is ignored. */
  bandwidthsMbps?: readonly (readonly number[])[];
  /** One shared radio per node at this rate (default null: every link has its own rate). */
  radioMbps?: number | null;
}

/** A world with every node up and a link between every ordered pair. Throws SeiferError on bad values. */
export function createWorld(nodeIds: readonly string[], options: WorldOptions = {}): World {
  if (!Array.isArray(nodeIds)) throw new TypeError(`'nodeIds' must be an array of strings, got ${typeof nodeIds}`);
  const ids = nodeIds.map(nodeId);
  const matrix = options.bandwidthsMbps;
  if (matrix !== undefined && (matrix.length !== ids.length || matrix.some((row) => row.length !== ids.length))) {
    throw new RangeError(`'options.bandwidthsMbps' must be a ${ids.length}x${ids.length} matrix (one row and column per node)`);
  }
  const base = { ...DEFAULT_LINK, ...options.link };
  const nodes: NodeSpec[] = ids.map((id) => ({ id, isUp: true, radioMbps: options.radioMbps ?? null }));
  const links: LinkSpec[] = [];
  ids.forEach((from, i) =>
    ids.forEach((to, j) => {
      if (i !== j) links.push({ from, to, ...base, bandwidthMbps: matrix?.[i]?.[j] ?? base.bandwidthMbps });
    }),
  );
  const world = { nodes, links };
  validateWorld(world);
  return world;
}

/** Why a (partial) link configuration is invalid, or null when it is fine. */
export function linkConfigProblem(config: Partial<LinkConfig>): string | null {
  const { bandwidthMbps, latencyMs, jitterMs, lossRate, isUp } = config;
  if (bandwidthMbps !== undefined && !(Number.isFinite(bandwidthMbps) && bandwidthMbps > 0)) return `bandwidthMbps is ${bandwidthMbps}, expected a finite number > 0`;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) return `latencyMs is ${latencyMs}, expected a finite number >= 0`;
  if (jitterMs !== undefined && !(Number.isFinite(jitterMs) && jitterMs >= 0)) return `jitterMs is ${jitterMs}, expected a finite number >= 0`;
  if (lossRate !== undefined && !(lossRate >= 0 && lossRate <= MAX_LOSS_RATE)) return `lossRate is ${lossRate}, expected a number in [0, ${MAX_LOSS_RATE}]`;
  if (isUp !== undefined && typeof isUp !== 'boolean') return `isUp is ${JSON.stringify(isUp)}, expected true or false`;
  return null;
}

/** The settings of a link without its endpoints. */
export function linkConfigOf(link: LinkConfig): LinkConfig {
  const { bandwidthMbps, latencyMs, jitterMs, lossRate, isUp } = link;
  return { bandwidthMbps, latencyMs, jitterMs, lossRate, isUp };
}

/** Why a shared-radio rate is invalid, or null. */
export function radioProblem(radioMbps: number | null): string | null {
  return radioMbps === null || (Number.isFinite(radioMbps) && radioMbps > 0) ? null : `radioMbps is ${radioMbps}, expected null or a finite number > 0`;
}

/** Checks a world (e.g. one read from a cluster file): SeiferError naming the node or link at fault. */
export function validateWorld(world: World, source = 'network', options: { partial?: boolean } = {}): void {
  if (!world || !Array.isArray(world.nodes) || !Array.isArray(world.links)) throw errors.badNetwork(source, 'expected {nodes: [...], links: [...]}');
  if (world.nodes.length === 0) throw errors.badNetwork(source, 'there are no nodes');
  const ids = new Set<string>();
  for (const node of world.nodes) {
    if (typeof node?.id !== 'string' || node.id === '') throw errors.badNetwork(source, `a node has the id ${JSON.stringify(node?.id)}, expected a non-empty string`);
    if (ids.has(node.id)) throw errors.badNetwork(`${source}, node '${node.id}'`, `the id '${node.id}' is used twice`);
    ids.add(node.id);
    if (typeof node.isUp !== 'boolean') throw errors.badNetwork(`${source}, node '${node.id}'`, `isUp is ${JSON.stringify(node.isUp)}, expected true or false`);
    const radio = radioProblem(node.radioMbps);
    if (radio) throw errors.badNetwork(`${source}, node '${node.id}'`, radio);
  }
  const seen = new Set<string>();
  for (const link of world.links) {
    const where = `${source}, link ${link?.from}->${link?.to}`;
    if (!ids.has(link?.from) || !ids.has(link?.to)) throw errors.badNetwork(where, `the link names a node that is not in nodes`);
    if (link.from === link.to) throw errors.badNetwork(where, 'a link must join two different nodes');
    const key = linkKey(link.from, link.to);
    if (seen.has(key)) throw errors.badNetwork(where, 'the link is listed twice');
    seen.add(key);
    const problem = linkConfigProblem(link);
    if (problem) throw errors.badNetwork(where, problem);
    for (const field of ['bandwidthMbps', 'latencyMs', 'jitterMs', 'lossRate', 'isUp'] as const) {
      if (link[field] === undefined) throw errors.badNetwork(where, `${field} is missing`);
    }
  }
  const expected = ids.size * (ids.size - 1);
  if (!options.partial && seen.size !== expected) {
    const missing = [...ids].flatMap((a) => [...ids].filter((b) => a !== b && !seen.has(`${a}->${b}`)).map((b) => `${a}->${b}`));
    throw errors.badNetwork(source, `${missing.length} link(s) are missing, e.g. ${missing.slice(0, 3).join(', ')} (every ordered pair of nodes needs one)`);
  }
}
