/**
 * `seifer-lab emulate`: run a model on an emulated cluster (real worker threads and inference, or --virtual),
 * with faults injected into the world at set times, and report what the run loop measured. Exit codes as `plan`:
 * 0 ran, 1 invalid input, 2 no algorithm can place the model, 3 the chosen SEIFER baseline cannot but `best` can.
 */
import { deployBytesOf } from '../../emulator/deploy-size';
import { FAULT_KINDS, faultNodes, parseFaultSpec, type ScheduledFault } from '../../emulator/fault-schedule';
import { runVirtual } from '../../emulator/run-virtual';
import type { RunReport } from '../../emulator/run-loop';
import { toCluster } from '../../emulator/scenario';
import { errors } from '../../errors';
import { toProfile } from '../../model/index';
import { ALGORITHMS, planOrExplain, type AlgorithmName, type Objective } from '../../planner/index';
import { formatMs } from '../../util/format';
import { runReal } from '../../workers/run-real';
import { spawnThreadNode } from '../../workers/spawn-node';
import { flagOption, listOption, numberOption, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { CLUSTER_USAGE, clusterOptions, scenarioFromArgs } from '../cluster-args';
import { analyzeModelArg, modelOptions } from './shared-options';

/** Emulations beyond this many nodes are refused: virtual time stays fast up to it (see `npm run bench -- scale`). */
export const MAX_EMULATE_NODES = 1000;

const faultUsage =
  '[--kill NODE@SEC]... [--hang NODE@SEC]... [--revive NODE@SEC]... [--slow NODE@SEC[:FACTOR]]... [--slow-links NODE@SEC[:FACTOR]]... [--cut A-B@SEC]... [--restore A-B@SEC]... [--degrade A-B@SEC[:FACTOR]]... [--drop A-B@SEC:COUNT]...';

export const emulateCommand: Command = {
  name: 'emulate',
  summary: 'Run a model on an emulated cluster (real workers and inference, or --virtual), with faults.',
  usage: `seifer-lab emulate --model <zoo|file.onnx> ${CLUSTER_USAGE} [--duration SEC] [--virtual] ${faultUsage} [--algorithm best] [--objective full|comm] [--window N | --rate PER_SEC] [--no-adapt] [--time-scale X] [--json]`,
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      {
        ...modelOptions,
        ...clusterOptions,
        model: { type: 'string' },
        duration: { type: 'string' },
        virtual: { type: 'boolean' },
        algorithm: { type: 'string' },
        objective: { type: 'string' },
        window: { type: 'string' },
        rate: { type: 'string' },
        'no-adapt': { type: 'boolean' },
        'time-scale': { type: 'string' },
        ...Object.fromEntries(FAULT_KINDS.map((kind) => [kind, { type: 'string', multiple: true }])),
      },
      this.usage,
    );
    const modelArg = stringOption(args, 'model');
    if (!modelArg) throw errors.badArguments('Name a model with --model (a zoo name or an .onnx file)', this.usage);
    const algorithm = (stringOption(args, 'algorithm') ?? 'best') as AlgorithmName;
    if (!ALGORITHMS.includes(algorithm)) throw errors.badOption('--algorithm', algorithm, ALGORITHMS.join(', '));
    const objective = (stringOption(args, 'objective') ?? 'full') as Objective;
    if (objective !== 'full' && objective !== 'comm') throw errors.badOption('--objective', objective, "'full' or 'comm'");
    const isVirtual = flagOption(args, 'virtual');
    const scenario = scenarioFromArgs(args, MAX_EMULATE_NODES, (label, f) => io.progress(label, f));
    const faults: ScheduledFault[] = FAULT_KINDS.flatMap((kind) => listOption(args, kind).map((text) => parseFaultSpec(kind, text)));
    const ids = new Set(scenario.nodes.map((n) => n.id));
    for (const f of faults) {
      for (const id of faultNodes(f))
        if (!ids.has(id) && !(id === 'dispatcher' && 'from' in f))
          throw errors.badOption(`--${f.kind}`, id, `a node of the cluster (${[...ids].slice(0, 12).join(', ')}${ids.size > 12 ? ', ...' : ''})`);
    }
    const durationSec = numberOption(args, 'duration', 30, { min: 1, max: 1e7 });
    const seed = numberOption(args, 'seed', 1, { integer: true, min: 0 });
    if (stringOption(args, 'window') !== undefined && stringOption(args, 'rate') !== undefined)
      throw errors.badOption('--rate', stringOption(args, 'rate') as string, 'either --window (closed loop) or --rate (open loop), not both');
    const load =
      stringOption(args, 'rate') !== undefined
        ? { mode: 'open' as const, ratePerSec: numberOption(args, 'rate', 1, { min: 1e-6, max: 1e6 }) }
        : { mode: 'closed' as const, ...(stringOption(args, 'window') !== undefined ? { window: numberOption(args, 'window', 1, { integer: true, min: 1, max: 1e6 }) } : {}) };
    const { loaded, analysis } = await analyzeModelArg({ ...args, positionals: [modelArg] }, io, this.usage);
    const profile = toProfile(analysis);

    // refuse up front what can never run, with the reason and exit code `plan` gives
    const first = planOrExplain(profile, toCluster(scenario), { algorithm, objective, seed });
    if ('exitCode' in first) {
      io.err(`seifer-lab emulate: ${first.exitCode === 2 ? 'infeasible' : 'cannot place'}: ${first.reason}.`);
      if (flagOption(args, 'json')) io.out(JSON.stringify({ error: first.error, reason: first.reason, needBytes: first.needBytes, haveBytes: first.haveBytes }, null, 2));
      return first.exitCode;
    }
    for (const f of faults) if (f.atSec > durationSec) io.err(`warning: the ${f.kind} at ${f.atSec} s comes after the end of the run (${durationSec} s) and will not happen`);

    const common = { scenario, durationSec, faults, seed, algorithm, objective, load, adapt: !flagOption(args, 'no-adapt') };
    let report: RunReport;
    if (isVirtual) {
      const started = Date.now();
      // a progress line only for runs that take a while
      const onProgress = (label: string, f: number) => void (Date.now() - started > 1000 && io.progress(label, f));
      report = await runVirtual({ ...common, profile, deployBytes: deployBytesOf(analysis.blocks.map((b) => b.paramBytes)), onProgress });
    } else {
      io.err(`emulating ${loaded.name} on ${scenario.nodes.length} nodes for ${durationSec} s (real time)...`);
      report = await runReal({
        ...common,
        analysis,
        modelBytes: loaded.bytes(),
        spawn: spawnThreadNode,
        timeScale: numberOption(args, 'time-scale', 1, { min: 0.01, max: 1000 }),
        onProgress: (label, f) => io.progress(label, f),
      });
    }
    if (flagOption(args, 'json')) io.out(JSON.stringify(toJson(report), null, 2));
    else io.out(describeReport(report));
    return 0;
  },
};

/** The documented JSON shape, field for field (docs/design.md, "Metrics"). */
function toJson(r: RunReport) {
  return {
    predictedThroughput: r.predictedThroughput,
    measuredThroughput: r.measuredThroughput,
    requests: r.requests,
    completed: r.completed,
    pending: r.pending,
    lost: r.lost,
    duplicated: r.duplicated,
    resends: r.resends,
    lateCopies: r.lateCopies,
    latencyMs: r.latencyMs,
    faults: r.faults,
    plans: r.plans.map(({ atSec, algorithm, objective, bottleneckMs, stages }) => ({ atSec, algorithm, objective, bottleneckMs, stages })),
    hostBound: r.hostBound,
    plan: r.plan?.stages.map((s) => ({ node: s.node, firstBlock: s.firstBlock, lastBlock: s.lastBlock })) ?? null,
    finalPhase: r.finalPhase,
    ...(r.pauseReason ? { pauseReason: r.pauseReason } : {}),
    ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
  };
}

function describeReport(r: RunReport): string {
  const lines = [
    `throughput: measured ${r.measuredThroughput.toFixed(3)}/s, predicted ${r.predictedThroughput?.toFixed(3) ?? '-'}/s` +
      (r.predictedThroughput ? ` (${((r.measuredThroughput / r.predictedThroughput) * 100).toFixed(1)} %)` : ''),
    `requests: ${r.requests} accepted, ${r.completed} completed, ${r.pending} pending, ${r.lost} lost, ${r.duplicated} duplicated (${r.resends} resends, ${r.lateCopies} late copies dropped)`,
    `latency: p50 ${fmt(r.latencyMs.p50)}, p95 ${fmt(r.latencyMs.p95)}, p99 ${fmt(r.latencyMs.p99)}`,
    ...r.plans.map((p) => `plan at ${p.atSec} s: ${p.algorithm}, bottleneck ${formatMs(p.bottleneckMs)}, ${p.stages.map((s) => `${s.node}[${s.firstBlock}..${s.lastBlock}]`).join(' -> ')}`),
    ...(r.hostBound ? ['warning: the host was slower than the emulated devices at times (host-bound): measured figures understate the cluster'] : []),
    ...(r.pauseReason ? [`paused: ${r.pauseReason}`] : []),
    ...r.faults.map(
      (f) =>
        `fault ${f.kind} ${f.node ?? f.link ?? ''} at ${f.atSec} s: ${f.detectMs === null ? 'not noticed' : `noticed after ${fmt(f.detectMs)} (${f.detectedBy})`}, replanned in ${fmt(f.replanMs)}, redeployed in ${fmt(f.redeployMs)}, first result after ${fmt(f.firstResultMs)}, ${f.resent} resent (${f.outcome})`,
    ),
  ];
  return lines.join('\n');
}

const fmt = (ms: number | null) => (ms === null ? '-' : formatMs(ms));
