/**
 * One cluster builder for every command: the same flags give the same scenario, the same node ids (n1..nN, then
 * the dispatcher) and the same links in `plan`, `emulate` and the benches. Links follow SEIFER's random
 * geometric model (every endpoint, the dispatcher included, at a seeded position in a 150 m field) unless a
 * uniform bandwidth is given.
 */
import { paperBandwidthMatrix, paperPositions } from '../planner/cluster-gen';
import { createRng } from '../util/rng';
import type { Scenario, ScenarioLink, ScenarioNode } from './scenario';

export interface ClusterFlags {
  nodes: number;
  memoryBytes: number;
  gflops: number;
  /** Device preset shown with each node. */
  preset?: string;
  /** Seeds the geometric model (node positions). */
  seed: number;
  /** Every link at this rate instead of the geometric model. */
  bandwidthMbps?: number;
  /** One-way latency of every link (default 0). */
  latencyMs?: number;
}

export function scenarioFromFlags(flags: ClusterFlags): Scenario {
  const { nodes: count, memoryBytes, gflops, preset, seed, bandwidthMbps, latencyMs = 0 } = flags;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`'nodes' must be an integer >= 1, got ${count}`);
  const nodes: ScenarioNode[] = Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, memoryBytes, gflops, ...(preset ? { preset } : {}) }));
  const size = count + 1;
  const link = (mbps: number): ScenarioLink => ({ bandwidthMbps: mbps, latencyMs, jitterMs: 0, lossRate: 0 });
  if (bandwidthMbps !== undefined) {
    // one shared object per row is enough: scenarios are plain data nobody mutates
    const uniform = link(bandwidthMbps);
    return { nodes, links: Array.from({ length: size }, () => Array.from({ length: size }, () => uniform)) };
  }
  const matrix = paperBandwidthMatrix(paperPositions(createRng(seed), size));
  return { nodes, links: matrix.map((row) => row.map((mbps) => link(mbps))) };
}
