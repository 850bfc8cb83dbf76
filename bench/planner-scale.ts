/**
 * The planner's half of the `scale` bench: `best` on the paper's cluster model (random geometric, 128 MiB nodes,
 * 10 GFLOPS, as `plan --nodes N --memory 128 --seed S`) for ResNet-50 and InceptionResNetV2 from the zoo, from 10
 * to 2,000 nodes: wall time of plan() (validation included), the report's planMs, whether the plan is proven
 * optimal (else the gap to the bound), and memory. One run per row, in a fixed order, so rows compare.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { analyzeModel, toProfile } from '../src/model/index';
import { zoo } from '../src/model/zoo/index';
import type { CliIO } from '../src/cli/command';
import { loadModelArg } from '../src/cli/model-source';
import { randomGeometricCluster } from '../src/planner/cluster-gen';
import { isInfeasible, plan, type Profile } from '../src/planner/index';
import { table } from './table';

export interface PlannerScaleRow {
  model: string;
  blocks: number;
  nodes: number;
  /** Wall time of plan(), validation included. */
  wallMs: number;
  /** The report's planMs (the search, without validation). */
  planMs: number;
  provenOptimal: boolean;
  gapPct: number;
  bottleneckMs: number;
  stages: number;
  /** Peak growth of the JS heap plus typed arrays during the call (sampled at each progress call), MiB. */
  peakMiB: number;
  /** Resident set size after the call, MiB. */
  rssMiB: number;
}

export interface PlannerScaleOptions {
  nodeCounts?: number[];
  models?: string[];
  seed?: number;
  memoryMiB?: number;
}

export const SCALE_NODE_COUNTS = [10, 50, 100, 200, 500, 1000, 2000];
export const SCALE_MODELS = ['resnet50', 'inceptionresnetv2'];

/** The zoo model's profile, as `seifer-lab profile <name>` computes it. */
export async function zooProfile(name: string, io: CliIO): Promise<Profile> {
  const entry = zoo.find((e) => e.name === name);
  const loaded = loadModelArg(name, io);
  return toProfile(await analyzeModel(loaded.model, { name, inputShape: entry?.inputShape }));
}

/** A full garbage collection between rows, so each row's memory starts from what is live (the bench's own process). */
export function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  return typeof gc === 'function' ? gc : () => undefined;
}

export async function plannerScaleRows(io: CliIO, options: PlannerScaleOptions = {}): Promise<PlannerScaleRow[]> {
  const { nodeCounts = SCALE_NODE_COUNTS, models = SCALE_MODELS, seed = 3, memoryMiB = 128 } = options;
  const profiles = [];
  for (const name of models) profiles.push(await zooProfile(name, io));
  const rows: PlannerScaleRow[] = [];
  const total = nodeCounts.length * profiles.length;
  const gc = collector();
  for (const nodes of nodeCounts) {
    const cluster = randomGeometricCluster({ nodes, memoryBytes: memoryMiB * 2 ** 20, gflops: 10, seed });
    for (const profile of profiles) {
      io.progress('planner scale', rows.length / total);
      const used = () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      // twice, a task apart: typed arrays' memory is released after the collection that frees them
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const before = used();
      let peak = before;
      const started = performance.now();
      const r = plan(profile, cluster, { seed, onProgress: () => void (peak = Math.max(peak, used())) });
      const wallMs = performance.now() - started;
      peak = Math.max(peak, used());
      if (isInfeasible(r)) throw new Error(`${profile.model} on ${nodes} nodes: ${r.reason}`);
      rows.push({
        model: profile.model,
        blocks: profile.blocks.length,
        nodes,
        wallMs,
        planMs: r.planMs,
        provenOptimal: r.provenOptimal,
        gapPct: r.gapPct,
        bottleneckMs: r.bottleneckMs,
        stages: r.stages.length,
        peakMiB: (peak - before) / 2 ** 20,
        rssMiB: process.memoryUsage().rss / 2 ** 20,
      });
    }
  }
  io.progress('planner scale', 1);
  return rows;
}

export function plannerScaleTable(rows: PlannerScaleRow[]): string {
  return table(
    ['model', 'blocks', 'nodes', 'wall ms', 'planMs', 'proven', 'gap %', 'bottleneck ms', 'stages', 'peak MiB', 'rss MiB'],
    rows.map((r) => [
      r.model,
      r.blocks,
      r.nodes,
      r.wallMs.toFixed(0),
      r.planMs.toFixed(0),
      r.provenOptimal ? 'yes' : 'no',
      r.gapPct.toFixed(2),
      r.bottleneckMs.toFixed(1),
      r.stages,
      r.peakMiB.toFixed(0),
      r.rssMiB.toFixed(0),
    ]),
  );
}
