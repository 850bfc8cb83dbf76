/**
 * A scenario: the devices, the links between them and the dispatcher, as plain data. It converts to the
 * planner's Cluster (what the planner believes) and to netsim's World (what the emulated network does).
 */
import type { Cluster } from '../planner/types';
import type { LinkSpec, NodeId, World } from '../netsim/types';
import { DISPATCHER } from './backend';

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
export function endpointIds(scenario: Scenario): string[] {
  return [...scenario.nodes.map((n) => n.id), DISPATCHER];
}

export function toCluster(scenario: Scenario): Cluster {
  const ids = endpointIds(scenario);
  return {
    nodes: [...scenario.nodes.map((n) => ({ id: n.id, memoryBytes: n.memoryBytes, gflops: n.gflops })), { id: DISPATCHER, memoryBytes: 0, gflops: 1 }],
    bandwidthMbps: ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : scenario.links[i][j].bandwidthMbps))),
    latencyMs: ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : scenario.links[i][j].latencyMs))),
    dispatcher: DISPATCHER,
  };
}

export function toWorld(scenario: Scenario): World {
  const ids = endpointIds(scenario) as NodeId[];
  const links: LinkSpec[] = [];
  ids.forEach((from, i) =>
    ids.forEach((to, j) => {
      if (i !== j) links.push({ from, to, ...scenario.links[i][j], isUp: true });
    }),
  );
  const radio = new Map(scenario.nodes.map((n) => [n.id, n.radioMbps ?? null]));
  return { nodes: ids.map((id) => ({ id, isUp: true, radioMbps: radio.get(id) ?? null })), links };
}

/** A uniform scenario: n identical devices, every link alike. */
export function uniformScenario(count: number, device: Omit<ScenarioNode, 'id'>, link: ScenarioLink): Scenario {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, ...device }));
  const size = count + 1;
  return { nodes, links: Array.from({ length: size }, () => Array.from({ length: size }, () => ({ ...link }))) };
}

/**
 * A scenario from a planner cluster file. Its dispatcher (if named) becomes the scenario's dispatcher;
 * otherwise one is added, linked to every node by `dispatcherLink`.
 */
export function scenarioFromCluster(cluster: Cluster, dispatcherLink: ScenarioLink): Scenario {
  const dispatcherIndex = cluster.dispatcher === undefined ? -1 : cluster.nodes.findIndex((n) => n.id === cluster.dispatcher);
  const devices = cluster.nodes.map((n, i) => ({ n, i })).filter(({ i }) => i !== dispatcherIndex);
  const order = [...devices.map(({ i }) => i), dispatcherIndex];
  const link = (a: number, b: number): ScenarioLink => {
    if (a === -1 || b === -1) return { ...dispatcherLink };
    return { bandwidthMbps: cluster.bandwidthMbps[a][b], latencyMs: cluster.latencyMs?.[a][b] ?? 0, jitterMs: 0, lossRate: 0 };
  };
  return {
    nodes: devices.map(({ n }) => ({ id: n.id, memoryBytes: n.memoryBytes, gflops: n.gflops })),
    links: order.map((a) => order.map((b) => (a === b ? { ...dispatcherLink } : link(a, b)))),
  };
}
