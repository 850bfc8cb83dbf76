import { runVirtual } from '../../emulator/run-virtual';
import { parseFaultSpec, type ScheduledFault } from '../../emulator/fault-schedule';
import type { EmulationReport } from '../../emulator/session';
import { toProfile } from '../../model/index';
import { ALGORITHMS, type AlgorithmName } from '../../planner/index';
import { runReal } from '../../workers/run-real';
import { spawnThreadNode } from '../../workers/spawn-node';
import { StageCache } from '../../workers/stage-cache';
import { errors } from '../../errors';
import type { Command } from '../command';
import { flagOption, listOption, numberOption, parseCommandArgs, stringOption } from '../args';
import { formatMs } from '../format';
import { scenarioFromArgs, scenarioOptions } from '../scenario-args';
import { analyzeModelArg, modelOptions } from './shared-options';

export const emulateCommand: Command = {
  name: 'emulate',
  summary: 'Run a model on an emulated cluster (real workers and inference, or --virtual), with faults.',
  usage:
    'seifer-lab emulate --model <zoo|file.onnx> (--cluster C.json | --nodes N (--memory MB [--gflops G] | --preset ID)) [--bandwidth Mbps] [--latency MS] [--seed S] [--duration SEC] [--virtual] [--kill NODE@SEC]... [--hang NODE@SEC]... [--revive NODE@SEC]... [--cut A-B@SEC]... [--restore A-B@SEC]... [--algorithm best] [--window N] [--time-scale X] [--json]',
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      {
        ...modelOptions, ...scenarioOptions,
        model: { type: 'string' }, duration: { type: 'string' }, virtual: { type: 'boolean' }, algorithm: { type: 'string' }, window: { type: 'string' }, 'time-scale': { type: 'string' },
        kill: { type: 'string', multiple: true }, hang: { type: 'string', multiple: true }, revive: { type: 'string', multiple: true },
        cut: { type: 'string', multiple: true }, restore: { type: 'string', multiple: true },
      },
      this.usage,
    );
    const modelArg = stringOption(args, 'model');
    if (!modelArg) throw errors.badArguments('Name a model with --model (a zoo name or an .onnx file)', this.usage);
    const algorithm = (stringOption(args, 'algorithm') ?? 'best') as AlgorithmName;
    if (!ALGORITHMS.includes(algorithm)) throw errors.badOption('--algorithm', algorithm, ALGORITHMS.join(', '));
    const scenario = scenarioFromArgs(args);
    const faults: ScheduledFault[] = (['kill', 'hang', 'revive', 'cut', 'restore'] as const).flatMap((kind) => listOption(args, kind).flatMap((text) => parseFaultSpec(kind, text)));
    const ids = new Set(scenario.nodes.map((n) => n.id));
    for (const f of faults) {
      const named = 'node' in f ? [f.node] : [f.from, f.to];
      for (const id of named) if (!ids.has(id)) throw errors.badOption(`--${f.kind}`, id, `a node of the cluster (${[...ids].join(', ')})`);
    }
    const durationSec = numberOption(args, 'duration', 30, { min: 1 });
    const seed = numberOption(args, 'seed', 1, { integer: true, min: 0 });
    const windowText = stringOption(args, 'window');
    const window = windowText === undefined ? undefined : numberOption(args, 'window', 1, { integer: true, min: 1 });
    const { loaded, analysis } = await analyzeModelArg({ ...args, positionals: [modelArg] }, io, this.usage);
    const common = { durationSec, faults, seed, algorithm, ...(window ? { window } : {}) };
    let report: EmulationReport;
    if (flagOption(args, 'virtual')) {
      const stages = new StageCache(analysis);
      report = await runVirtual({ ...common, profile: toProfile(analysis), scenario, stageBytes: (a, b) => stages.bytes(a, b) });
    } else {
      io.err(`emulating ${loaded.name} on ${scenario.nodes.length} nodes for ${durationSec} s (real time)...`);
      report = await runReal({
        ...common, scenario, analysis, modelBytes: loaded.bytes(), spawn: spawnThreadNode,
        timeScale: numberOption(args, 'time-scale', 1, { min: 0.01, max: 1000 }),
        onProgress: (label, f) => io.progress(label, f),
      });
    }
    const json = {
      predictedThroughput: report.predictedThroughput,
      measuredThroughput: report.measuredThroughput,
      requests: report.requests,
      completed: report.completed,
      lost: report.lost,
      duplicated: report.duplicated,
      latencyMs: report.latencyMs,
      faults: report.faults,
      hostBound: report.hostBound,
      plan: report.plan?.stages ?? null,
      finalPhase: report.finalPhase,
      ...(report.pauseReason ? { pauseReason: report.pauseReason } : {}),
    };
    if (flagOption(args, 'json')) io.out(JSON.stringify(json, null, 2));
    else io.out(describeReport(report));
    return 0;
  },
};

function describeReport(r: EmulationReport): string {
  const lines = [
    `throughput: measured ${r.measuredThroughput.toFixed(3)}/s, predicted ${r.predictedThroughput?.toFixed(3) ?? '-'}/s` +
      (r.predictedThroughput ? ` (${((r.measuredThroughput / r.predictedThroughput) * 100).toFixed(1)} %)` : ''),
    `requests: ${r.requests} accepted, ${r.completed} completed, ${r.lost} lost, ${r.duplicated} duplicated`,
    `latency: p50 ${fmt(r.latencyMs.p50)}, p95 ${fmt(r.latencyMs.p95)}, p99 ${fmt(r.latencyMs.p99)}`,
    ...(r.hostBound ? ['warning: the host was slower than the emulated devices at times (host-bound): measured figures understate the cluster'] : []),
    ...(r.pauseReason ? [`paused: ${r.pauseReason}`] : []),
    ...r.faults.map(
      (f) =>
        `fault ${f.kind} ${f.node ?? f.link ?? ''} at ${f.atSec} s: detected after ${fmt(f.detectMs)}, replanned in ${fmt(f.replanMs)}, redeployed in ${fmt(f.redeployMs)}, first result after ${fmt(f.firstResultMs)}, ${f.resent} resent (${f.outcome})`,
    ),
  ];
  return lines.join('\n');
}

const fmt = (ms: number | null) => (ms === null ? '-' : formatMs(ms));
