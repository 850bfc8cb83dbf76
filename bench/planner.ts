/**
 * `npm run bench -- planner`: every algorithm on the same seeded instances (correct mode): mean bottleneck, ratio
 * to the optimum (or to best's lower bound where `optimal` is out of range), wins/ties/losses against `best`, plan
 * time; then the speed figures: `best` on ResNet-50 (SEIFER's 41 cut points) on 20 and 50 nodes, and `optimal`
 * on 12 nodes x 60 blocks, with how many plans are proven optimal. `--scale` runs the planner half of the scale
 * bench instead (planner-scale.ts): `best` on zoo models from 10 to 2,000 nodes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flagOption, listOption, numberOption, type ParsedArgs, parseCommandArgs, stringOption } from '../src/cli/args';
import type { CliIO, Command } from '../src/cli/command';
import { describeError, errors } from '../src/errors';
import { isInfeasible, plan } from '../src/planner/index';
import { correctProfile, readPaperModels } from '../src/planner/paper/profiles';
import { randomGeometricCluster } from '../src/planner/cluster-gen';
import { ALGORITHMS, type AlgorithmName, type Objective, type PlanReport } from '../src/planner/types';
import { type BenchInstance, paperGridInstances, smallGridInstances } from './planner-instances';
import { plannerScaleRows, plannerScaleTable } from './planner-scale';
import { percentile, table } from './table';
import { createRng, randomInt } from '../src/util/rng';

const usage = 'seifer-lab bench planner [--grid paper|small] [--trials N] [--seed 1] [--objective comm|full] [--json] | --scale [--nodes 10,50,...] [--json]';
const data = (file: string) => readFileSync(fileURLToPath(new URL(`../data/${file}`, import.meta.url)), 'utf8');
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

interface Run {
  instance: BenchInstance;
  results: Partial<Record<AlgorithmName, PlanReport | string>>;
}

export const plannerBench: Command = {
  name: 'planner',
  summary: "Every planner algorithm on the same seeded clusters (bottleneck, gap to optimum, wins against best, plan time) and best's speed",
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      {
        grid: { type: 'string' },
        trials: { type: 'string' },
        seed: { type: 'string' },
        objective: { type: 'string' },
        json: { type: 'boolean' },
        scale: { type: 'boolean' },
        nodes: { type: 'string' },
      },
      usage,
    );
    if (flagOption(args, 'scale')) return scaleBench(args, io);
    const grid = stringOption(args, 'grid') ?? 'paper';
    if (grid !== 'paper' && grid !== 'small') throw errors.badOption('--grid', grid, "'paper' or 'small'");
    const objective = (stringOption(args, 'objective') ?? (grid === 'paper' ? 'comm' : 'full')) as Objective;
    if (objective !== 'comm' && objective !== 'full') throw errors.badOption('--objective', objective, "'comm' or 'full'");
    const trials = numberOption(args, 'trials', grid === 'paper' ? 10 : 200, { min: 1, integer: true });
    const seed = numberOption(args, 'seed', 1, { integer: true });
    const models = readPaperModels(JSON.parse(data('seifer_model_profiles.json')));
    const instances =
      grid === 'paper'
        ? paperGridInstances(
            ['MobileNetV2', 'EfficientNetB1', 'ResNet50', 'InceptionResNetV2'].map((m) => models.get(m)!),
            trials,
            seed,
            objective,
          )
        : smallGridInstances(trials, seed, objective);

    const runs: Run[] = instances.map((instance, i) => {
      io.progress(`planner ${grid} grid`, i / instances.length);
      const results: Run['results'] = {};
      for (const algorithm of ALGORITHMS) {
        try {
          const r = plan(instance.profile, instance.cluster, { algorithm, objective, seed: instance.seed });
          results[algorithm] = isInfeasible(r) ? r.reason : r;
        } catch (error) {
          results[algorithm] = describeError(error); // optimal out of range
        }
      }
      return { instance, results };
    });
    io.progress(`planner ${grid} grid`, 1);
    const summary = summarize(runs);
    const cells = perCell(runs);
    io.progress('speed figures', 0);
    const speed = speedFigures(correctProfile(models.get('ResNet50')!), seed, (f) => io.progress('speed figures', f));

    if (flagOption(args, 'json')) {
      io.out(JSON.stringify({ grid, objective, trials, seed, instances: runs.length, summary, cells, speed }, null, 2));
      return 0;
    }
    const solved = runs.filter((r) => typeof r.results.best === 'object').length;
    io.out(
      `planner bench, ${grid} grid (${grid === 'paper' ? 'SEIFER models, correct mode' : 'heterogeneous clusters with a dispatcher'}), objective ${objective}, ${trials} trials per cell, seed ${seed}`,
    );
    io.out(`${runs.length} instances, ${solved} feasible (best found a plan)`);
    io.out(
      table(
        ['algorithm', 'plans', 'failed', 'mean bottleneck ms', 'mean x best', 'mean x ref', 'worst x ref', 'W/T/L vs best', 'plan p50 ms', 'plan p95 ms'],
        summary.rows.map((s) => [
          s.algorithm,
          s.plans,
          s.failed,
          Number.isFinite(s.meanBottleneckMs) ? s.meanBottleneckMs.toFixed(2) : '-',
          s.meanRatioToBest.toFixed(4),
          s.meanRatio.toFixed(4),
          s.worstRatio.toFixed(3),
          `${s.wins}/${s.ties}/${s.losses}`,
          s.p50Ms.toFixed(2),
          s.p95Ms.toFixed(2),
        ]),
      ),
    );
    io.out(`mean bottleneck: over the ${summary.matched} instances where best, kpath, joint, random and btsp all found a plan ('-': optimal did not run on all of them)`);
    io.out(`x best: this algorithm's bottleneck / best's, averaged where both found a plan; W/T/L: below / equal to / above best's`);
    io.out(`x ref: bottleneck / reference, where the reference is optimal's bottleneck when optimal ran (${summary.withOptimal} instances), else best's lower bound (${summary.withBound})`);
    io.out(
      `best: proven optimal on ${summary.bestProven}/${solved}; where only the bound is known, best / bound = ${summary.bestGapMean.toFixed(4)} on average (worst ${summary.bestGapWorst.toFixed(3)})`,
    );
    if (summary.failures.length) io.out(`failures: ${summary.failures.join('; ')}`);
    io.out(`\n== Per cell: best's mean bottleneck (ms), and each algorithm's mean bottleneck relative to best (failures in brackets) ==`);
    const others = ALGORITHMS.filter((a) => a !== 'best');
    io.out(
      table(
        ['cell', 'n', 'best ms', ...others.map((a) => `${a} x`)],
        cells.map((c) => [
          c.cell,
          c.count,
          Number.isFinite(c.bestMs) ? c.bestMs.toFixed(1) : '-',
          ...others.map((a) => `${Number.isFinite(c.ratio[a].ratio) ? c.ratio[a].ratio.toFixed(3) : '-'}${c.ratio[a].failed ? ` [${c.ratio[a].failed}]` : ''}`),
        ]),
      ),
    );
    io.out(`\n== Speed (${speed.samples} seeded clusters each; plan time in ms) ==`);
    io.out(
      table(
        ['case', 'p50', 'p95', 'max', 'proven optimal'],
        speed.rows.map((r) => [r.label, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), r.proven]),
      ),
    );
    return 0;
  },
};

async function scaleBench(args: ParsedArgs, io: CliIO): Promise<number> {
  const nodeCounts = listOption(args, 'nodes')
    .flatMap((list) => list.split(','))
    .map((n) => {
      const value = Number(n);
      if (!Number.isInteger(value) || value < 1) throw errors.badOption('--nodes', n, 'a comma-separated list of node counts');
      return value;
    });
  const seed = numberOption(args, 'seed', 3, { integer: true });
  const rows = await plannerScaleRows(io, { nodeCounts: nodeCounts.length ? nodeCounts : undefined, seed });
  if (flagOption(args, 'json')) {
    io.out(JSON.stringify({ seed, memoryMiB: 128, rows }, null, 2));
    return 0;
  }
  io.out(`planner scale: best on the paper's cluster model (random geometric, 128 MiB and 10 GFLOPS per node, seed ${seed}), one run per row`);
  io.out(plannerScaleTable(rows));
  io.out("wall ms: plan() with validation; planMs: the report's; proven: no plan is faster (by more than 0.1 %); gap: above the bound, in %;");
  io.out('peak MiB: growth of the JS heap and typed arrays during plan(), sampled at its progress calls; rss MiB: the process after it');
  return 0;
}

const report = (r: Run, a: AlgorithmName) => (typeof r.results[a] === 'object' ? (r.results[a] as PlanReport) : null);
const mean = (values: number[]) => (values.length ? values.reduce((s, x) => s + x, 0) / values.length : NaN);

function summarize(runs: Run[]) {
  const ok = report;
  // the pool for mean bottlenecks: every algorithm but optimal (often out of range) found a plan
  const matchedRuns = runs.filter((r) => ALGORITHMS.every((a) => a === 'optimal' || ok(r, a)));
  const reference = (r: Run) => ok(r, 'optimal')?.bottleneckMs ?? ok(r, 'best')?.lowerBoundMs ?? NaN;
  const failures = new Map<string, number>();
  const rows = ALGORITHMS.map((algorithm) => {
    const planned = runs.filter((r) => ok(r, algorithm));
    for (const r of runs) {
      const v = r.results[algorithm];
      if (typeof v === 'string' && ok(r, 'best')) {
        const key = `${algorithm}: ${v.replace(/\d[\d.e+]*/g, '#').slice(0, 100)}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
    const ratios = planned.map((r) => ok(r, algorithm)!.bottleneckMs / reference(r)).filter((x) => Number.isFinite(x));
    const versus = runs.filter((r) => ok(r, algorithm) && ok(r, 'best'));
    const diff = (r: Run) => [ok(r, algorithm)!.bottleneckMs, ok(r, 'best')!.bottleneckMs];
    const times = planned.map((r) => ok(r, algorithm)!.planMs);
    const pool = matchedRuns.filter((r) => ok(r, algorithm));
    return {
      algorithm,
      plans: planned.length,
      failed: runs.filter((r) => ok(r, 'best') && !ok(r, algorithm)).length,
      meanBottleneckMs: pool.length === matchedRuns.length ? mean(pool.map((r) => ok(r, algorithm)!.bottleneckMs)) : NaN,
      meanRatioToBest: mean(versus.map((r) => diff(r)[0] / diff(r)[1]).filter((x) => Number.isFinite(x))),
      meanRatio: mean(ratios),
      worstRatio: Math.max(...ratios),
      wins: versus.filter((r) => diff(r)[0] < diff(r)[1] && !same(diff(r)[0], diff(r)[1])).length,
      ties: versus.filter((r) => same(diff(r)[0], diff(r)[1])).length,
      losses: versus.filter((r) => diff(r)[0] > diff(r)[1] && !same(diff(r)[0], diff(r)[1])).length,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    };
  });
  const best = runs.map((r) => ok(r, 'best')).filter((b): b is PlanReport => b !== null);
  const unproven = runs
    .filter((r) => ok(r, 'best') && !ok(r, 'optimal'))
    .map((r) => ok(r, 'best')!)
    .filter((b) => b.lowerBoundMs > 0);
  const gaps = unproven.map((b) => b.bottleneckMs / b.lowerBoundMs);
  return {
    matched: matchedRuns.length,
    withOptimal: runs.filter((r) => ok(r, 'optimal')).length,
    withBound: runs.filter((r) => ok(r, 'best') && !ok(r, 'optimal')).length,
    bestProven: best.filter((b) => b.provenOptimal).length,
    bestGapMean: gaps.length ? mean(gaps) : 1,
    bestGapWorst: gaps.length ? Math.max(...gaps) : 1,
    rows,
    failures: [...failures.entries()].map(([k, n]) => `${k} (x${n})`),
  };
}

function perCell(runs: Run[]) {
  // the paper grid's cells come in grid order; the small grid's size buckets sort by their first number
  const cells = [...new Set(runs.map((r) => r.instance.cell))].sort((a, b) => (/^\d/.test(a) && /^\d/.test(b) ? parseInt(a) - parseInt(b) : 0));
  return cells.map((cell) => {
    const list = runs.filter((r) => r.instance.cell === cell && report(r, 'best'));
    const ratio = Object.fromEntries(
      ALGORITHMS.map((a) => {
        const both = list.filter((r) => report(r, a));
        return [a, { ratio: mean(both.map((r) => report(r, a)!.bottleneckMs / report(r, 'best')!.bottleneckMs).filter((x) => Number.isFinite(x))), failed: list.length - both.length }];
      }),
    ) as Record<AlgorithmName, { ratio: number; failed: number }>;
    return { cell, count: list.length, bestMs: mean(list.map((r) => report(r, 'best')!.bottleneckMs)), ratio };
  });
}

function speedFigures(profile: ReturnType<typeof correctProfile>, seed: number, progress: (f: number) => void) {
  const samples = 20;
  const cases: { label: string; run: (s: number) => PlanReport | null }[] = [];
  for (const nodes of [20, 50]) {
    for (const capMB of [64, 128]) {
      cases.push({
        label: `best, ResNet-50 (${profile.blocks.length} blocks), ${nodes} nodes x ${capMB} MiB`,
        run: (s) => {
          const r = plan(profile, randomGeometricCluster({ nodes, memoryBytes: capMB * 2 ** 20, seed: s }), { algorithm: 'best', objective: 'comm', seed: s });
          return isInfeasible(r) ? null : r;
        },
      });
    }
  }
  cases.push({
    label: 'optimal, 12 nodes x 60 blocks (heterogeneous, dispatcher, full objective)',
    run: (s) => {
      const rng = createRng(s);
      const MiB = 2 ** 20;
      const blocks = Array.from({ length: 60 }, (_, i) => ({
        name: `b${i}`,
        memoryBytes: randomInt(rng, 2, 30) * MiB,
        flops: randomInt(rng, 20, 800) * 1e6,
        outBytes: randomInt(rng, 10, 600) * 1000,
      }));
      const cluster = randomGeometricCluster({
        nodes: 12,
        memoryBytes: Array.from({ length: 12 }, () => [256, 512, 1024][randomInt(rng, 0, 2)] * MiB),
        gflops: Array.from({ length: 12 }, () => [2, 5, 10, 20, 50][randomInt(rng, 0, 4)]),
        seed: s,
        dispatcher: true,
      });
      const r = plan({ model: 'synthetic-60', inputBytes: 602_112, outputBytes: blocks[59].outBytes, blocks }, cluster, { algorithm: 'optimal', objective: 'full', seed: s });
      return isInfeasible(r) ? null : r;
    },
  });
  const rows = cases.map((c, i) => {
    const times: number[] = [];
    let proven = 0;
    for (let t = 0; t < samples; t++) {
      const r = c.run(seed * 7919 + t);
      if (!r) continue;
      times.push(r.planMs);
      if (r.provenOptimal) proven++;
      progress((i * samples + t + 1) / (cases.length * samples));
    }
    return { label: c.label, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), proven: `${proven}/${times.length}` };
  });
  return { samples, rows };
}
