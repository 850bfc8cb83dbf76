/**
 * `seifer-lab plan`: split a profiled model across a cluster (a file, or a random SEIFER-style cluster) and print
 * the plan. Exit codes: 0 planned, 1 invalid input, 2 infeasible: no algorithm can place the model (with {error,
 * reason, needBytes, haveBytes}), 3 the chosen SEIFER baseline cannot place it but `best` can.
 */
import { errors } from '../../errors';
import { clusterRows, readJson } from '../json-file';
import { toCluster } from '../../emulator/scenario';
import { MAX_CLUSTER_NODES, planOrExplain, type PlanRefusal } from '../../planner/index';
import { ALGORITHMS, type AlgorithmName, type Cluster, type Objective, type PlanReport } from '../../planner/types';
import { flagOption, numberOption, type ParsedArgs, parseCommandArgs, stringOption } from '../args';
import type { CliIO, Command } from '../command';
import { toProfile } from '../../model/index';
import { analyzeModelArg, modelOptions } from './shared-options';
import { CLUSTER_USAGE, clusterOptions, scenarioFromArgs } from '../cluster-args';

const usage =
  `seifer-lab plan (--profile P.json | --model <zoo|file.onnx> [--input-shape 1x3x224x224]) ${CLUSTER_USAGE} ` + `[--algorithm ${ALGORITHMS.join('|')}] [--objective full|comm] [--classes C] [--json]`;

const options = {
  ...clusterOptions,
  profile: { type: 'string' },
  model: { type: 'string' },
  ...modelOptions,
  algorithm: { type: 'string' },
  objective: { type: 'string' },
  classes: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const planCommand: Command = {
  name: 'plan',
  summary: 'Plan a model across a cluster: which blocks run where, the bottleneck, throughput and latency.',
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(argv, options, usage);
    const algorithm = (stringOption(args, 'algorithm') ?? 'best') as AlgorithmName;
    if (!ALGORITHMS.includes(algorithm)) throw errors.badOption('--algorithm', algorithm, ALGORITHMS.join(', '));
    const objective = (stringOption(args, 'objective') ?? 'full') as Objective;
    if (objective !== 'full' && objective !== 'comm') throw errors.badOption('--objective', objective, "'full' or 'comm'");
    const started = Date.now();
    const seed = numberOption(args, 'seed', 1, { integer: true });
    const classes = numberOption(args, 'classes', 20, { min: 1, integer: true });
    const profile = await readProfile(args, io);
    const cluster = readCluster(args, io);

    // a progress line only when the command has taken a while (reading big files counts)
    const onProgress = (fraction: number) => void (Date.now() - started > 1000 && io.progress('planning', fraction));
    const outcome = planOrExplain(profile as Parameters<typeof planOrExplain>[0], cluster, { algorithm, objective, seed, classes, onProgress });
    if ('exitCode' in outcome) {
      io.out(JSON.stringify(refusalJson(outcome), null, flagOption(args, 'json') ? 2 : undefined));
      if (!flagOption(args, 'json')) io.err(`seifer-lab plan: ${outcome.exitCode === 2 ? 'infeasible' : 'cannot place'}: ${outcome.reason}.`);
      return outcome.exitCode;
    }
    if (flagOption(args, 'json')) io.out(JSON.stringify(toJson(outcome), null, 2));
    else io.out(describe(outcome, cluster));
    return 0;
  },
};

/** Where the profile comes from: a JSON file, or a zoo model or ONNX file profiled on the spot. */
export async function readProfile(args: ParsedArgs, io: CliIO): Promise<unknown> {
  const file = stringOption(args, 'profile');
  const model = stringOption(args, 'model');
  if (file !== undefined && model !== undefined) throw errors.badOption('--profile/--model', `${file} and ${model}`, 'one of --profile or --model, not both');
  if (model !== undefined) {
    const { analysis } = await analyzeModelArg({ ...args, positionals: [model] }, io, usage);
    return toProfile(analysis);
  }
  if (file === undefined) throw errors.badOption('--profile', '(missing)', `--profile P.json or --model <zoo|file.onnx>; usage: ${usage}`);
  return readJson(file, '--profile', undefined, (label, f) => io.progress(label, f));
}

/**
 * The cluster: the one builder for --nodes (the same scenario, ids and links as `emulate` with the same flags),
 * or a cluster file. A file that names its dispatcher is read as the emulator reads it; one that names none is
 * planned as it is (SEIFER's formulation: stages only, no dispatcher hops).
 */
function readCluster(args: ParsedArgs, io: CliIO): Cluster {
  const progress = (label: string, f: number) => io.progress(label, f);
  const file = stringOption(args, 'cluster');
  if (file !== undefined && stringOption(args, 'nodes') === undefined) {
    const parsed = readJson(file, '--cluster', clusterRows(MAX_CLUSTER_NODES), progress) as { dispatcher?: unknown };
    if (parsed && typeof parsed === 'object' && parsed.dispatcher === undefined) return parsed as Cluster;
    // it names its dispatcher: read as the emulator reads it (once: a 2,000-node file is 70 MB)
    return toCluster(scenarioFromArgs(args, MAX_CLUSTER_NODES, progress, parsed));
  }
  return toCluster(scenarioFromArgs(args, MAX_CLUSTER_NODES, progress));
}

/** The documented JSON shape, field for field. */
function toJson(r: PlanReport) {
  return {
    algorithm: r.algorithm,
    objective: r.objective,
    bottleneckMs: r.bottleneckMs,
    throughputPerSec: r.throughputPerSec,
    latencyMs: r.latencyMs,
    lowerBoundMs: r.lowerBoundMs,
    provenOptimal: r.provenOptimal,
    gapPct: r.gapPct,
    stages: r.stages.map((s) => ({ node: s.node, firstBlock: s.firstBlock, lastBlock: s.lastBlock, memoryBytes: s.memoryBytes, computeMs: s.computeMs })),
    hops: r.hops.map((h) => ({ from: h.from, to: h.to, bytes: h.bytes, ms: h.ms })),
    planMs: r.planMs,
  };
}

/** A refusal as JSON: exit 2 keeps the infeasible shape; exit 3 says which algorithm failed and what best reaches. */
function refusalJson(r: PlanRefusal) {
  const base = { error: r.error, reason: r.reason, needBytes: r.needBytes, haveBytes: r.haveBytes };
  return r.exitCode === 2 ? base : { ...base, error: 'cannot-place', algorithm: r.algorithm, bestBottleneckMs: r.bestBottleneckMs };
}

function describe(r: PlanReport, cluster: Cluster): string {
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
  const limit = r.limitedBy ? (r.limitedBy.kind === 'stage' ? `stage ${r.limitedBy.index}` : `hop ${r.limitedBy.index}`) : 'nothing';
  const lines = [
    `${r.algorithm} plan on ${cluster.nodes.length} node(s), objective ${r.objective}: ${r.stages.length} stage(s)`,
    `bottleneck ${ms(r.bottleneckMs)} (${limit})  throughput ${r.throughputPerSec === null ? 'unbounded' : `${r.throughputPerSec.toFixed(2)}/s`}  latency ${ms(r.latencyMs)}`,
    `lower bound ${ms(r.lowerBoundMs)}${r.provenOptimal ? ' (proven optimal)' : ` (gap ${r.gapPct.toFixed(1)} %)`}  planned in ${ms(r.planMs)}`,
    '',
    'stage  node          blocks      memory MiB  compute ms',
    ...r.stages.map(
      (s, i) =>
        `${String(i).padEnd(5)}  ${s.node.padEnd(12)}  ${`${s.firstBlock}..${s.lastBlock}`.padEnd(10)}  ${(s.memoryBytes / 2 ** 20).toFixed(1).padStart(10)}  ${s.computeMs.toFixed(2).padStart(10)}`,
    ),
  ];
  if (r.hops.length) {
    lines.push('', 'hop  from          to            bytes        ms');
    r.hops.forEach((h, i) => lines.push(`${String(i).padEnd(3)}  ${h.from.padEnd(12)}  ${h.to.padEnd(12)}  ${String(h.bytes).padStart(10)}  ${h.ms.toFixed(2).padStart(8)}`));
  }
  return lines.join('\n');
}
