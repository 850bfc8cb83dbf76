/**
 * `seifer-lab plan`: split a profiled model across a cluster (a file, or a random SEIFER-style cluster) and print
 * the plan. Exit codes: 0 planned, 1 invalid input, 2 infeasible: no algorithm can place the model (with {error,
 * reason, needBytes, haveBytes}), 3 the chosen SEIFER baseline cannot place it but `best` can.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describeError, errors, SeiferError } from '../../errors';
import { randomGeometricCluster } from '../../planner/cluster-gen';
import { MAX_CLUSTER_NODES, planOrExplain, type PlanRefusal } from '../../planner/index';
import { ALGORITHMS, type AlgorithmName, type Cluster, type Objective, type PlanReport } from '../../planner/types';
import { flagOption, numberOption, type ParsedArgs, parseCommandArgs, stringOption } from '../args';
import type { CliIO, Command } from '../command';
import { toProfile } from '../../model/index';
import { analyzeModelArg } from './shared-options';

const usage =
  'seifer-lab plan (--profile P.json | --model <zoo|file.onnx> [--input-shape 1x3x224x224]) (--cluster C.json | --nodes N --memory MiB [--gflops G] [--seed S]) ' +
  `[--algorithm ${ALGORITHMS.join('|')}] [--objective full|comm] [--classes C] [--json]`;

const options = {
  profile: { type: 'string' },
  model: { type: 'string' },
  'input-shape': { type: 'string' },
  cluster: { type: 'string' },
  nodes: { type: 'string' },
  memory: { type: 'string' },
  gflops: { type: 'string' },
  seed: { type: 'string' },
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
    const seed = numberOption(args, 'seed', 1, { integer: true });
    const classes = numberOption(args, 'classes', 20, { min: 1, integer: true });
    const profile = await readProfile(args, io);
    const cluster = readCluster(args, seed);

    const started = Date.now();
    // a progress line only for plans that take a while
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
  return readJson(file, '--profile');
}

function readCluster(args: ParsedArgs, seed: number): Cluster {
  const file = stringOption(args, 'cluster');
  const generated = ['nodes', 'memory', 'gflops'].filter((k) => stringOption(args, k) !== undefined);
  if (file !== undefined) {
    if (generated.length > 0) throw errors.badOption('--cluster', file, `either --cluster or --nodes/--memory/--gflops, not both (also given: --${generated.join(', --')})`);
    return readJson(file, '--cluster', clusterTextProblem) as Cluster;
  }
  if (stringOption(args, 'nodes') === undefined || stringOption(args, 'memory') === undefined) {
    throw errors.badOption('--cluster', '(missing)', `--cluster C.json, or --nodes N --memory MiB for a random cluster with SEIFER's bandwidth model; usage: ${usage}`);
  }
  const nodes = numberOption(args, 'nodes', 0, { min: 1, max: MAX_CLUSTER_NODES, integer: true });
  const memoryMiB = numberOption(args, 'memory', 0, { min: 0 });
  const gflops = numberOption(args, 'gflops', 10, { min: 1e-6 });
  return randomGeometricCluster({ nodes, memoryBytes: memoryMiB * 2 ** 20, gflops, seed });
}

/** Files bigger than this are refused before reading: a 2,000-node cluster with latencies takes about 150 MiB. */
const MAX_JSON_BYTES = 160 * 2 ** 20;

/** Reads a JSON file, refusing up front what is too big to read (and, via `check`, what the text shows is too big). */
export function readJson(path: string, option: string, check?: (text: string) => string | null): unknown {
  if (!existsSync(path)) throw errors.badOption(option, path, 'the path of a JSON file that exists');
  const size = statSync(path).size;
  if (size > MAX_JSON_BYTES) {
    throw new SeiferError('bad-option', `${path} is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_JSON_BYTES / 2 ** 20} MiB read`, option, `A cluster of up to ${MAX_CLUSTER_NODES} nodes fits; plan on fewer nodes or merge blocks.`);
  }
  const text = readFileSync(path, 'utf8');
  const problem = check?.(text);
  if (problem) throw new SeiferError('bad-option', `${path} ${problem}`, option, `Plan on at most ${MAX_CLUSTER_NODES} nodes.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeiferError('bad-option', `${path} is not valid JSON: ${describeError(error)}`, option, 'Check the file: it must be one JSON object.');
  }
}

/**
 * Counts the rows of a cluster file's bandwidth matrix without parsing it, so a cluster beyond MAX_CLUSTER_NODES is
 * refused before JSON.parse builds n² numbers (the validator checks the parsed cluster exactly).
 */
export function clusterTextProblem(text: string): string | null {
  const key = text.indexOf('"bandwidthMbps"');
  const open = key < 0 ? -1 : text.indexOf('[', key);
  if (open < 0) return null;
  let depth = 0;
  let rows = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 91 /* [ */) {
      if (++depth === 2 && ++rows > MAX_CLUSTER_NODES) return `has more than ${MAX_CLUSTER_NODES} rows in bandwidthMbps, so more nodes than the planner takes`;
    } else if (ch === 93 /* ] */ && --depth === 0) break;
  }
  return null;
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
    ...r.stages.map((s, i) => `${String(i).padEnd(5)}  ${s.node.padEnd(12)}  ${`${s.firstBlock}..${s.lastBlock}`.padEnd(10)}  ${(s.memoryBytes / 2 ** 20).toFixed(1).padStart(10)}  ${s.computeMs.toFixed(2).padStart(10)}`),
  ];
  if (r.hops.length) {
    lines.push('', 'hop  from          to            bytes        ms');
    r.hops.forEach((h, i) => lines.push(`${String(i).padEnd(3)}  ${h.from.padEnd(12)}  ${h.to.padEnd(12)}  ${String(h.bytes).padStart(10)}  ${h.ms.toFixed(2).padStart(8)}`));
  }
  return lines.join('\n');
}
