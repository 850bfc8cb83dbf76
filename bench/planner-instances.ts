/**
 * The instances `bench planner` runs every algorithm on (the same seeded cluster for all, per trial):
 * - paper: the ITNAC grid in correct mode: SEIFER's four models (float32, 4-byte parameters, one send per cut),
 *   homogeneous nodes with the cap's memory, SEIFER's bandwidth model, only the (model, cap) pairs that need at
 *   least two stages;
 * - small: heterogeneous edge clusters of 3 to 12 devices with a dispatcher, link latency and compute speeds, and
 *   random CNN-like chains with FLOPs, so compute and the input/output hops matter, and `optimal` always runs.
 */
import { randomGeometricCluster } from '../src/planner/cluster-gen';
import { correctProfile, type PaperModel } from '../src/planner/paper/profiles';
import type { Cluster, Objective, Profile } from '../src/planner/types';
import { createRng, randomInt } from '../src/util/rng';

export interface BenchInstance {
  cell: string;
  profile: Profile;
  cluster: Cluster;
  objective: Objective;
  seed: number;
}

const MiB = 2 ** 20;

export function paperGridInstances(models: PaperModel[], trials: number, seed: number, objective: Objective): BenchInstance[] {
  const out: BenchInstance[] = [];
  for (const model of models) {
    const profile = correctProfile(model);
    const total = profile.blocks.reduce((s, b) => s + b.memoryBytes, 0);
    for (const capMB of [64, 128, 256, 512]) {
      if (total <= capMB * MiB) continue; // one node holds it: every algorithm gives the same single stage
      for (const nodes of [5, 10, 15, 20, 50]) {
        for (let trial = 0; trial < trials; trial++) {
          const s = seed * 1_000_003 + trial * 101 + nodes;
          out.push({ cell: `${model.name} @${capMB} / ${nodes}`, profile, cluster: randomGeometricCluster({ nodes, memoryBytes: capMB * MiB, seed: s }), objective, seed: s });
        }
      }
    }
  }
  return out;
}

export function smallGridInstances(trials: number, seed: number, objective: Objective): BenchInstance[] {
  return Array.from({ length: trials }, (_, trial) => {
    const s = seed * 1_000_003 + trial;
    const rng = createRng(s);
    const profile = randomChainProfile(rng, randomInt(rng, 8, 40), `chain-${trial}`);
    const nodes = randomInt(rng, 3, 12);
    const cluster = randomGeometricCluster({
      nodes,
      memoryBytes: Array.from({ length: nodes }, () => [64, 128, 256, 512][randomInt(rng, 0, 3)] * MiB),
      gflops: Array.from({ length: nodes }, () => [2, 5, 10, 20, 50][randomInt(rng, 0, 4)]),
      seed: s,
      dispatcher: true,
    });
    // faster links than SEIFER's WiFi model (x1..x10) and 1..5 ms latency, so hops and compute compete
    const factor = cluster.nodes.map(() => 1 + 9 * rng());
    cluster.bandwidthMbps = cluster.bandwidthMbps.map((row, i) => row.map((b, j) => b * Math.min(factor[i], factor[j])));
    cluster.latencyMs = cluster.nodes.map((_, i) => cluster.nodes.map((__, j) => (i === j ? 0 : randomInt(rng, 1, 5))));
    const bucket = nodes <= 6 ? '3-6' : nodes <= 9 ? '7-9' : '10-12';
    return { cell: `${bucket} nodes`, profile, cluster, objective, seed: s };
  });
}

/** A CNN-like chain: activations shrinking with depth, parameters growing, 20 to 800 MFLOPs per block. */
function randomChainProfile(rng: () => number, blocks: number, name: string): Profile {
  let elems = 150_528 * (1 + rng());
  const list = Array.from({ length: blocks }, (_, i) => {
    elems = Math.max(1000, elems * (0.8 + 0.35 * rng()));
    const params = Math.round(10_000 * 2 ** ((8 * i) / blocks) * (0.5 + rng()));
    return { name: `block${i}`, memoryBytes: Math.round(4 * params + 8 * elems), flops: Math.round((20 + 780 * rng()) * 1e6), outBytes: Math.round(4 * elems) };
  });
  list[blocks - 1].outBytes = 4000;
  return { model: name, inputBytes: 602_112, outputBytes: 4000, blocks: list };
}
