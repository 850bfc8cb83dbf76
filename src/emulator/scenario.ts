/**
 * A scenario: the devices, the links between them and the dispatcher, as plain data. It converts to the
 * planner's Cluster (what the planner believes) and to netsim's World (what the emulated network does).
 */
import type { Cluster } from '../planner/types';
import type { LinkConfig, LinkSpec, NodeId, World } from '../netsim/types';
import { nodeId } from '../netsim/world';
import { DISPATCHER } from './node-protocol';

export interface ScenarioNode {
  id: string;
  memoryBytes: number;
  gflops: number;
  /** Device preset id, shown in the UI. */
  preset?: string;
  /** One shared radio: all the node's outgoing links share this rate (Wi-Fi); absent = a link each. */
  radioMbps?: number;
}

export interface ScenarioLink {
  bandwidthMbps: number;
  latencyMs: number;
  jitterMs: number;
  lossRate: number;
}

export interface Scenario {
  nodes: ScenarioNode[];
  /** links[i][j]: from node i to node j, indexed like nodes, with the dispatcher as index nodes.length. */
  links: ScenarioLink[][];
}

/** All node ids including the dispatcher (last). */
export function endpointIds(scenario: Pick<Scenario, 'nodes'>): string[] {
  return [...scenario.nodes.map((n) => n.id), DISPATCHER];
}

/**
 * What the planner should expect of the scenario: a lossy link is a slower one (every lost segment is sent
 * again), and jitter adds half its span to the latency on average.
 */
export function toCluster(scenario: Scenario): Cluster {
  const ids = endpointIds(scenario);
  return {
    nodes: [...scenario.nodes.map((n) => ({ id: n.id, memoryBytes: n.memoryBytes, gflops: n.gflops })), { id: DISPATCHER, memoryBytes: 0, gflops: 1 }],
    bandwidthMbps: ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : scenario.links[i][j].bandwidthMbps * (1 - scenario.links[i][j].lossRate)))),
    latencyMs: ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : scenario.links[i][j].latencyMs + scenario.links[i][j].jitterMs / 2))),
    dispatcher: DISPATCHER,
  };
}

export function toWorld(scenario: Scenario): World {
  const { world, linkFor } = lazyWorld(scenario);
  const ids = world.nodes.map((n) => n.id);
  const links: LinkSpec[] = ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => ({ from, to, ...linkFor(from, to) })));
  return { ...world, links };
}

/**
 * The world of a scenario with no link listed, and the resolver that gives each pair its link the first time it
 * carries traffic: a 1,000-node scenario costs nothing for the million pairs that never do.
 */
export function lazyWorld(scenario: Scenario): { world: World; linkFor: (from: NodeId, to: NodeId) => LinkConfig } {
  const radio = new Map(scenario.nodes.map((n) => [n.id, n.radioMbps ?? null]));
  const nodes = endpointIds(scenario).map((id) => ({ id: nodeId(id), isUp: true, radioMbps: radio.get(id) ?? null }));
  const index = endpointIndex(scenario);
  const linkFor = (from: NodeId, to: NodeId): LinkConfig => {
    const { bandwidthMbps, latencyMs, jitterMs, lossRate } = linkBetween(scenario, index, from, to);
    return { bandwidthMbps, latencyMs, jitterMs, lossRate, isUp: true };
  };
  return { world: { nodes, links: [] }, linkFor };
}

/** Endpoint id -> its index in the scenario's link matrix. */
export function endpointIndex(scenario: Pick<Scenario, 'nodes'>): Map<string, number> {
  return new Map(endpointIds(scenario).map((id, i) => [id, i]));
}

/** The configured link from -> to. */
export function linkBetween(scenario: Scenario, index: ReadonlyMap<string, number>, from: string, to: string): ScenarioLink {
  const i = index.get(from);
  const j = index.get(to);
  if (i === undefined || j === undefined || i === j) throw new RangeError(`no link ${from}->${to} in the scenario`);
  return scenario.links[i][j];
}

/** A uniform scenario: n identical devices, every link alike (one shared link object: scenarios are plain data nobody mutates, and 1,000 nodes would otherwise hold a million copies). */
export function uniformScenario(count: number, device: Omit<ScenarioNode, 'id'>, link: ScenarioLink): Scenario {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, ...device }));
  const size = count + 1;
  const shared = { ...link };
  return { nodes, links: Array.from({ length: size }, () => new Array<ScenarioLink>(size).fill(shared)) };
}
