/**
 * `npm run bench -- emulator`: netsim accuracy, real-time fidelity (measured / predicted throughput) for 2..20
 * nodes, virtual-time speed with 100 nodes, and recovery times after kills. Prints figures; asserts nothing.
 */
import type { Command, CliIO } from '../src/cli/command';
import { flagOption, numberOption, parseCommandArgs, stringOption } from '../src/cli/args';
import { formatMs, table } from '../src/cli/format';
import { loadModelArg } from '../src/cli/model-source';
import { findPreset } from '../src/emulator/presets';
import { runVirtual } from '../src/emulator/run-virtual';
import { uniformScenario } from '../src/emulator/scenario';
import type { RunReport } from '../src/emulator/run-loop';
import { deployBytesOf } from '../src/emulator/deploy-size';
import { analyzeModel, toProfile, type ModelAnalysis } from '../src/model/index';
import { runReal } from '../src/workers/run-real';
import { spawnThreadNode } from '../src/workers/spawn-node';
import { netsimBench } from './netsim';

const LINK = { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 };

export const emulatorBench: Command = {
  name: 'emulator',
  summary: 'Netsim accuracy, real-time fidelity for 2..20 nodes, virtual speed with 100 nodes, recovery times.',
  usage: 'seifer-lab bench emulator [--model resnet18] [--preset pi1] [--nodes 2,4,8,16,20] [--duration 60] [--skip-netsim] [--json]',
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      { model: { type: 'string' }, preset: { type: 'string' }, nodes: { type: 'string' }, duration: { type: 'string' }, 'skip-netsim': { type: 'boolean' }, json: { type: 'boolean' } },
      this.usage,
    );
    const json = flagOption(args, 'json');
    const say = (text: string) => (json ? io.err(text) : io.out(text));
    const modelName = stringOption(args, 'model') ?? 'resnet18';
    const preset = findPreset(stringOption(args, 'preset') ?? 'pi1');
    if (!preset) throw new RangeError('unknown --preset');
    const counts = (stringOption(args, 'nodes') ?? '2,4,8,16,20').split(',').map(Number);
    const durationSec = numberOption(args, 'duration', 60, { min: 5 });

    if (!flagOption(args, 'skip-netsim')) {
      say('== netsim accuracy (real time, Node) ==');
      await netsimBench.run(['--seconds', '1.5'], json ? { ...io, out: io.err } : io);
    }

    const loaded = loadModelArg(modelName, io);
    const analysis = await analyzeModel(loaded.model, { name: loaded.name, inputShape: loaded.entry?.inputShape });
    const deployBytes = deployBytesOf(analysis.blocks.map((b) => b.paramBytes));

    say(`\n== real-time fidelity: ${modelName} on ${preset.title} (${preset.gflops} GFLOPS), ${LINK.bandwidthMbps} Mbit/s links, ${durationSec} s per run ==`);
    const fidelity = [];
    for (const n of counts) {
      const scenario = uniformScenario(n, { memoryBytes: preset.memoryBytes, gflops: preset.gflops, preset: preset.id }, LINK);
      io.err(`real run with ${n} nodes...`);
      const real = await runReal({ analysis, modelBytes: loaded.bytes(), scenario, spawn: spawnThreadNode, durationSec, onProgress: (l, f) => io.progress(`${n} nodes: ${l}`, f) });
      const virtual = await runVirtual({ profile: toProfile(analysis), scenario, durationSec, deployBytes });
      fidelity.push(row(n, real, virtual));
    }
    say(
      table(
        ['nodes', 'stages', 'predicted /s', 'real /s', 'real/pred', 'virtual /s', 'virtual/pred', 'completed', 'lost', 'dup', 'host-bound'],
        fidelity.map((r) => Object.values(r)),
      ),
    );

    say('\n== virtual-time speed: 100 laptop-class nodes, 600 s of virtual time ==');
    const speed = await virtualSpeed(analysis, deployBytes, findPreset('laptop')?.gflops ?? 100);
    say(
      `${speed.requests} requests simulated over ${speed.simulatedSec} s of virtual time in ${speed.wallSec.toFixed(2)} s wall: ${Math.round(speed.requests / speed.wallSec)} requests per wall second (${Math.round(speed.simulatedSec / speed.wallSec)}x real time)`,
    );

    say(`\n== recovery: ${modelName} on 8 ${preset.title} nodes, kill one at 20 s, two at once at 40 s ==`);
    const recovery = await recoveryRun(analysis, loaded.bytes(), preset, io);
    say(table(['mode', 'fault', 'node', 'at s', 'detect', 'noticed by', 'replan', 'redeploy', 'first result', 'resent', 'outcome'], recovery.rows));
    const sum = (r: RunReport) => `${r.completed} of ${r.requests} completed, ${r.pending} pending, ${r.lost} lost, ${r.duplicated} duplicated`;
    say(`real: ${sum(recovery.real)}; virtual: ${sum(recovery.virtual)}`);
    if (json) io.out(JSON.stringify({ fidelity, speed, recovery: { faults: recovery.rows, real: summary(recovery.real), virtual: summary(recovery.virtual) } }, null, 2));
    return 0;
  },
};

function row(n: number, real: RunReport, virtual: RunReport) {
  const predicted = real.predictedThroughput ?? 0;
  return {
    nodes: n,
    stages: real.plan?.stages.length ?? 0,
    predicted: predicted.toFixed(4),
    real: real.measuredThroughput.toFixed(4),
    realRatio: `${((real.measuredThroughput / predicted) * 100).toFixed(1)} %`,
    virtual: virtual.measuredThroughput.toFixed(4),
    virtualRatio: `${((virtual.measuredThroughput / predicted) * 100).toFixed(1)} %`,
    completed: real.completed,
    lost: real.lost,
    duplicated: real.duplicated,
    hostBound: real.hostBound ? 'yes' : 'no',
  };
}

async function virtualSpeed(analysis: ModelAnalysis, deployBytes: (a: number, b: number) => number, gflops: number) {
  const scenario = uniformScenario(100, { memoryBytes: 64 * 2 ** 20, gflops }, LINK);
  const simulatedSec = 600;
  const started = performance.now();
  const report = await runVirtual({ profile: toProfile(analysis), scenario, durationSec: simulatedSec, deployBytes });
  return { requests: report.completed, simulatedSec, wallSec: (performance.now() - started) / 1000, stages: report.plan?.stages.length ?? 0 };
}

async function recoveryRun(analysis: ModelAnalysis, modelBytes: Uint8Array, preset: NonNullable<ReturnType<typeof findPreset>>, io: CliIO) {
  const scenario = uniformScenario(8, { memoryBytes: preset.memoryBytes, gflops: preset.gflops }, LINK);
  const deployBytes = deployBytesOf(analysis.blocks.map((b) => b.paramBytes));
  // kill nodes that the plan uses (the ids the planner picks are deterministic for this scenario)
  const probe = await runVirtual({ profile: toProfile(analysis), scenario, durationSec: 5, deployBytes });
  const used = probe.plan?.stages.map((s) => s.node) ?? [];
  const faults = [
    { kind: 'kill' as const, node: used[1], atSec: 20 },
    { kind: 'kill' as const, node: used[2], atSec: 40 },
    { kind: 'kill' as const, node: used[3], atSec: 40 },
  ];
  io.err('recovery run (real time)...');
  const real = await runReal({ analysis, modelBytes, scenario, spawn: spawnThreadNode, durationSec: 70, faults });
  const virtual = await runVirtual({ profile: toProfile(analysis), scenario, durationSec: 70, faults, deployBytes });
  const fmt = (ms: number | null) => (ms === null ? '-' : formatMs(ms));
  const rows = [real, virtual].flatMap((r, k) =>
    r.faults.map((f) => [
      k === 0 ? 'real' : 'virtual',
      f.kind,
      f.node ?? '',
      f.atSec,
      fmt(f.detectMs),
      f.detectedBy ?? '-',
      fmt(f.replanMs),
      fmt(f.redeployMs),
      fmt(f.firstResultMs),
      f.resent,
      f.outcome,
    ]),
  );
  return { rows, real, virtual };
}

function summary(r: RunReport) {
  return { requests: r.requests, completed: r.completed, pending: r.pending, lost: r.lost, duplicated: r.duplicated, faults: r.faults };
}
