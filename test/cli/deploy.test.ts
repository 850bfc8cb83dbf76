/**
 * `seifer-lab deploy --kubernetes`: manifests for a 5-node plan are read back from the YAML files, validated again
 * with kubernetes-models, and their node pinning and memory figures checked against the plan.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli';

const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), 'seifer-deploy-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
// 10 blocks of 20 MiB on five machines of 45 MiB: two blocks per machine, so the plan uses all 5.
const profile = file('profile.json', {
  model: 'toy',
  inputBytes: 600_000,
  outputBytes: 4000,
  blocks: Array.from({ length: 10 }, (_, i) => ({ name: `b${i}`, memoryBytes: 20 * MiB, flops: 3e8, outBytes: i === 9 ? 4000 : 300_000 })),
});
const ids = ['pi-a', 'pi-b', 'pi-c', 'pi-d', 'pi-e'];
const cluster = file('cluster.json', {
  nodes: ids.map((id, i) => ({ id, memoryBytes: 45 * MiB, gflops: 2 + i })),
  bandwidthMbps: ids.map((_, i) => ids.map((__, j) => (i === j ? 0 : 10 + i + j))),
});

async function planFile(): Promise<{ path: string; stages: { node: string; firstBlock: number; lastBlock: number; memoryBytes: number }[] }> {
  const planned = await runCli('plan', '--profile', profile, '--cluster', cluster, '--json');
  expect(planned.code).toBe(0);
  const report = JSON.parse(planned.stdout);
  return { path: file('plan.json', report), stages: report.stages };
}

function readBack(out: string) {
  return Object.fromEntries(readdirSync(out).map((name) => [name, parse(readFileSync(join(out, name), 'utf8'))]));
}

describe('seifer-lab deploy --kubernetes', () => {
  test('a 5-node plan gives valid manifests: each stage pinned to its machine with memory from its stage memory', async () => {
    const { path, stages } = await planFile();
    expect(stages).toHaveLength(5);
    const map = file('map.json', { [stages[0].node]: 'kitchen-pi', [stages[3].node]: 'garage.pi' });
    const out = join(dir, 'manifests');
    const result = await runCli('deploy', '--kubernetes', '--plan', path, '--out', out, '--node-map', map, '--image', 'registry.local:5000/seifer-lab:0.1.0', '--namespace', 'lab');
    expect(result.code, result.stderr).toBe(0);
    const files = readBack(out);
    expect(Object.keys(files).sort()).toEqual([
      '00-namespace.yaml',
      '01-session-secret.yaml',
      '02-server-deployment.yaml',
      '03-server-service.yaml',
      '10-seifer-stage-0.yaml',
      '11-seifer-stage-1.yaml',
      '12-seifer-stage-2.yaml',
      '13-seifer-stage-3.yaml',
      '14-seifer-stage-4.yaml',
    ]);
    new Namespace(files['00-namespace.yaml']).validate();
    new Secret(files['01-session-secret.yaml']).validate();
    new Deployment(files['02-server-deployment.yaml']).validate();
    new Service(files['03-server-service.yaml']).validate();
    expect(files['00-namespace.yaml'].metadata.name).toBe('lab');
    expect(files['01-session-secret.yaml'].stringData.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const server = files['02-server-deployment.yaml'].spec.template.spec.containers[0];
    expect(server.args).toEqual(['serve', '--host', '0.0.0.0', '--port', '8080']);
    expect(server.env[0]).toEqual({ name: 'SEIFER_SESSION_CODE', valueFrom: { secretKeyRef: { name: 'seifer-lab-session', key: 'code' } } });
    expect(files['03-server-service.yaml'].spec.selector).toEqual(files['02-server-deployment.yaml'].spec.template.metadata.labels);

    const expectedHost = (node: string) => (node === stages[0].node ? 'kitchen-pi' : node === stages[3].node ? 'garage.pi' : node);
    stages.forEach((stage, i) => {
      const manifest = files[`1${i}-seifer-stage-${i}.yaml`];
      new Deployment(manifest).validate();
      const pod = manifest.spec.template.spec;
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': expectedHost(stage.node) });
      const container = pod.containers[0];
      expect(container.image).toBe('registry.local:5000/seifer-lab:0.1.0');
      expect(container.args).toEqual(['node', '--join', 'http://seifer-lab-server.lab.svc.cluster.local:8080/#join=$(SEIFER_SESSION_CODE)', '--name', stage.node]);
      // the documented margin: request = 1.25 x stage memory + 192 MiB, limit = 1.5 x stage memory + 256 MiB
      expect(container.resources.requests.memory).toBe(`${Math.ceil((stage.memoryBytes * 1.25) / MiB + 192)}Mi`);
      expect(container.resources.limits.memory).toBe(`${Math.ceil((stage.memoryBytes * 1.5) / MiB + 256)}Mi`);
      expect(manifest.metadata.annotations['seifer-lab/blocks']).toBe(`${stage.firstBlock}-${stage.lastBlock}`);
    });
    // two 20 MiB blocks per stage: 50 MiB + 192 MiB requested, 60 MiB + 256 MiB limit
    expect(files['10-seifer-stage-0.yaml'].spec.template.spec.containers[0].resources).toEqual({ requests: { memory: '242Mi' }, limits: { memory: '316Mi' } });
    expect(result.stdout).toContain(`kubectl apply -f ${out}`);
  });

  test('--model with --cluster plans with best first, the same stages as seifer-lab plan', async () => {
    const tinyCluster = file('tiny.json', {
      nodes: ['a', 'b', 'c'].map((id) => ({ id, memoryBytes: 64 * MiB, gflops: 5 })),
      bandwidthMbps: [
        [0, 10, 20],
        [10, 0, 30],
        [20, 30, 0],
      ],
    });
    const planned = JSON.parse((await runCli('plan', '--model', 'tiny-cnn', '--cluster', tinyCluster, '--json')).stdout);
    const out = join(dir, 'tiny');
    const result = await runCli('deploy', '--kubernetes', '--model', 'tiny-cnn', '--cluster', tinyCluster, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const stageFiles = readdirSync(out).filter((name) => name.includes('seifer-stage'));
    expect(stageFiles).toHaveLength(planned.stages.length);
    const first = parse(readFileSync(join(out, stageFiles[0]), 'utf8'));
    expect(first.spec.template.spec.nodeSelector['kubernetes.io/hostname']).toBe(planned.stages[0].node);
    expect(first.spec.template.spec.containers[0].image).toBe('seifer-lab:0.1.0');
  });

  test('bad inputs give clear errors: missing plan fields, unknown ids in the map, a foreign --out folder, a missing target', async () => {
    const { stages } = await planFile();
    const noMemory = file('no-memory.json', { stages: stages.map((s, i) => (i === 2 ? { ...s, memoryBytes: undefined } : s)) });
    const run = (...argv: string[]) => runCli('deploy', '--kubernetes', '--out', join(dir, 'bad'), ...argv);
    const missing = await run('--plan', noMemory);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The plan is not usable: stages[2].memoryBytes must be a number of bytes >= 0');
    const gap = await run('--plan', file('gap.json', { stages: [stages[0], stages[2]] }));
    expect(gap.stderr).toContain(`stages[1].firstBlock is ${stages[2].firstBlock}..${stages[2].lastBlock}, expected a block range starting at ${stages[0].lastBlock + 1}`);
    const infeasible = await run('--plan', file('infeasible.json', { error: 'infeasible', reason: 'no node can hold block 3' }));
    expect(infeasible.stderr).toContain("error is 'infeasible': the planner found no plan (no node can hold block 3)");
    const plan = file('plan-ok.json', { stages });
    const unknown = await run('--plan', plan, '--node-map', file('unknown.json', { 'pi-zz': 'other' }));
    expect(unknown.stderr).toContain("The node map is not usable: it maps 'pi-zz', which is no node of the plan");
    const badName = await run('--plan', plan, '--node-map', file('bad-name.json', { [stages[0].node]: 'Kitchen Pi' }));
    expect(badName.stderr).toContain('which is not a Kubernetes node name');
    const twice = await run('--plan', plan, '--node-map', file('twice.json', { [stages[0].node]: 'one', [stages[1].node]: 'one' }));
    expect(twice.stderr).toContain("both map to Kubernetes node 'one'");
    const folder = join(dir, 'foreign');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const foreign = await runCli('deploy', '--kubernetes', '--plan', plan, '--out', folder);
    expect(foreign.stderr).toContain('(it holds notes.txt)');
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await runCli('deploy', '--plan', plan, '--out', folder)).stderr).toContain('Name the target: --kubernetes');
    expect((await run('--plan', plan, '--model', 'tiny-cnn')).stderr).toContain('either --plan or --model/--profile with --cluster, not both');
    expect((await run('--plan', plan, '--namespace', 'Lab_1')).stderr).toContain("Option --namespace has the value 'Lab_1'");
  });

  test('a second run into the same folder replaces the manifests of the first, leaving no stale stage', async () => {
    const { stages } = await planFile();
    const out = join(dir, 'again');
    expect((await runCli('deploy', '--kubernetes', '--plan', file('five.json', { stages }), '--out', out)).code).toBe(0);
    const merged = [{ ...stages[0], lastBlock: 9 }];
    expect((await runCli('deploy', '--kubernetes', '--plan', file('one.json', { stages: merged }), '--out', out)).code).toBe(0);
    expect(readdirSync(out).filter((name) => name.includes('seifer-stage'))).toEqual(['10-seifer-stage-0.yaml']);
  });
});
