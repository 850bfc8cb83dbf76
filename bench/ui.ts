/**
 * `npm run bench -- ui`: builds the page, serves it, and drives it in headless Chromium; prints frames per second
 * (requestAnimationFrame) and long tasks (> 50 ms) on the main thread for two cases: 20 nodes streaming in real
 * mode (goal >= 50 fps, at most one long task per 10 s) and a 1,000-node virtual cluster under chaos (goal >= 30
 * fps). `--nodes/--mode/--chaos` measure one case of your own instead. Prints figures; asserts nothing.
 */
import type { Browser } from 'playwright-core';
import type { Command, CliIO } from '../src/cli/command';
import { flagOption, numberOption, parseCommandArgs, stringOption } from '../src/cli/args';
import { errors } from '../src/errors';
import { labCluster, randomCluster } from '../src/ui/lab/cluster-presets';
import { defaultScenario } from '../src/ui/lab/default-scenario';
import type { BackendMode } from '../src/ui/lab/scenario-spec';
import { scenarioToLink } from '../src/ui/lab/scenario-url';
import { withBuiltPage } from './built-page';
import { table } from './table';
import { BUSY_120_MS, INSTALL_PROBE, READ_PROBE, type ProbeReading } from './ui-probe';

interface UiCase {
  nodes: number;
  mode: BackendMode;
  chaosPerMin: number;
  goalFps: number;
}

const CASES: UiCase[] = [
  { nodes: 20, mode: 'real', chaosPerMin: 0, goalFps: 50 },
  { nodes: 1000, mode: 'virtual', chaosPerMin: 20, goalFps: 30 },
];

export const uiBench: Command = {
  name: 'ui',
  summary: 'The lab page in Chromium: 20 nodes streaming (real) and 1,000 virtual nodes under chaos; frames per second and main-thread long tasks.',
  usage: 'seifer-lab bench ui [--duration 60] [--nodes N --mode real|virtual [--chaos PER_MIN]] [--seed 3] [--kill] [--json]',
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      {
        nodes: { type: 'string' },
        duration: { type: 'string' },
        mode: { type: 'string' },
        chaos: { type: 'string' },
        seed: { type: 'string' },
        kill: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      this.usage,
    );
    // --kill: a pipeline node is killed at a third of the run and revived at two thirds (replan, redeploy, resend)
    const withKill = flagOption(args, 'kill');
    const durationSec = numberOption(args, 'duration', 60, { min: 5, max: 3600 });
    const seed = numberOption(args, 'seed', 3, { integer: true, min: 0 });
    const json = flagOption(args, 'json');
    const mode = stringOption(args, 'mode');
    if (mode !== undefined && mode !== 'real' && mode !== 'virtual') throw errors.badOption('--mode', mode, 'real or virtual');
    const own = args.values.nodes !== undefined || mode !== undefined || args.values.chaos !== undefined;
    const cases: UiCase[] = own
      ? [
          {
            nodes: numberOption(args, 'nodes', 20, { integer: true, min: 1, max: mode === 'virtual' ? 1000 : 32 }),
            mode: mode ?? 'real',
            chaosPerMin: numberOption(args, 'chaos', 0, { min: 0, max: 60 }),
            goalFps: 50,
          },
        ]
      : CASES;

    return withBuiltPage(io, async (pageUrl, browser) => {
      const all = [];
      for (const c of cases) all.push(await measure(browser, pageUrl, c, { durationSec, seed, withKill }, io));
      if (json) io.out(JSON.stringify(all, null, 2));
      else for (const figures of all) print(figures, io);
      return 0;
    });
  },
};

type Figures = Awaited<ReturnType<typeof measure>>;

async function measure(browser: Browser, pageUrl: string, c: UiCase, options: { durationSec: number; seed: number; withKill: boolean }, io: CliIO) {
  const { durationSec, seed, withKill } = options;
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const cluster = c.nodes > 32 ? randomCluster(c.nodes, seed) : labCluster(c.nodes, seed);
    const scenario = { ...defaultScenario(), ...cluster, mode: c.mode, chaosPerMin: c.chaosPerMin };
    const startedAt = performance.now();
    await page.goto(`${pageUrl}#${await scenarioToLink(scenario)}`);
    io.err(`${c.nodes} nodes (${c.mode}${c.chaosPerMin > 0 ? `, chaos ${c.chaosPerMin}/min` : ''}), waiting for the first results...`);
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 0, null, { timeout: 180_000 });
    const firstResultSec = (performance.now() - startedAt) / 1000;
    // the first seconds deploy and fill the pipeline; measure the steady state
    await page.waitForTimeout(5000);
    // check the probe can see a long task at all (a deliberate 120 ms one), then measure afresh
    await page.evaluate(INSTALL_PROBE);
    await page.evaluate(BUSY_120_MS);
    await page.waitForTimeout(500);
    const probeSeesLongTasks = ((await page.evaluate(READ_PROBE)) as ProbeReading).longTasks.some((l) => l.durationMs >= 100);
    await page.evaluate(INSTALL_PROBE);
    let victim = '';
    const fault = async (at: number, stepSec: number) => {
      if (!withKill) return;
      if (at <= durationSec / 3 && at + stepSec > durationSec / 3) {
        victim = (await page.evaluate(() => window.seiferLab.metrics()?.plan?.stages.at(-1)?.node)) ?? '';
        await page.evaluate((id) => window.seiferLab.kill(id), victim);
        io.err(`killed ${victim}`);
      }
      if (victim && at <= (2 * durationSec) / 3 && at + stepSec > (2 * durationSec) / 3) {
        await page.evaluate((id) => window.seiferLab.revive(id), victim);
        io.err(`revived ${victim}`);
      }
    };
    for (let t = 0; t < durationSec; t += 1) {
      await page.waitForTimeout(1000);
      await fault(t + 1, 1);
      if ((t + 1) % 10 === 0) io.progress(`measuring ${c.nodes} nodes for ${durationSec} s`, (t + 1) / durationSec);
    }
    const reading = (await page.evaluate(READ_PROBE)) as ProbeReading;
    const lab = await page.evaluate(() => window.seiferLab.metrics());
    const faults = await page.evaluate(() => window.seiferLab.faults().length);
    const seconds = reading.elapsedMs / 1000;
    const long = reading.longTasks;
    return {
      nodes: c.nodes,
      mode: c.mode,
      chaosPerMin: c.chaosPerMin,
      goalFps: c.goalFps,
      killed: victim || null,
      durationSec: round(seconds),
      firstResultSec: round(firstResultSec),
      fps: round(reading.frames / seconds),
      worstFrameMs: round(reading.worstFrameMs),
      longTasks: long.length,
      longTasksPer10s: round((long.length / seconds) * 10),
      longestTaskMs: round(Math.max(0, ...long.map((l) => l.durationMs))),
      longTaskList: long.map((l) => ({ atSec: round(l.startMs / 1000), ms: round(l.durationMs) })),
      faults,
      throughput: round(lab?.throughput ?? 0),
      predicted: round(lab?.predicted ?? 0),
      completed: lab?.completed ?? 0,
      lost: lab?.lost ?? 0,
      duplicated: lab?.duplicated ?? 0,
      hostBound: lab?.hostBound ?? false,
      stages: lab?.plan?.stages.length ?? 0,
      consoleErrors: problems.length,
      probeSeesLongTasks,
    };
  } finally {
    await page.close();
  }
}

function print(f: Figures, io: CliIO): void {
  const fault = f.killed ? `, ${f.killed} killed at a third and revived at two thirds` : '';
  io.out(
    `== lab page, ${f.nodes} nodes streaming (${f.mode} mode${f.chaosPerMin > 0 ? `, chaos ${f.chaosPerMin} faults/min` : ''})${fault}, ${f.durationSec} s measured, 1280x720 headless Chromium ==`,
  );
  io.out(
    table(
      ['figure', 'value', 'goal'],
      [
        ['frames per second', f.fps, `>= ${f.goalFps}`],
        ['worst frame gap (ms)', f.worstFrameMs, ''],
        ['long tasks (> 50 ms)', f.longTasks, ''],
        ['long tasks per 10 s', f.longTasksPer10s, f.goalFps >= 50 ? '<= 1' : ''],
        ['longest task (ms)', f.longestTaskMs, ''],
        ['first result after (s)', f.firstResultSec, ''],
        ['faults injected (chaos, kill)', f.faults, ''],
        ['throughput (/s, measured)', f.throughput, `predicted ${f.predicted}`],
        ['completed / lost / duplicated', `${f.completed} / ${f.lost} / ${f.duplicated}`, ''],
        ['pipeline stages', f.stages, ''],
        ['host-bound', f.hostBound ? 'yes' : 'no', 'no'],
        ['console errors', f.consoleErrors, '0'],
        ['probe check: a deliberate 120 ms task seen', f.probeSeesLongTasks ? 'yes' : 'NO (long tasks unmeasured)', 'yes'],
      ],
    ),
  );
  if (f.longTasks > 0) io.out(`long tasks at: ${f.longTaskList.map((l) => `${l.atSec} s (${Math.round(l.ms)} ms)`).join(', ')}`);
}

const round = (x: number) => Math.round(x * 100) / 100;
