/**
 * Cluster files: the planner's Cluster of a scenario as configured (its dispatcher named), plus what the planner
 * does not read and the emulator does: jitter and loss matrices, and each node's preset and shared radio.
 * `plan --cluster` and `emulate --cluster` both read one; the page exports one. A plain planner cluster is a
 * cluster file too. scenarioFromCluster(clusterFile(s)) equals s.
 */
import { errors } from '../errors';
import { MAX_LOSS_RATE } from '../netsim/world';
import { validateCluster } from '../planner/validate';
import type { Cluster } from '../planner/types';
import { DISPATCHER } from './node-protocol';
import { endpointIds, type Scenario, type ScenarioLink } from './scenario';

export interface ClusterFile extends Cluster {
  nodes: (Cluster['nodes'][number] & { preset?: string; radioMbps?: number })[];
  jitterMs?: number[][];
  lossRate?: number[][];
}

export function clusterFile(scenario: Scenario): ClusterFile {
  const ids = endpointIds(scenario);
  const matrix = (field: keyof ScenarioLink) => ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : scenario.links[i][j][field])));
  return {
    nodes: [...scenario.nodes.map((n) => ({ ...n })), { id: DISPATCHER, memoryBytes: 0, gflops: 1 }],
    bandwidthMbps: matrix('bandwidthMbps'),
    latencyMs: matrix('latencyMs'),
    jitterMs: matrix('jitterMs'),
    lossRate: matrix('lossRate'),
    dispatcher: DISPATCHER,
  };
}

/**
 * A scenario from a cluster file (see ClusterFile; a plain planner cluster is one too). Its dispatcher (if named)
 * becomes the scenario's dispatcher; otherwise one is added, linked to every node by `dispatcherLink`.
 */
export function scenarioFromCluster(cluster: ClusterFile, dispatcherLink: ScenarioLink): Scenario {
  const dispatcherIndex = cluster.dispatcher === undefined ? -1 : cluster.nodes.findIndex((n) => n.id === cluster.dispatcher);
  const devices = cluster.nodes.map((n, i) => ({ n, i })).filter(({ i }) => i !== dispatcherIndex);
  const order = [...devices.map(({ i }) => i), dispatcherIndex];
  const link = (a: number, b: number): ScenarioLink => {
    if (a === -1 || b === -1) return { ...dispatcherLink };
    return {
      bandwidthMbps: cluster.bandwidthMbps[a][b],
      latencyMs: cluster.latencyMs?.[a][b] ?? 0,
      jitterMs: cluster.jitterMs?.[a]?.[b] ?? 0,
      lossRate: cluster.lossRate?.[a]?.[b] ?? 0,
    };
  };
  return {
    nodes: devices.map(({ n }) => ({
      id: n.id,
      memoryBytes: n.memoryBytes,
      gflops: n.gflops,
      ...(typeof n.preset === 'string' ? { preset: n.preset } : {}),
      ...(typeof n.radioMbps === 'number' ? { radioMbps: n.radioMbps } : {}),
    })),
    links: order.map((a) => order.map((b) => (a === b ? { ...dispatcherLink } : link(a, b)))),
  };
}

/** Checks a parsed cluster file: the planner's checks, then the extras (jitter, loss, presets, radios), each field named. */
export function validateClusterFile(input: unknown): ClusterFile {
  const cluster: ClusterFile = validateCluster(input);
  const raw = input as Record<string, unknown>;
  const size = cluster.nodes.length;
  const extra = (field: 'jitterMs' | 'lossRate', max: number) => {
    const value = raw[field];
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length !== size) throw errors.badCluster(`cluster.${field}`, `expected ${size} rows (one per node)`);
    cluster[field] = value.map((row: unknown, i: number) => {
      if (!Array.isArray(row) || row.length !== size) throw errors.badCluster(`cluster.${field}[${i}]`, `expected ${size} values (one per node)`);
      return row.map((v: unknown, j: number) => {
        if (typeof v !== 'number' || !(v >= 0 && v <= max)) throw errors.badCluster(`cluster.${field}[${i}][${j}]`, `is ${String(v)}, expected a number from 0 to ${max}`);
        return v;
      });
    });
  };
  extra('jitterMs', 1e6);
  extra('lossRate', MAX_LOSS_RATE);
  const nodes = raw.nodes as Record<string, unknown>[];
  cluster.nodes = cluster.nodes.map((n, i) => {
    const { preset, radioMbps } = nodes[i];
    if (preset !== undefined && (typeof preset !== 'string' || !/^[\w.-]{1,40}$/.test(preset))) throw errors.badCluster(`cluster.nodes[${i}].preset`, 'expected a preset id such as pi4');
    if (radioMbps !== undefined && !(typeof radioMbps === 'number' && radioMbps > 0 && radioMbps < 1e9)) throw errors.badCluster(`cluster.nodes[${i}].radioMbps`, 'expected a rate > 0 in Mbit/s');
    return { ...n, ...(preset !== undefined ? { preset: preset as string } : {}), ...(radioMbps !== undefined ? { radioMbps: radioMbps as number } : {}) };
  });
  return cluster;
}
