/**
 * `npm run bench -- netsim`: does the network simulator hold its configured rate in real time (Node, real clock)?
 * For each link rate and message size, messages are pushed through one link and we compare the achieved rate
 * (bytes / wall time from the first send to the last delivery) with the configured one, and how late each
 * delivery callback ran after its scheduled deadline. Two ways of sending:
 * - burst: every message is sent at once (the link queues them FIFO);
 * - stream: a window of messages is kept in flight, the next one sent from a delivery callback (as a pipeline
 *   stage does), so timer lateness could starve the link.
 * Goal (issue 4): within 2 % of the rate up to 100 Mbit/s and 5 % at 1000 Mbit/s, p99 lateness <= 5 ms.
 * A burst of thousands of small messages on a fast link (3815 x 64 KB at 1000 Mbit/s) is late at the start by the
 * time its own send() loop takes (JS is single-threaded: the first deadlines pass before the loop returns), so
 * the table shows that time ("sends ms"); browser-notes B.3 saw the same, p99 19 ms for a burst of 2000.
 */
import type { Command } from '../src/cli/command';
import { flagOption, listOption, numberOption, parseCommandArgs, stringOption } from '../src/cli/args';
import { errors } from '../src/errors';
import { createRealClock, createWorld, Network, nodeId, serializationMs, VirtualClock } from '../src/netsim/index';

const USAGE = 'seifer-lab bench netsim [--seconds S] [--max-seconds S] [--rates 1,10,100,1000] [--sizes 64K,1M,16M] [--mode burst|stream|both] [--window N] [--json]';

interface Case {
  mode: 'burst' | 'stream';
  rateMbps: number;
  messageBytes: number;
}

interface Result extends Case {
  messages: number;
  /** How long the first synchronous send() calls took (all messages in burst mode): deliveries due meanwhile are late by it. */
  sendLoopMs: number;
  skipped: string | null;
  wallSeconds: number;
  achievedMbps: number;
  ratio: number;
  errorMs: { p50: number; p99: number; max: number };
  meetsGoal: boolean;
}

const src = nodeId('src');
const dst = nodeId('dst');

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMG]?)B?$/i.exec(text.trim());
  if (!match) throw errors.badOption('--sizes', text, 'sizes such as 64K, 1M or 16M (1K = 1024 bytes)');
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Math.round(Number(match[1]) * unit);
}

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} B`;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function goalRatio(rateMbps: number): number {
  return rateMbps > 100 ? 0.05 : 0.02;
}

/** Runs one case in real time and resolves when every message has been delivered. */
function runCase(c: Case, messages: number, window: number, onProgress: (fraction: number) => void): Promise<Omit<Result, keyof Case | 'skipped' | 'meetsGoal'>> {
  const clock = createRealClock();
  const net = new Network<number>(createWorld(['src', 'dst'], { link: { bandwidthMbps: c.rateMbps, latencyMs: 0 } }), clock);
  const lateMs: number[] = [];
  let sent = 0;
  let sendLoopMs = 0;
  return new Promise((resolve) => {
    const startMs = performance.now();
    net.onDeliver(({ transfer }) => {
      const nowMs = performance.now();
      lateMs.push(nowMs - transfer.deliverAtMs!);
      if (lateMs.length % Math.max(1, Math.floor(messages / 20)) === 0) onProgress(lateMs.length / messages);
      if (c.mode === 'stream' && sent < messages) net.send(src, dst, c.messageBytes, sent++);
      if (lateMs.length < messages) return;
      const wallMs = nowMs - startMs;
      const achievedMbps = (messages * c.messageBytes * 8) / (wallMs * 1000);
      const sorted = lateMs.sort((x, y) => x - y);
      net.dispose();
      resolve({
        messages,
        sendLoopMs,
        wallSeconds: wallMs / 1000,
        achievedMbps,
        ratio: achievedMbps / c.rateMbps,
        errorMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! },
      });
    });
    const first = c.mode === 'burst' ? messages : Math.min(window, messages);
    while (sent < first) net.send(src, dst, c.messageBytes, sent++);
    sendLoopMs = performance.now() - startMs;
  });
}

/** Compiles the hot paths (JIT) before anything is timed, so the first case does not pay for it. */
async function warmUp(window: number): Promise<void> {
  const clock = new VirtualClock();
  const net = new Network<number>(createWorld(['src', 'dst'], { link: { bandwidthMbps: 1000, latencyMs: 0 } }), clock);
  for (let i = 0; i < 20_000; i++) net.send(src, dst, 65_536, i);
  clock.runUntilIdle();
  // the real-clock path too (host timers, heap growth): a fast fake link keeps this to about a second
  for (const mode of ['burst', 'burst', 'burst', 'stream'] as const) await runCase({ mode, rateMbps: 10_000, messageBytes: 65_536 }, 4000, window, () => {});
}

function formatTable(results: Result[]): string {
  const rows = [['mode', 'rate Mbit/s', 'message', 'msgs', 'sends ms', 'wall s', 'achieved Mbit/s', 'achieved/conf', 'late p50 ms', 'late p99 ms', 'late max ms', 'goal']];
  for (const r of results) {
    const head = [r.mode, String(r.rateMbps), sizeLabel(r.messageBytes)];
    if (r.skipped) rows.push([...head, '-', '-', '-', '-', '-', '-', '-', '-', `skipped: ${r.skipped}`]);
    else
      rows.push([
        ...head,
        String(r.messages),
        r.sendLoopMs.toFixed(1),
        r.wallSeconds.toFixed(2),
        r.achievedMbps.toFixed(3),
        `${(r.ratio * 100).toFixed(2)} %`,
        r.errorMs.p50.toFixed(2),
        r.errorMs.p99.toFixed(2),
        r.errorMs.max.toFixed(2),
        r.meetsGoal ? 'met' : 'MISSED',
      ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (i === row.length - 1 ? 0 : row[i]!.length))));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

export const netsimBench: Command = {
  name: 'netsim',
  summary: 'Network simulator in real time: configured vs achieved link rate, delivery lateness p50/p99.',
  usage: USAGE,
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      {
        seconds: { type: 'string' },
        'max-seconds': { type: 'string' },
        rates: { type: 'string' },
        sizes: { type: 'string' },
        mode: { type: 'string' },
        window: { type: 'string' },
        json: { type: 'boolean' },
      },
      USAGE,
    );
    const targetMs = numberOption(args, 'seconds', 2, { min: 0.1, max: 600 }) * 1000;
    const maxMs = numberOption(args, 'max-seconds', 10, { min: 0.1, max: 3600 }) * 1000;
    const window = numberOption(args, 'window', 8, { min: 1, max: 10_000, integer: true });
    const rates = (listOption(args, 'rates').join(',') || '1,10,100,1000').split(',').map((t) => {
      const rate = Number(t);
      if (!(rate > 0 && Number.isFinite(rate))) throw errors.badOption('--rates', t, 'rates in Mbit/s > 0, e.g. 1,10,100,1000');
      return rate;
    });
    const sizes = (stringOption(args, 'sizes') ?? '64K,1M,16M').split(',').map(parseSize);
    const modeText = stringOption(args, 'mode') ?? 'both';
    if (!['burst', 'stream', 'both'].includes(modeText)) throw errors.badOption('--mode', modeText, 'burst, stream or both');
    const modes = modeText === 'both' ? (['burst', 'stream'] as const) : ([modeText] as ['burst' | 'stream']);
    const cases: Case[] = modes.flatMap((mode) => rates.flatMap((rateMbps) => sizes.map((messageBytes) => ({ mode, rateMbps, messageBytes }))));

    io.err('netsim: warming up (not timed)');
    await warmUp(window);
    const results: Result[] = [];
    for (const [index, c] of cases.entries()) {
      const messageMs = serializationMs(c.messageBytes, c.rateMbps);
      const label = `${c.mode} ${c.rateMbps} Mbit/s ${sizeLabel(c.messageBytes)}`;
      const empty = { messages: 0, sendLoopMs: 0, wallSeconds: 0, achievedMbps: 0, ratio: 0, errorMs: { p50: 0, p99: 0, max: 0 }, meetsGoal: false };
      if (messageMs > maxMs) {
        const skipped = `one message takes ${(messageMs / 1000).toFixed(1)} s > --max-seconds ${maxMs / 1000}`;
        io.err(`netsim: ${label} skipped (${skipped})`);
        results.push({ ...c, ...empty, skipped });
        continue;
      }
      // enough messages to fill the target time; fewer (down to one) when one message is already long
      const messages = Math.max(1, Math.round(targetMs / messageMs));
      const measured = await runCase(c, messages, window, (f) => io.progress('netsim', (index + f) / cases.length));
      const meetsGoal = Math.abs(measured.ratio - 1) <= goalRatio(c.rateMbps) && measured.errorMs.p99 <= 5;
      results.push({ ...c, ...measured, skipped: null, meetsGoal });
      io.progress('netsim', (index + 1) / cases.length);
    }
    if (flagOption(args, 'json')) {
      io.out(JSON.stringify({ suite: 'netsim', goal: { ratioUpTo100Mbps: 0.02, ratioAbove100Mbps: 0.05, p99LateMs: 5 }, window, results }, null, 2));
    } else {
      io.out(formatTable(results));
      io.out(`\nburst: all messages sent at once; stream: ${window} in flight, the next sent from a delivery callback. 1 KB = 1024 bytes, latency 0.`);
      io.out('late = wall time of the delivery callback - its scheduled deadline. Goal: within 2 % of the rate up to 100 Mbit/s, 5 % above; p99 late <= 5 ms.');
      io.out('sends ms = time of the synchronous send() calls at the start (all of them in burst mode): deliveries due before it ends are late by it.');
    }
    return 0;
  },
};
