/**
 * `npm run bench -- ui`: builds the page, serves it, and drives it in headless Chromium with 20 nodes streaming
 * for 60 s; prints frames per second (requestAnimationFrame) and long tasks (> 50 ms) on the main thread.
 * Goal: >= 50 fps and at most one long task per 10 s. Prints figures; asserts nothing.
 */
import type { Command } from '../src/cli/command';
import { flagOption, numberOption, parseCommandArgs, stringOption } from '../src/cli/args';
import { errors } from '../src/errors';
import { labCluster } from '../src/ui/lab/cluster-presets';
import { defaultScenario } from '../src/ui/lab/default-scenario';
import { scenarioToHash } from '../src/ui/lab/scenario-url';
import { withBuiltPage } from './built-page';
import { table } from './table';
import { BUSY_120_MS, INSTALL_PROBE, READ_PROBE, type ProbeReading } from './ui-probe';

export const uiBench: Command = {
  name: 'ui',
  summary: 'The lab page in Chromium with 20 nodes streaming: frames per second and main-thread long tasks.',
  usage: 'seifer-lab bench ui [--nodes 20] [--duration 60] [--mode real|virtual] [--seed 3] [--kill] [--json]',
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      { nodes: { type: 'string' }, duration: { type: 'string' }, mode: { type: 'string' }, seed: { type: 'string' }, kill: { type: 'boolean' }, json: { type: 'boolean' } },
      this.usage,
    );
    // --kill: a pipeline node is killed at a third of the run and revived at two thirds (replan, redeploy, resend)
    const withKill = flagOption(args, 'kill');
    const nodes = numberOption(args, 'nodes', 20, { integer: true, min: 1, max: 32 });
    const durationSec = numberOption(args, 'duration', 60, { min: 5, max: 3600 });
    const seed = numberOption(args, 'seed', 3, { integer: true, min: 0 });
    const mode = stringOption(args, 'mode') ?? 'real';
    if (mode !== 'real' && mode !== 'virtual') throw errors.badOption('--mode', mode, 'real or virtual');
    const json = flagOption(args, 'json');

    return withBuiltPage(io, async (pageUrl, browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      const scenario = { ...defaultScenario(), ...labCluster(nodes, seed), mode: mode as 'real' | 'virtual' };
      const startedAt = performance.now();
      await page.goto(`${pageUrl}#${scenarioToHash(scenario)}`);
      io.err(`${nodes} nodes (${mode}), waiting for the first results...`);
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
        if ((t + 1) % 10 === 0) io.progress(`measuring ${durationSec} s`, (t + 1) / durationSec);
      }
      const reading = (await page.evaluate(READ_PROBE)) as ProbeReading;
      const lab = await page.evaluate(() => window.seiferLab.metrics());
      const seconds = reading.elapsedMs / 1000;
      const fps = reading.frames / seconds;
      const long = reading.longTasks;
      const figures = {
        nodes,
        mode,
        killed: victim || null,
        durationSec: round(seconds),
        firstResultSec: round(firstResultSec),
        fps: round(fps),
        worstFrameMs: round(reading.worstFrameMs),
        longTasks: long.length,
        longTasksPer10s: round((long.length / seconds) * 10),
        longestTaskMs: round(Math.max(0, ...long.map((l) => l.durationMs))),
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
      if (json) {
        io.out(JSON.stringify({ ...figures, longTaskList: long.map((l) => ({ atSec: round(l.startMs / 1000), ms: round(l.durationMs) })) }, null, 2));
      } else {
        io.out(
          `== lab page, ${nodes} nodes streaming (${mode} mode)${victim ? `, ${victim} killed at ${Math.round(durationSec / 3)} s and revived at ${Math.round((2 * durationSec) / 3)} s` : ''}, ${round(seconds)} s measured, 1280x720 headless Chromium ==`,
        );
        io.out(
          table(
            ['figure', 'value', 'goal'],
            [
              ['frames per second', figures.fps, '>= 50'],
              ['worst frame gap (ms)', figures.worstFrameMs, ''],
              ['long tasks (> 50 ms)', figures.longTasks, ''],
              ['long tasks per 10 s', figures.longTasksPer10s, '<= 1'],
              ['longest task (ms)', figures.longestTaskMs, ''],
              ['first result after (s)', figures.firstResultSec, ''],
              ['throughput (/s, measured)', figures.throughput, `predicted ${figures.predicted}`],
              ['completed / lost / duplicated', `${figures.completed} / ${figures.lost} / ${figures.duplicated}`, ''],
              ['pipeline stages', figures.stages, ''],
              ['host-bound', figures.hostBound ? 'yes' : 'no', 'no'],
              ['console errors', figures.consoleErrors, '0'],
              ['probe check: a deliberate 120 ms task seen', probeSeesLongTasks ? 'yes' : 'NO (long tasks unmeasured)', 'yes'],
            ],
          ),
        );
        if (long.length > 0) io.out(`long tasks at: ${long.map((l) => `${round(l.startMs / 1000)} s (${Math.round(l.durationMs)} ms)`).join(', ')}`);
      }
      return 0;
    });
  },
};

const round = (x: number) => Math.round(x * 100) / 100;
