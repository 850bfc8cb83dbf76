/**
 * A random cluster with SEIFER's bandwidth model: nodes uniform in [1,150]² metres, every pair linked,
 * B = log2(1 + 283230 / d²) Mbit/s (mean about 6 Mbit/s). Seeded, so a trial can be replayed.
 */
import { createRng, type Rng } from '../util/rng';
import type { Cluster, ClusterNode } from './types';

/** SEIFER's Shannon-like link model; d in metres. */
export function paperBandwidthMbps(distance: number): number {
  return Math.log2(1 + 283230 / Math.max(distance, 1e-6) ** 2);
}

/** `count` points uniform in [1,150]², as `rng.random((n, 2)) * 149 + 1`. */
export function paperPositions(rng: Rng, count: number): [number, number][] {
  return Array.from({ length: count }, () => [rng() * 149 + 1, rng() * 149 + 1]);
}

/** The symmetric bandwidth matrix of points under the paper's model (0 on the diagonal). */
export function paperBandwidthMatrix(positions: [number, number][]): number[][] {
  const n = positions.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  // distance is symmetric (hypot ignores signs), so each pair is computed once
  for (let i = 0; i < n; i++) {
    const [x1, y1] = positions[i];
    for (let j = i + 1; j < n; j++) matrix[i][j] = matrix[j][i] = paperBandwidthMbps(Math.hypot(x1 - positions[j][0], y1 - positions[j][1]));
  }
  return matrix;
}

export interface GeneratedClusterOptions {
  /** Worker nodes (the dispatcher, if any, comes on top). */
  nodes: number;
  /** Per node, or one value for all. */
  memoryBytes: number | number[];
  /** Per node, or one value for all; default 10. */
  gflops?: number | number[];
  seed: number;
  /** Add a node 'dispatcher' at its own random position. */
  dispatcher?: boolean;
  /** One-way latency of every link; default 0. */
  latencyMs?: number;
}

export function randomGeometricCluster(options: GeneratedClusterOptions): Cluster {
  const { nodes: count, memoryBytes, gflops = 10, seed, dispatcher = false, latencyMs = 0 } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`'nodes' must be an integer >= 1, got ${count}`);
  const pick = (value: number | number[], i: number, name: string) => {
    const v = Array.isArray(value) ? value[i] : value;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`'${name}' for node ${i} must be a finite number >= 0, got ${v}`);
    return v;
  };
  const nodes: ClusterNode[] = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    memoryBytes: pick(memoryBytes, i, 'memoryBytes'),
    gflops: pick(gflops, i, 'gflops'),
  }));
  if (dispatcher) nodes.unshift({ id: 'dispatcher', memoryBytes: 0, gflops: 1 });
  const bandwidthMbps = paperBandwidthMatrix(paperPositions(createRng(seed), nodes.length));
  const cluster: Cluster = { nodes, bandwidthMbps };
  if (latencyMs > 0) cluster.latencyMs = nodes.map((_, i) => nodes.map((__, j) => (i === j ? 0 : latencyMs)));
  if (dispatcher) cluster.dispatcher = 'dispatcher';
  return cluster;
}
