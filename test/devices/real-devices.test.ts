/**
 * Real devices on one machine, no browser: the real lab server on 127.0.0.1, a HostSession in this process and three
 * `seifer-lab node --join` processes. They are measured, ppocr-cls is planned on the measured cluster and streamed
 * with RunLoop on the host's backend, every result checked against the whole model; one node process is killed
 * (SIGKILL) mid-run, and the dispatcher finds out by itself, re-plans, redeploys and resends: lost 0, duplicated 0.
 * Then the direct path: two node processes with --direct 127.0.0.1 (WebRTC through node-datachannel, candidates on
 * loopback only) open a data channel, and the stage-to-stage tensors take it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HostSession } from '../../src/devices/host-session';
import type { SocketLike } from '../../src/devices/types';
import { scenarioFromCluster } from '../../src/emulator/cluster-file';
import { deployBytesOf } from '../../src/emulator/deploy-size';
import { RunLoop } from '../../src/emulator/run-loop';
import { analyzeModel, decodeModel, toProfile, type TensorValue } from '../../src/model/index';
import { realClock } from '../../src/netsim/clock';
import { expectedOutputs, pooledInputs } from '../../src/workers/run-real';
import { StageCache } from '../../src/workers/stage-cache';
import { startTestServer } from '../helpers/session-client';

const root = fileURLToPath(new URL('../..', import.meta.url));
const socket = (url: string) => new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike;
const children: ChildProcess[] = [];
const cleanups: (() => unknown)[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function startNode(joinUrl: string, name: string, ...extra: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['bin/seifer-lab.js', 'node', '--join', joinUrl, '--name', name, ...extra], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let text = '';
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { child, stderr: () => text };
}

async function until(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('real devices: HostSession with seifer-lab node processes', () => {
  it('measures, plans ppocr-cls on the measured cluster, streams verified results and recovers from a killed node process', { timeout: 180_000 }, async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const host = await HostSession.open(server.httpUrl, { socket, seed: 1 });
    cleanups.push(() => host.close());
    expect(host.joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#join=/);

    const nodes = ['pi-a', 'pi-b', 'pi-c'].map((name) => ({ name, ...startNode(host.joinUrl, name) }));
    await until('three members', () => host.members().length === 3, 60_000);
    expect(
      host
        .members()
        .map((m) => [m.label, m.kind])
        .sort(),
    ).toEqual([
      ['pi-a', 'node'],
      ['pi-b', 'node'],
      ['pi-c', 'node'],
    ]);

    const modelBytes = new Uint8Array(readFileSync(`${root}/public/models/ppocr-cls.onnx`));
    const analysis = await analyzeModel(decodeModel(modelBytes, 'ppocr-cls'), { name: 'ppocr-cls', inputShape: [1, 3, 48, 192] });
    const profile = toProfile(analysis);
    const progress: number[] = [];
    // the three processes share this machine's cores: calibrated together, each gets the speed it has while all compute
    await host.measure(modelBytes, profile, (done, total) => progress.push(done / total), { analysis, repetitions: 3, probeRounds: 3, together: true });
    expect(progress.at(-1)).toBe(1);

    const speeds = host.speeds();
    expect(speeds).toHaveLength(3);
    for (const s of speeds) {
      expect(s.msPerBlock).toHaveLength(profile.blocks.length);
      expect(s.gflops).toBeGreaterThan(0.01);
      expect(s.spreadPct).toBeGreaterThanOrEqual(0);
    }
    const links = host.links();
    expect(links).toHaveLength(12); // 4 ends, both ways
    for (const l of links) {
      expect(l.bandwidthBytesPerSec).toBeGreaterThan(1e5);
      expect(l.latencyMs).toBeGreaterThan(0);
      expect(l.path).toBe('relay');
    }
    const cluster = host.cluster();
    expect(cluster.nodes.map((n) => n.id).sort()).toEqual([...host.members().map((m) => m.id), 'dispatcher'].sort());

    const scenario = scenarioFromCluster(cluster, { bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 });
    const inputs = pooledInputs(analysis, 4, 1);
    const expected = await expectedOutputs(modelBytes, analysis, inputs);
    const stages = new StageCache(analysis);
    const labelOf = new Map(host.members().map((m) => [m.id, m.label]));
    const backend = host.backend({
      stages: { model: async (a, b) => stages.get(a, b).bytes.slice() },
      inputs: inputs as TensorValue[][],
      expected,
      verifyEvery: 1,
      kill: (member) => nodes.find((n) => n.name === labelOf.get(member))?.child.kill('SIGKILL'),
    });
    // heartbeats over a relay on a 2-core machine that also runs the browser suite: a member is dead after 5 s of silence,
    // a margin for load; the killed one is seen sooner, as the server refuses sends to it
    const run = new RunLoop({ scenario, backend, profile, seed: 1, heartbeatMs: 500, missedHeartbeats: 10, deployBytes: deployBytesOf(analysis.blocks.map((b) => b.paramBytes)) });
    let verified = 0;
    const errors: string[] = [];
    let killed = '';
    let scheduled = false;
    run.on((e) => {
      if (e.kind === 'error') errors.push(e.message);
      if (e.kind === 'result' && e.mismatch !== undefined) verified++;
      if (e.kind === 'plan' && !scheduled) {
        scheduled = true;
        run.clock.schedule(run.clock.nowMs() + 6000, () => {
          // the last stage of the plan running now (drift may have moved the pipeline since the first plan)
          killed = run.plans.at(-1)!.stages.at(-1)!.node;
          run.inject({ kind: 'kill', node: killed, atSec: 6 });
        });
      }
    });
    const report = await run.runFor(22, (atMs) => new Promise((resolve) => realClock.schedule(atMs, resolve)), 30);
    const traffic = host.traffic();
    backend.dispose();
    if (report.pending > 0) console.log(JSON.stringify({ ...report, plan: undefined }, null, 1));

    expect(errors).toEqual([]);
    expect(verified).toBeGreaterThan(20);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.pending).toBe(0);
    expect(report.completed).toBeGreaterThan(20);
    const fault = report.faults.find((f) => f.kind === 'kill');
    // every phase of the recovery was timed (22 s leaves a loaded machine room for the whole recovery after the kill at 6 s)
    expect(fault?.node).toBe(killed);
    expect(fault?.detectMs).not.toBeNull();
    expect(fault?.replanMs).not.toBeNull();
    expect(fault?.redeployMs).not.toBeNull();
    expect(fault?.firstResultMs).not.toBeNull();
    expect(report.plans.length).toBeGreaterThan(1);
    expect(report.plans.at(-1)!.stages.every((s) => s.node !== killed)).toBe(true);
    // every hop of the last plan carried data, through the relay, and said how fast
    const last = report.plans.at(-1)!.stages.map((st) => st.node);
    for (const [from, to] of [['host', last[0]], ...last.map((n, i) => [n, last[i + 1] ?? 'host'])]) {
      const hop = traffic.find((t) => t.from === from && t.to === to);
      expect(hop?.bytes, `${from}->${to}`).toBeGreaterThan(0);
      expect(hop?.transferBytesPerSec).toBeGreaterThan(0);
      expect(hop?.path).toBe('relay');
    }
    const victim = nodes.find((n) => n.name === labelOf.get(killed))!;
    expect(victim.child.signalCode).toBe('SIGKILL');
    // the figures, for the person reading the test output (nothing depends on them being fast: the machine is shared)
    console.log(
      [
        ...speeds.map((sp) => `${sp.id}: ${sp.gflops.toFixed(2)} GFLOPS (spread ${sp.spreadPct.toFixed(0)} %)`),
        ...links.map((l) => `${l.from}->${l.to} probed ${(l.bandwidthBytesPerSec / 1e6).toFixed(1)} MB/s, ${l.latencyMs.toFixed(2)} ms (${l.path})`),
        ...traffic.map((t) => `${t.from}->${t.to} carried ${(t.bytes / 1e6).toFixed(1)} MB, per message ${((t.transferBytesPerSec ?? 0) / 1e6).toFixed(1)} MB/s (${t.path})`),
        `completed ${report.completed}, measured ${report.measuredThroughput.toFixed(1)}/s, predicted ${report.predictedThroughput?.toFixed(1)}/s`,
        `kill ${killed}: detect ${fault?.detectMs} ms (${fault?.detectedBy}), replan ${fault?.replanMs} ms, redeploy ${fault?.redeployMs} ms, first result ${fault?.firstResultMs} ms`,
      ].join('\n'),
    );

    // the survivors leave cleanly on SIGTERM
    const survivors = nodes.filter((n) => n !== victim);
    for (const n of survivors) n.child.kill('SIGTERM');
    await until('the survivors to exit', () => survivors.every((n) => n.child.exitCode !== null), 20_000);
    expect(survivors.map((n) => n.child.exitCode)).toEqual([0, 0]);
    expect(survivors[0].stderr()).toMatch(/joined as m\d/);
  });

  it('two node processes with --direct 127.0.0.1 measure their link as direct and send stage-to-stage tensors over it', { timeout: 120_000 }, async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const host = await HostSession.open(server.httpUrl, { socket, seed: 2 });
    cleanups.push(() => host.close());
    const nodes = ['near-a', 'near-b'].map((name) => ({ name, ...startNode(host.joinUrl, name, '--direct', '127.0.0.1') }));
    await until('two members', () => host.members().length === 2, 60_000);

    const modelBytes = new Uint8Array(readFileSync(`${root}/public/models/ppocr-cls.onnx`));
    const analysis = await analyzeModel(decodeModel(modelBytes, 'ppocr-cls'), { name: 'ppocr-cls', inputShape: [1, 3, 48, 192] });
    const profile = toProfile(analysis);
    await host.measure(modelBytes, profile, undefined, { analysis, repetitions: 2, probeRounds: 2 });
    const [a, b] = host.members().map((m) => m.id);
    const between = host.links().filter((l) => l.from !== 'host' && l.to !== 'host');
    expect(between.map((l) => `${l.from}->${l.to} ${l.path}`).sort()).toEqual([`${a}->${b} direct`, `${b}->${a} direct`]);
    expect(
      host
        .links()
        .filter((l) => l.from === 'host' || l.to === 'host')
        .every((l) => l.path === 'relay'),
    ).toBe(true);

    // neither device may hold the whole model: the plan has to use both, so tensors cross the direct link
    const cluster = host.cluster();
    const modelMemory = profile.blocks.reduce((sum, block) => sum + block.memoryBytes, 0);
    for (const n of cluster.nodes) if (n.id !== 'dispatcher') n.memoryBytes = Math.ceil(modelMemory * 0.7);
    const scenario = scenarioFromCluster(cluster, { bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 });
    const inputs = pooledInputs(analysis, 2, 2) as TensorValue[][];
    const stages = new StageCache(analysis);
    const backend = host.backend({ stages: { model: async (x, y) => stages.get(x, y).bytes.slice() }, inputs, expected: await expectedOutputs(modelBytes, analysis, inputs), verifyEvery: 1 });
    const run = new RunLoop({ scenario, backend, profile, seed: 2, heartbeatMs: 500, missedHeartbeats: 10, deployBytes: deployBytesOf(analysis.blocks.map((bl) => bl.paramBytes)) });
    const errors: string[] = [];
    let verified = 0;
    run.on((e) => {
      if (e.kind === 'error') errors.push(e.message);
      if (e.kind === 'result' && e.mismatch !== undefined) verified++;
    });
    const report = await run.runFor(5, (atMs) => new Promise((resolve) => realClock.schedule(atMs, resolve)), 20);
    const traffic = host.traffic();
    expect(errors).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(verified).toBeGreaterThan(10);
    const plan = report.plans.at(-1)!.stages.map((st) => st.node);
    expect(plan).toHaveLength(2);
    const hop = traffic.find((t) => t.from === plan[0] && t.to === plan[1]);
    expect(hop?.path).toBe('direct');
    expect(hop?.bytes).toBeGreaterThan(0);
    for (const n of nodes) n.child.kill('SIGTERM');
    await until('the nodes to exit', () => nodes.every((n) => n.child.exitCode !== null), 20_000);
    expect(nodes.map((n) => n.child.exitCode)).toEqual([0, 0]);
  });
});
