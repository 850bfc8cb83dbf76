/**
 * `npm run bench -- scale`: how cost grows with the cluster (issue "Scale and exactness"). Four parts:
 * - planner: `best` from 10 to 2,000 nodes (plan time, proof, memory), from planner-scale.ts;
 * - virtual time: ResNet-50 in 10 memory-balanced groups on nodes that each hold one group (a 10-stage plan),
 *   from 10 to 1,000 nodes: wall time per simulated second and per request, once the run has started, and memory.
 *   The same plan and load at every size, so a flat curve means idle nodes cost nothing;
 * - real nodes: ppocr-cls on 8 to 64 ESP32-S3 worker threads (as `emulate --nodes N --preset esp32-s3`):
 *   start-up to the first result, measured / predicted throughput, memory per node;
 * - the million: 1,000 nodes, the 10-stage plan, 1,000,000 requests in virtual time (wall time, exact counts).
 * Figures go to stdout, progress to stderr, the curves to an SVG chart (--svg FILE). Prints, never asserts.
 */
import { writeFileSync } from 'node:fs';
import { flagOption, numberOption, parseCommandArgs, stringOption } from '../src/cli/args';
import type { CliIO, Command } from '../src/cli/command';
import { loadModelArg } from '../src/cli/model-source';
import { scenarioFromFlags } from '../src/emulator/cluster-builder';
import { deployBytesOf } from '../src/emulator/deploy-size';
import { findPreset } from '../src/emulator/presets';
import type { RunLoop, RunReport } from '../src/emulator/run-loop';
import { runVirtual } from '../src/emulator/run-virtual';
import { uniformScenario } from '../src/emulator/scenario';
import { analyzeModel, type ModelAnalysis } from '../src/model/index';
import { groupEnds, groupProfile } from '../src/planner/grouping';
import type { Profile } from '../src/planner/types';
import { runReal } from '../src/workers/run-real';
import { spawnThreadNode } from '../src/workers/spawn-node';
import { collector, plannerScaleRows, plannerScaleTable, SCALE_MODELS, SCALE_NODE_COUNTS, type PlannerScaleRow, zooProfile } from './planner-scale';
import { svgChart, type ChartPanel } from './svg-chart';
import { table } from './table';

const usage = 'seifer-lab bench scale [--quick] [--svg FILE] [--requests N] [--skip-real] [--json]';

const MiB = 2 ** 20;
const VIRTUAL_NODE_COUNTS = [10, 50, 100, 200, 500, 1000];
const REAL_NODE_COUNTS = [8, 16, 32, 64];
/** Stages of the virtual-time plan. */
const STAGES = 10;
/** Fast links and devices, so that a simulated second holds many requests (laptop-class GFLOPS, 10 Gbit/s). */
const VIRTUAL_GFLOPS = 100;
const VIRTUAL_LINK = { bandwidthMbps: 10_000, latencyMs: 0.1, jitterMs: 0, lossRate: 0 };

interface VirtualRow {
  nodes: number;
  stages: number;
  /** Wall time from the call to the first plan (scenario, run loop, planning at the start). */
  startMs: number;
  /** Wall time of the run after the first plan. */
  runMs: number;
  simulatedSec: number;
  completed: number;
  lost: number;
  duplicated: number;
  wallMsPerSimSec: number;
  wallUsPerRequest: number;
  /** What the scenario and the run hold (JS heap and typed arrays after a full collection, the run still referenced). */
  liveMiB: number;
  rssMiB: number;
}

interface RealRow {
  nodes: number;
  stages: number;
  /** From the call to every node answering its init. */
  nodesUpMs: number;
  /** From the call to the first result at the dispatcher. */
  firstResultMs: number;
  predicted: number;
  measured: number;
  completed: number;
  lost: number;
  duplicated: number;
  memoryPerNodeMiB: number;
  hostBound: boolean;
}

const heapBytes = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/**
 * ResNet-50 in `stages` groups of about equal memory, and the node memory that holds one group but never two
 * adjacent ones: every plan on such nodes has exactly one stage per group.
 */
export function oneGroupPerNode(profile: Profile, stages: number): { profile: Profile; memoryBytes: number } {
  const total = profile.blocks.reduce((sum, b) => sum + b.memoryBytes, 0);
  const grouped = groupProfile(profile, groupEnds(profile, { maxGroups: stages, maxGroupBytes: (total / stages) * 1.15 })).profile;
  const largest = Math.max(...grouped.blocks.map((b) => b.memoryBytes));
  const smallestPair = Math.min(...grouped.blocks.slice(1).map((b, i) => b.memoryBytes + grouped.blocks[i].memoryBytes));
  return { profile: grouped, memoryBytes: Math.min(largest * 1.05, (largest + smallestPair) / 2) };
}

/** One virtual run of `durationSec` on `nodes` nodes; `onSample` sees the run every 10 simulated seconds. */
async function virtualRow(profile: Profile, memoryBytes: number, nodes: number, durationSec: number, onSample?: (run: RunLoop) => void): Promise<{ row: VirtualRow; report: RunReport }> {
  const gc = collector();
  gc();
  const before = heapBytes();
  let planAtMs = NaN;
  const seen: { run?: RunLoop } = {};
  const started = performance.now();
  const scenario = uniformScenario(nodes, { memoryBytes, gflops: VIRTUAL_GFLOPS }, VIRTUAL_LINK);
  const report = await runVirtual({
    profile,
    scenario,
    durationSec,
    drainSec: 10,
    deployBytes: deployBytesOf(profile.blocks.map((b) => b.memoryBytes)),
    onRun: (r) => {
      seen.run = r;
      r.on((event) => {
        if (event.kind === 'plan' && Number.isNaN(planAtMs)) planAtMs = performance.now();
      });
      const clock = r.clock;
      const sample = () => {
        onSample?.(r);
        clock.schedule(clock.nowMs() + 10_000, sample);
      };
      clock.schedule(clock.nowMs() + 10_000, sample);
    },
  });
  const ended = performance.now();
  gc();
  const liveBytes = heapBytes() - before;
  const simulatedSec = seen.run ? (seen.run.clock.nowMs() - seen.run.startMs) / 1000 : durationSec;
  const runMs = ended - planAtMs;
  return {
    report,
    row: {
      nodes,
      stages: report.plan?.stages.length ?? 0,
      startMs: planAtMs - started,
      runMs,
      simulatedSec,
      completed: report.completed,
      lost: report.lost,
      duplicated: report.duplicated,
      wallMsPerSimSec: runMs / simulatedSec,
      wallUsPerRequest: (runMs * 1000) / Math.max(1, report.completed),
      liveMiB: liveBytes / MiB,
      rssMiB: process.memoryUsage().rss / MiB,
    },
  };
}

async function realRow(analysis: ModelAnalysis, modelBytes: Uint8Array, nodes: number, durationSec: number, io: CliIO): Promise<RealRow> {
  const preset = findPreset('esp32-s3')!;
  const scenario = scenarioFromFlags({ nodes, memoryBytes: preset.memoryBytes, gflops: preset.gflops, preset: preset.id, seed: 1 });
  const gc = collector();
  gc();
  let rssBefore = process.memoryUsage().rss;
  let rssUp = rssBefore;
  let nodesUpMs = NaN;
  let firstResultMs = NaN;
  const started = performance.now();
  const report = await runReal({
    analysis,
    modelBytes,
    scenario,
    spawn: spawnThreadNode,
    durationSec,
    drainSec: 10,
    onProgress: (label, fraction) => {
      io.progress(`${nodes} real nodes: ${label}`, fraction);
      if (label === 'starting nodes' && fraction === 0) rssBefore = process.memoryUsage().rss;
      if (label === 'starting nodes' && fraction >= 1 && Number.isNaN(nodesUpMs)) {
        nodesUpMs = performance.now() - started;
        rssUp = process.memoryUsage().rss;
      }
    },
    onRun: (run) =>
      run.on((event) => {
        if (event.kind === 'result' && Number.isNaN(firstResultMs)) firstResultMs = performance.now() - started;
      }),
  });
  return {
    nodes,
    stages: report.plan?.stages.length ?? 0,
    nodesUpMs,
    firstResultMs,
    predicted: report.predictedThroughput ?? NaN,
    measured: report.measuredThroughput,
    completed: report.completed,
    lost: report.lost,
    duplicated: report.duplicated,
    memoryPerNodeMiB: (rssUp - rssBefore) / MiB / nodes,
    hostBound: report.hostBound,
  };
}

function chart(planner: PlannerScaleRow[], virtual: VirtualRow[], real: RealRow[]): string {
  const byModel = (pick: (r: PlannerScaleRow) => number) =>
    [...new Set(planner.map((r) => r.model))].map((model) => ({ label: model, points: planner.filter((r) => r.model === model).map((r) => ({ x: r.nodes, y: pick(r) })) }));
  const panels: ChartPanel[] = [
    { title: 'Planner: best, plan time', xLabel: 'nodes', yLabel: 'plan time (ms)', xLog: true, yLog: true, series: byModel((r) => r.wallMs) },
    {
      title: 'Virtual time: cost of a request',
      xLabel: 'nodes',
      yLabel: 'wall time per request (µs)',
      xLog: true,
      series: [{ label: `${STAGES}-stage plan, ResNet-50`, points: virtual.map((r) => ({ x: r.nodes, y: r.wallUsPerRequest })) }],
    },
    {
      title: 'Virtual time: cost of a second',
      xLabel: 'nodes',
      yLabel: 'wall time per simulated second (ms)',
      xLog: true,
      series: [{ label: `${STAGES}-stage plan, ResNet-50`, points: virtual.map((r) => ({ x: r.nodes, y: r.wallMsPerSimSec })) }],
    },
    {
      title: 'Memory',
      xLabel: 'nodes',
      yLabel: 'MiB',
      xLog: true,
      series: [
        { label: 'planner peak (resnet50)', points: planner.filter((r) => r.model === planner[0]?.model).map((r) => ({ x: r.nodes, y: r.peakMiB })) },
        { label: 'virtual run, live', points: virtual.map((r) => ({ x: r.nodes, y: r.liveMiB })) },
        { label: 'real, per node', points: real.map((r) => ({ x: r.nodes, y: r.memoryPerNodeMiB })) },
      ],
    },
    {
      title: 'Real nodes: start-up',
      xLabel: 'nodes (worker threads)',
      yLabel: 'seconds from the start',
      xLog: true,
      series: [
        { label: 'all nodes up', points: real.map((r) => ({ x: r.nodes, y: r.nodesUpMs / 1000 })) },
        { label: 'first result', points: real.map((r) => ({ x: r.nodes, y: r.firstResultMs / 1000 })) },
      ],
    },
    {
      title: 'Real nodes: throughput',
      xLabel: 'nodes (worker threads)',
      yLabel: 'measured / predicted (%)',
      xLog: true,
      series: [{ label: 'ppocr-cls on ESP32-S3', points: real.map((r) => ({ x: r.nodes, y: (r.measured / r.predicted) * 100 })) }],
    },
  ];
  return svgChart('seifer-lab: how cost grows with the cluster (npm run bench -- scale)', panels);
}

export const scaleBench: Command = {
  name: 'scale',
  summary: 'How cost grows with the cluster: plan time, virtual time per request and per second, real start-up, a million requests on 1,000 nodes',
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { quick: { type: 'boolean' }, svg: { type: 'string' }, requests: { type: 'string' }, 'skip-real': { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    const quick = flagOption(args, 'quick');
    const json = flagOption(args, 'json');
    const say = (text: string) => (json ? io.err(text) : io.out(text));
    const svgPath = stringOption(args, 'svg') ?? 'bench-scale.svg';
    const millionRequests = numberOption(args, 'requests', quick ? 100_000 : 1_000_000, { integer: true, min: 1, max: 1e8 });
    const virtualCounts = quick ? [10, 100, 1000] : VIRTUAL_NODE_COUNTS;
    const virtualSec = quick ? 60 : 300;
    const realCounts = flagOption(args, 'skip-real') ? [] : quick ? [8, 32] : REAL_NODE_COUNTS;
    const realSec = quick ? 8 : 30;

    // planner
    const planner = await plannerScaleRows(io, { nodeCounts: SCALE_NODE_COUNTS, models: SCALE_MODELS });
    say("== planner: best on the paper's cluster model (random geometric, 128 MiB and 10 GFLOPS per node, seed 3) ==");
    say(plannerScaleTable(planner));

    // real nodes
    const real: RealRow[] = [];
    if (realCounts.length > 0) {
      const loaded = loadModelArg('ppocr-cls', io);
      const analysis = await analyzeModel(loaded.model, { name: loaded.name, inputShape: loaded.entry?.inputShape });
      const modelBytes = loaded.bytes();
      for (const nodes of realCounts) {
        io.err(`${nodes} real nodes for ${realSec} s...`);
        real.push(await realRow(analysis, modelBytes, nodes, realSec, io));
      }
      say(`\n== real nodes: ppocr-cls on ESP32-S3 worker threads (as emulate --nodes N --preset esp32-s3), ${realSec} s per row ==`);
      say(
        table(
          ['nodes', 'stages', 'nodes up s', 'first result s', 'predicted /s', 'measured /s', 'measured/pred', 'completed', 'lost', 'dup', 'MiB per node', 'host-bound'],
          real.map((r) => [
            r.nodes,
            r.stages,
            (r.nodesUpMs / 1000).toFixed(2),
            (r.firstResultMs / 1000).toFixed(2),
            r.predicted.toFixed(3),
            r.measured.toFixed(3),
            `${((r.measured / r.predicted) * 100).toFixed(1)} %`,
            r.completed,
            r.lost,
            r.duplicated,
            r.memoryPerNodeMiB.toFixed(1),
            r.hostBound ? 'yes' : 'no',
          ]),
        ),
      );
      say(
        'times from the call that starts the run (model already loaded; the first row also pays for bundling the worker and compiling the wasm, once per process); MiB per node: growth of the process RSS while the nodes started, divided by the nodes (goals: 32 nodes stream within 5 s; 64 within 10 % of predicted)',
      );
    }

    // virtual time
    const resnet = await zooProfile('resnet50', io);
    const { profile, memoryBytes } = oneGroupPerNode(resnet, STAGES);
    say(
      `\n== virtual time: ResNet-50 in ${profile.blocks.length} groups, nodes of ${(memoryBytes / MiB).toFixed(1)} MiB (one group each) at ${VIRTUAL_GFLOPS} GFLOPS, ${VIRTUAL_LINK.bandwidthMbps / 1000} Gbit/s links, ${virtualSec} simulated s per row ==`,
    );
    // a first run that is not shown: the rows compare the simulation, not how warm the JIT is
    io.progress('virtual time (warm-up)', 0);
    await virtualRow(profile, memoryBytes, 10, virtualSec);
    const virtual: VirtualRow[] = [];
    let throughputAt1000 = 0;
    for (const [k, nodes] of virtualCounts.entries()) {
      io.progress('virtual time', k / virtualCounts.length);
      const { row, report } = await virtualRow(profile, memoryBytes, nodes, virtualSec);
      virtual.push(row);
      if (nodes === 1000) throughputAt1000 = report.measuredThroughput;
    }
    io.progress('virtual time', 1);
    say(
      table(
        ['nodes', 'stages', 'start ms', 'sim s', 'requests', 'lost', 'dup', 'wall ms / sim s', 'wall µs / request', 'live MiB', 'rss MiB'],
        virtual.map((r) => [
          r.nodes,
          r.stages,
          r.startMs.toFixed(0),
          r.simulatedSec.toFixed(0),
          r.completed,
          r.lost,
          r.duplicated,
          r.wallMsPerSimSec.toFixed(2),
          r.wallUsPerRequest.toFixed(1),
          r.liveMiB.toFixed(1),
          r.rssMiB.toFixed(0),
        ]),
      ),
    );
    const first = virtual[0];
    const last = virtual[virtual.length - 1];
    if (first && last) say(`wall time per request at ${last.nodes} nodes / at ${first.nodes} nodes: ${(last.wallUsPerRequest / first.wallUsPerRequest).toFixed(2)}x (goal: within 2x)`);
    say(
      'start ms: from the call to the first plan (scenario, run loop, planning); the other wall figures count the run after it; live MiB: what the scenario and the run hold after a full collection',
    );

    // the million
    const rate = throughputAt1000 || (await virtualRow(profile, memoryBytes, 1000, 10)).report.measuredThroughput;
    const millionSec = Math.ceil(millionRequests / rate) + 1;
    say(`\n== ${millionRequests.toLocaleString('en')} requests on 1,000 nodes, the ${STAGES}-stage plan (${millionSec} simulated s at ${rate.toFixed(1)}/s) ==`);
    const million = await virtualRow(profile, memoryBytes, 1000, millionSec, (run) => io.progress('million requests', run.dispatcher.ledger.completed / millionRequests));
    io.progress('million requests', 1);
    const m = million.row;
    say(
      `${m.completed.toLocaleString('en')} completed, ${m.lost} lost, ${m.duplicated} duplicated, ${million.report.pending} pending; wall ${((m.startMs + m.runMs) / 1000).toFixed(1)} s (start ${(m.startMs / 1000).toFixed(2)} s, run ${(m.runMs / 1000).toFixed(1)} s, ${m.wallUsPerRequest.toFixed(1)} µs per request); live heap ${m.liveMiB.toFixed(0)} MiB, rss ${m.rssMiB.toFixed(0)} MiB (goal: 1,000,000 in under 60 s)`,
    );

    writeFileSync(svgPath, chart(planner, virtual, real));
    say(`\nchart: ${svgPath}`);
    if (json) io.out(JSON.stringify({ planner, virtual, million: { requests: millionRequests, ...m }, real }, null, 2));
    return 0;
  },
};
