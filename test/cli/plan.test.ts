import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CliIO } from '../../src/cli/command';
import { main } from '../../src/cli/main';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { out: (t) => void (stdout += t + '\n'), err: (t) => void (stderr += t + '\n'), progress: () => undefined };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'seifer-plan-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const MiB = 2 ** 20;
const profile = {
  model: 'toy',
  inputBytes: 600_000,
  outputBytes: 4000,
  blocks: Array.from({ length: 10 }, (_, i) => ({ name: `b${i}`, memoryBytes: 20 * MiB, flops: 3e8, outBytes: i === 9 ? 4000 : 300_000 })),
};
const profilePath = file('profile.json', profile);

describe('seifer-lab plan', () => {
  test('plan --profile P.json --nodes N --memory MB --json prints the documented fields and exits 0', async () => {
    const { code, stdout } = await cli('plan', '--profile', profilePath, '--nodes', '8', '--memory', '64', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['algorithm', 'objective', 'bottleneckMs', 'throughputPerSec', 'latencyMs', 'lowerBoundMs', 'provenOptimal', 'gapPct', 'stages', 'hops', 'planMs']);
    expect(out.algorithm).toBe('best');
    expect(out.objective).toBe('full');
    expect(Object.keys(out.stages[0])).toEqual(['node', 'firstBlock', 'lastBlock', 'memoryBytes', 'computeMs']);
    expect(Object.keys(out.hops[0])).toEqual(['from', 'to', 'bytes', 'ms']);
    expect(out.stages[0].firstBlock).toBe(0);
    expect(out.stages.at(-1).lastBlock).toBe(9);
  });

  test('plan --cluster C.json --algorithm joint --objective comm reads the cluster file', async () => {
    const cluster = {
      nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id, memoryBytes: 128 * MiB, gflops: 5 })),
      bandwidthMbps: [
        [0, 10, 20, 30],
        [10, 0, 40, 50],
        [20, 40, 0, 60],
        [30, 50, 60, 0],
      ],
    };
    const { code, stdout } = await cli('plan', '--profile', profilePath, '--cluster', file('cluster.json', cluster), '--algorithm', 'joint', '--objective', 'comm', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ algorithm: 'joint', objective: 'comm' });
  });

  test('plan --model profiles a zoo model on the spot', async () => {
    const { code, stdout } = await cli('plan', '--model', 'tiny-cnn', '--nodes', '3', '--memory', '64', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.stages[report.stages.length - 1].lastBlock).toBe(16);
  });

  test('plan without --json prints a readable plan', async () => {
    const { code, stdout } = await cli('plan', '--profile', profilePath, '--nodes', '8', '--memory', '64');
    expect(code).toBe(0);
    expect(stdout).toMatch(/bottleneck .* ms/);
    expect(stdout).toMatch(/stage\s+node/);
  });

  test('plan on too little memory exits 2 with {error, reason, needBytes, haveBytes}', async () => {
    const { code, stdout } = await cli('plan', '--profile', profilePath, '--nodes', '3', '--memory', '32', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: 'infeasible', reason: expect.any(String), needBytes: 200 * MiB, haveBytes: 96 * MiB });
  });

  test.each([
    ['no profile', ['--nodes', '3', '--memory', '32'], /--profile P\.json or --model/],
    ['an unknown model', ['--model', 'resnet51', '--nodes', '3', '--memory', '32'], /no zoo model or file called 'resnet51'/],
    ['no cluster', ['--profile', profilePath], /--cluster C\.json, or --nodes N --memory MiB/],
    ['both cluster kinds', ['--profile', profilePath, '--cluster', profilePath, '--nodes', '3'], /not both/],
    ['a bad algorithm', ['--profile', profilePath, '--nodes', '3', '--memory', '64', '--algorithm', 'fast'], /--algorithm/],
    ['a missing file', ['--profile', join(dir, 'nope.json'), '--nodes', '3', '--memory', '64'], /exists/],
    ['a file that is not JSON', ['--profile', file('bad.json', '{ nope'), '--nodes', '3', '--memory', '64'], /not valid JSON/],
    ['a bad profile field', ['--profile', file('neg.json', { ...profile, inputBytes: -3 }), '--nodes', '3', '--memory', '64'], /profile\.inputBytes/],
    ['optimal out of range', ['--profile', profilePath, '--nodes', '30', '--memory', '64', '--algorithm', 'optimal'], /--algorithm best/],
  ])('plan with %s exits 1 with a clear message', async (_, args, message) => {
    const { code, stderr } = await cli('plan', ...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });

  test("plan --algorithm kpath exits 3 when only SEIFER's smallest-node capacity stops it, and says best finds a plan", async () => {
    const cluster = {
      nodes: [200, 200, 30].map((m, i) => ({ id: `n${i}`, memoryBytes: m * MiB, gflops: 5 })),
      bandwidthMbps: [
        [0, 10, 10],
        [10, 0, 10],
        [10, 10, 0],
      ],
    };
    const path = file('uneven.json', cluster);
    const json = await cli('plan', '--profile', profilePath, '--cluster', path, '--algorithm', 'kpath', '--json');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({
      error: 'cannot-place',
      reason: expect.stringMatching(/^`kpath` cannot place this \(it plans for the smallest node's memory \(30\.0 MiB\), as SEIFER does.*\); `best` finds a plan$/),
      needBytes: 200 * MiB,
      haveBytes: 430 * MiB,
      algorithm: 'kpath',
      bestBottleneckMs: expect.any(Number),
    });
    const text = await cli('plan', '--profile', profilePath, '--cluster', path, '--algorithm', 'kpath');
    expect(text.code).toBe(3);
    expect(text.stderr).toMatch(/seifer-lab plan: cannot place: `kpath` cannot place this/);
    expect((await cli('plan', '--profile', profilePath, '--cluster', path)).code).toBe(0);
  });

  test('plan prints (proven optimal) or the gap exactly as --json reports provenOptimal and gapPct', async () => {
    for (const algorithm of ['best', 'random', 'joint']) {
      const args = ['plan', '--profile', profilePath, '--nodes', '12', '--memory', '64', '--seed', '5', '--algorithm', algorithm];
      const report = JSON.parse((await cli(...args, '--json')).stdout);
      const { stdout } = await cli(...args);
      if (report.provenOptimal) {
        expect(report.gapPct).toBe(0);
        expect(stdout).toContain('(proven optimal)');
      } else {
        expect(report.gapPct).toBeGreaterThan(0);
        expect(stdout).toContain(`(gap ${report.gapPct.toFixed(1)} %)`);
      }
    }
    expect(JSON.parse((await cli('plan', '--profile', profilePath, '--nodes', '12', '--memory', '64', '--json')).stdout).provenOptimal).toBe(true);
  });

  test('plan --nodes 2000 plans, --nodes 2001 is refused with the cap', async () => {
    const tiny = file('tiny.json', { model: 'tiny', inputBytes: 100, outputBytes: 10, blocks: [{ name: 'only', memoryBytes: MiB, flops: 1e6, outBytes: 10 }] });
    const ok = await cli('plan', '--profile', tiny, '--nodes', '2000', '--memory', '8', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).stages).toHaveLength(1);
    const refused = await cli('plan', '--profile', tiny, '--nodes', '2001', '--memory', '8');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--nodes .*2001.*<= 2000/);
  });

  test('plan --cluster refuses a file with more than 2000 nodes and a dispatcher before parsing it, and bad ids by field', async () => {
    const rows = Array.from({ length: 2002 }, () => '[]').join(',');
    const big = file('big.json', `{"nodes": [], "bandwidthMbps": [${rows}] , "broken": `);
    const refused = await cli('plan', '--profile', profilePath, '--cluster', big);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/more than 2001 rows in bandwidthMbps/);
    const markup = file('markup.json', { nodes: [{ id: '<b>n0</b>', memoryBytes: MiB, gflops: 1 }], bandwidthMbps: [[0]] });
    const bad = await cli('plan', '--profile', profilePath, '--cluster', markup);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cluster\.nodes\[0\]\.id contains the character U\+003C/);
  });

  test('a profile file of more than 16 MiB says on stderr that it is read, and a long chain plans (grouped) with progress', async () => {
    const blocks = Array.from({ length: 150_000 }, (_, i) => ({
      name: `block ${i} of a very long chain, named at some length, to make the file big`,
      memoryBytes: 2000 + (i % 7) * 100,
      flops: 1e5,
      outBytes: 1000 + (i % 17) * 100,
    }));
    const long = file('long.json', { model: 'long', inputBytes: 1000, outputBytes: 2600, blocks });
    const labels: string[] = [];
    let stdout = '';
    const io: CliIO = { out: (t) => void (stdout += t), err: () => undefined, progress: (label, f) => void labels.push(`${label} ${f}`) };
    // the planner's progress shows once the command has run for a second: reading this file and validating it take about that
    const code = await main(['plan', '--profile', long, '--nodes', '20', '--memory', '128', '--json'], io);
    expect(code).toBe(0);
    expect(labels[0]).toMatch(/^reading .*long\.json \(\d+ MiB\) 0$/);
    expect(labels).toContainEqual(expect.stringMatching(/^reading .* 1$/));
    const plan = JSON.parse(stdout);
    expect(plan.stages[0].firstBlock).toBe(0);
    expect(plan.stages[plan.stages.length - 1].lastBlock).toBe(149_999);
  });
});
