/**
 * `npm run bench -- devices`: real-devices sessions of 2, 4 and 8 members (Chromium member pages and `seifer-lab
 * node` processes, half and half) inside a network namespace the bench creates (test/helpers/netns.ts, needs root,
 * unshare and ip). Per size it prints: measured against predicted throughput; per hop of the plan, the bytes per
 * second it carried against what the probes measured; the detect, re-plan, redeploy and first-result times after a
 * member leaves; and the overhead of the real transport against the in-process one (the same measured cluster and
 * plan run on worker threads, the network emulated). Prints figures; asserts nothing.
 */
import type { Command, CliIO } from '../src/cli/command';
import { flagOption, numberOption, parseCommandArgs, stringOption } from '../src/cli/args';
import { formatMs, table } from '../src/cli/format';
import { errors } from '../src/errors';
import type { DevicesBenchInput, SizeFigures } from './drivers/devices';

const usage = 'seifer-lab bench devices [--sizes 2,4,8] [--window 15] [--quick] [--json]';

export const devicesBench: Command = {
  name: 'devices',
  summary: 'Real-devices sessions (Chromium pages and node processes in a network namespace): throughput, hops, recovery, transport overhead.',
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { sizes: { type: 'string' }, window: { type: 'string' }, quick: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    const quick = flagOption(args, 'quick');
    const sizesText = stringOption(args, 'sizes') ?? (quick ? '2,4' : '2,4,8');
    const sizes = sizesText.split(',').map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 16)) throw errors.badOption('--sizes', sizesText, 'member counts from 1 to 16, separated by commas, e.g. 2,4,8');
    const windowSec = numberOption(args, 'window', quick ? 4 : 15, { min: 1, max: 600 });
    const json = flagOption(args, 'json');

    // loaded here, not at the top: every CLI command imports the bench list, and only this one needs them
    const { runInNetns } = await import('../test/helpers/netns');
    io.err(`bench devices: sessions of ${sizes.join(', ')} members inside a network namespace (building the page first if dist/ is missing)...`);
    const input: DevicesBenchInput = { sizes, windowSec };
    const figures = await runInNetns<SizeFigures[]>('bench/drivers/devices.ts', input, { timeoutMs: sizes.length * 600_000, onLine: (line) => io.err(`  ${line}`) });
    const inProcess = await inProcessRuns(figures, Math.max(5, windowSec), io);
    if (json) {
      io.out(JSON.stringify({ figures, inProcess }, null, 2));
      return 0;
    }
    print(figures, inProcess, io);
    return 0;
  },
};

interface InProcess {
  members: number;
  throughputPerSec: number | null;
  stages: string;
}

/** The same measured cluster, planned the same way, on worker threads with the network emulated (src/workers/run-real.ts). */
async function inProcessRuns(figures: SizeFigures[], durationSec: number, io: CliIO): Promise<InProcess[]> {
  const { loadModelArg } = await import('../src/cli/model-source');
  const { analyzeModel } = await import('../src/model/index');
  const { runReal } = await import('../src/workers/run-real');
  const { spawnThreadNode } = await import('../src/workers/spawn-node');
  const { scenarioFromCluster } = await import('../src/emulator/cluster-file');
  const loaded = loadModelArg('ppocr-cls', io);
  const analysis = await analyzeModel(loaded.model, { name: loaded.name, inputShape: loaded.entry?.inputShape });
  const results: InProcess[] = [];
  for (const f of figures) {
    if (!f.cluster) {
      results.push({ members: f.members, throughputPerSec: null, stages: '-' });
      continue;
    }
    io.err(`in-process run of the ${f.members}-member cluster (${durationSec} s)...`);
    const scenario = scenarioFromCluster(f.cluster, { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 });
    const report = await runReal({ analysis, modelBytes: loaded.bytes(), scenario, spawn: spawnThreadNode, durationSec, algorithm: 'best', objective: 'full', seed: 1 });
    results.push({ members: f.members, throughputPerSec: report.measuredThroughput, stages: (report.plan?.stages ?? []).map((s) => `${s.node}:${s.firstBlock}-${s.lastBlock}`).join(' ') });
  }
  return results;
}

const rate = (value: number | null) => (value === null || !Number.isFinite(value) ? '-' : value.toFixed(1));
const pct = (a: number | null, b: number | null) => (a === null || b === null || !(b > 0) ? '-' : `${Math.round((a / b) * 100)} %`);
const ms = (value: number | null | undefined) => (value === null || value === undefined ? '-' : formatMs(value));
const mbps = (bytesPerSec: number) => ((bytesPerSec * 8) / 1e6).toFixed(1);

function print(figures: SizeFigures[], inProcess: InProcess[], io: CliIO): void {
  io.out('== throughput: measured against predicted, and against the same plan in-process (worker threads, emulated network) ==');
  io.out(
    table(
      ['members', 'pages+nodes', 'measure s', 'stages (at the end)', 'replans', 'predicted /s', 'measured /s', 'meas/pred', 'in-process /s', 'real/in-process'],
      figures.map((f, i) => [
        f.members,
        `${f.pages}+${f.nodes}`,
        f.measureSec.toFixed(1),
        (f.plan?.stages ?? []).map((s) => `${s.node}:${s.firstBlock}-${s.lastBlock}`).join(' ') || (f.error ? `failed: ${f.error.slice(0, 60)}` : '-'),
        f.replansInWindow,
        rate(f.predictedPerSec),
        rate(f.measuredPerSec),
        pct(f.measuredPerSec, f.predictedPerSec),
        rate(inProcess[i].throughputPerSec),
        pct(f.measuredPerSec, inProcess[i].throughputPerSec),
      ]),
    ),
  );
  io.out('\n== per hop of the plan: bytes per second carried and achieved per message (bytes / wire time) against the probes ==');
  const hopRows = figures.flatMap((f) =>
    (f.plan?.hops ?? []).map((h) => {
      const from = h.from === 'dispatcher' ? 'host' : h.from;
      const to = h.to === 'dispatcher' ? 'host' : h.to;
      const probed = f.links.find((l) => l.from === from && l.to === to);
      const carried = f.traffic.find((t) => t.from === from && t.to === to);
      const achieved = carried?.transferBytesPerSec ?? null;
      return [
        f.members,
        `${h.from} -> ${h.to}`,
        h.bytes,
        carried ? mbps(carried.bytesPerSec) : '-',
        achieved === null ? '-' : mbps(achieved),
        probed ? mbps(probed.bandwidthBytesPerSec) : '-',
        probed ? `± ${Math.round(probed.spreadPct)} %` : '-',
        carried?.path ?? probed?.path ?? '-',
        probed ? pct(achieved, probed.bandwidthBytesPerSec) : '-',
      ];
    }),
  );
  io.out(table(['members', 'hop', 'bytes/request', 'carried Mbit/s', 'achieved Mbit/s', 'probed Mbit/s', 'probe spread', 'path', 'achieved/probed'], hopRows));
  io.out('\n== a member leaves mid-run (times from the moment it left) ==');
  io.out(
    table(
      ['members', 'left', 'how', 'detect', 'noticed by', 're-plan', 'redeploy', 'first result', 'lost', 'duplicated'],
      figures.map((f) => [
        f.members,
        f.left || '-',
        f.leftKind === 'page' ? 'tab closed' : 'process killed',
        ms(f.recovery?.detectMs),
        f.recovery?.detectedBy ?? '-',
        ms(f.recovery?.replanMs),
        ms(f.recovery?.redeployMs),
        ms(f.recovery?.firstResultMs),
        f.lost,
        f.duplicated,
      ]),
    ),
  );
}
