import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('seifer-lab emulate', () => {
  it('--virtual reports the promised fields, with throughput as predicted', async () => {
    const { code, stdout } = await runCli('emulate', '--model', 'tiny-cnn', '--nodes', '4', '--memory', '1', '--gflops', '0.05', '--duration', '20', '--virtual', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['predictedThroughput', 'measuredThroughput', 'requests', 'completed', 'lost', 'duplicated', 'latencyMs', 'faults', 'hostBound']));
    expect(r.measuredThroughput / r.predictedThroughput).toBeCloseTo(1, 2);
    expect([r.lost, r.duplicated]).toEqual([0, 0]);
  });

  it('pauses when a kill leaves too little memory and resumes on --revive', async () => {
    // the tiny CNN needs about 0.51 MB: 3 nodes of 0.2 MB hold it, 2 do not
    const { stdout } = await runCli(
      'emulate',
      '--model',
      'tiny-cnn',
      '--nodes',
      '3',
      '--memory',
      '0.2',
      '--gflops',
      '0.05',
      '--duration',
      '20',
      '--virtual',
      '--kill',
      'n2@5',
      '--revive',
      'n2@12',
      '--json',
    );
    const r = JSON.parse(stdout);
    expect(r.faults.map((f: { kind: string; outcome: string }) => `${f.kind}:${f.outcome}`)).toEqual(['kill:paused', 'revive:replanned']);
    expect([r.lost, r.duplicated, r.finalPhase]).toEqual([0, 0, 'running']);
  });

  it('rejects a fault on a node that does not exist', async () => {
    const { code, stderr } = await runCli('emulate', '--model', 'tiny-cnn', '--nodes', '3', '--memory', '1', '--virtual', '--kill', 'n9@5');
    expect(code).toBe(1);
    expect(stderr).toMatch(/--kill has the value 'n9', expected a node of the cluster \(n1, n2, n3\)/);
  });
});

describe('seifer-lab emulate and plan on the same cluster', () => {
  it('the same --nodes/--memory/--gflops/--seed give the same node ids and the same first plan in both commands', async () => {
    const flags = ['--model', 'ppocr-cls', '--nodes', '6', '--memory', '3', '--gflops', '0.5', '--seed', '11'];
    const plan = JSON.parse((await runCli('plan', ...flags, '--json')).stdout);
    const emulate = JSON.parse((await runCli('emulate', ...flags, '--virtual', '--duration', '5', '--json')).stdout);
    expect(plan.stages.length).toBeGreaterThan(1);
    expect(emulate.plans[0].stages).toEqual(plan.stages.map((s: { node: string; firstBlock: number; lastBlock: number }) => ({ node: s.node, firstBlock: s.firstBlock, lastBlock: s.lastBlock })));
    expect(plan.hops.map((h: { from: string }) => h.from)).toContain('dispatcher');
  });

  it('a cluster file as the page exports it works with --cluster in both commands', async () => {
    const { clusterFile } = await import('../../src/emulator/cluster-file');
    const { scenarioFromFlags } = await import('../../src/emulator/cluster-builder');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'seifer-cluster-')), 'cluster.json');
    writeFileSync(path, JSON.stringify(clusterFile(scenarioFromFlags({ nodes: 5, memoryBytes: 3 * 2 ** 20, gflops: 0.5, seed: 4 }))));
    const plan = JSON.parse((await runCli('plan', '--model', 'ppocr-cls', '--cluster', path, '--json')).stdout);
    const emulate = JSON.parse((await runCli('emulate', '--model', 'ppocr-cls', '--cluster', path, '--virtual', '--duration', '5', '--json')).stdout);
    expect(emulate.plans[0].stages.map((s: { node: string }) => s.node)).toEqual(plan.stages.map((s: { node: string }) => s.node));
  });
});

describe('seifer-lab emulate refusals and held requests', () => {
  it('refuses a cluster that can never hold the model with the reason plan gives (exit 2)', async () => {
    const flags = ['--model', 'ppocr-cls', '--nodes', '5', '--memory', '0.01', '--gflops', '1'];
    const plan = await runCli('plan', ...flags);
    const emulate = await runCli('emulate', ...flags, '--virtual');
    expect([plan.code, emulate.code]).toEqual([2, 2]);
    const reason = (text: string) => /infeasible: (.*)$/m.exec(text)?.[1];
    expect(reason(emulate.stderr)).toBe(reason(plan.stderr));
  });

  it('a run that ends paused reports its held requests as pending, never as lost', async () => {
    const { stdout } = await runCli(
      'emulate',
      '--model',
      'tiny-cnn',
      '--nodes',
      '3',
      '--memory',
      '0.2',
      '--gflops',
      '0.05',
      '--bandwidth',
      '100',
      '--duration',
      '10',
      '--virtual',
      '--kill',
      'n1@3',
      '--kill',
      'n2@3',
      '--kill',
      'n3@3',
      '--json',
    );
    const r = JSON.parse(stdout);
    expect(r.finalPhase).toBe('paused');
    expect(r.pauseReason).toBe('Every node is down (n1, n2, n3): requests are held until a node comes back.');
    expect(r.lost).toBe(0);
    expect(r.pending).toBeGreaterThan(0);
    expect(r.pending).toBe(r.requests - r.completed);
  });

  it('warns about a fault scheduled after the end of the run', async () => {
    const { code, stderr } = await runCli('emulate', '--model', 'tiny-cnn', '--nodes', '3', '--memory', '1', '--virtual', '--duration', '5', '--kill', 'n1@50');
    expect(code).toBe(0);
    expect(stderr).toMatch(/the kill at 50 s comes after the end of the run \(5 s\) and will not happen/);
  });
});

describe('seifer-lab emulate re-plans as it should', () => {
  it('keeps kpath after two kills: every plan in the JSON says kpath', async () => {
    const base = ['--model', 'ppocr-cls', '--nodes', '8', '--memory', '2', '--gflops', '0.5', '--seed', '3', '--algorithm', 'kpath', '--virtual', '--duration', '30', '--json'];
    const first = JSON.parse((await runCli('emulate', ...base)).stdout);
    const [a, b] = first.plans[0].stages.map((s: { node: string }) => s.node);
    const r = JSON.parse((await runCli('emulate', ...base, '--kill', `${a}@10`, '--kill', `${b}@20`)).stdout);
    expect(r.plans.length).toBeGreaterThanOrEqual(3);
    for (const p of r.plans) expect(p).toMatchObject({ algorithm: 'kpath', objective: 'full' });
    expect(Object.keys(r.plans[0]).sort()).toEqual(['algorithm', 'atSec', 'bottleneckMs', 'objective', 'stages']);
    expect([r.lost, r.duplicated]).toEqual([0, 0]);
  });

  it('notices a slowed CPU and a degraded link from measurements (detection > 0, a re-plan); without adapting, the throughput is lower', async () => {
    const base = ['--model', 'ppocr-cls', '--nodes', '6', '--memory', '3', '--gflops', '0.5', '--bandwidth', '20', '--seed', '2', '--virtual', '--duration', '40', '--json'];
    const first = JSON.parse((await runCli('emulate', ...base)).stdout);
    const [a, b] = first.plans[0].stages.map((s: { node: string }) => s.node);
    const slow = JSON.parse((await runCli('emulate', ...base, '--slow', `${a}@10:10`)).stdout);
    const fault = slow.faults.find((f: { kind: string }) => f.kind === 'slow');
    expect(fault.detectMs).toBeGreaterThan(0);
    expect(fault.outcome).toBe('replanned');
    const fixed = JSON.parse((await runCli('emulate', ...base, '--slow', `${a}@10:10`, '--no-adapt')).stdout);
    expect(fixed.faults[0].outcome).toBe('unnoticed');
    expect(fixed.completed).toBeLessThan(slow.completed);
    // eight times slower: the link becomes the bottleneck but still carries traffic (no stall), so only measurement can tell
    const degradeFlags = ['--degrade', `${a}-${b ?? 'dispatcher'}@10:8`];
    const degrade = JSON.parse((await runCli('emulate', ...base, ...degradeFlags)).stdout);
    const d = degrade.faults.find((f: { kind: string }) => f.kind === 'degrade');
    expect(d.detectMs).toBeGreaterThan(0);
    expect(d.detectedBy).toBe('measured');
    expect(d.outcome).toBe('replanned');
    const kept = JSON.parse((await runCli('emulate', ...base, ...degradeFlags, '--no-adapt')).stdout);
    expect(kept.faults[0].outcome).toBe('unnoticed');
    expect(kept.completed).toBeLessThan(degrade.completed);
  });
});
