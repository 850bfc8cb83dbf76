import { describe, expect, it } from 'vitest';
import type { ClusterFile } from '../../src/emulator/cluster-file';
import { isMeasuredCluster, measuredScenario, memberRows, needsServeMessage, readHostLink, sessionUrlOf, sortedLinks } from '../../src/ui/lab/devices-host';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { deviceLabel } from '../../src/ui/member/device-label';
import { headline, pathRows, ResultRate } from '../../src/ui/member/member-view';
import { readScenarioFields } from '../../src/ui/lab/scenario-fields';

const measured: ClusterFile = {
  nodes: [
    { id: 'm1', memoryBytes: 4 * 2 ** 30, gflops: 2.5 },
    { id: 'm2', memoryBytes: 2 * 2 ** 30, gflops: 1.25 },
    { id: 'dispatcher', memoryBytes: 0, gflops: 1 },
  ],
  bandwidthMbps: [
    [0, 80, 40],
    [70, 0, 30],
    [45, 35, 0],
  ],
  latencyMs: [
    [0, 2, 3],
    [2, 0, 4],
    [3, 4, 0],
  ],
  dispatcher: 'dispatcher',
};

describe('the host page of a real-devices session', () => {
  it('finds the session service on the server the page came from, and says a file page has none', () => {
    expect(sessionUrlOf('http://10.0.0.5:8080/#mode=devices')).toEqual({ ok: true, url: 'ws://10.0.0.5:8080/session' });
    expect(sessionUrlOf('https://lab.example/sub/')).toEqual({ ok: true, url: 'wss://lab.example/session' });
    const file = sessionUrlOf('file:///home/me/dist/index.html');
    expect(file.ok).toBe(false);
    expect(needsServeMessage(file.ok ? '' : file.why)).toMatch(/^Real devices need the lab server: run "npx seifer-lab serve".*file/);
  });

  it('reads the host link serve prints, and nothing else', () => {
    expect(readHostLink('#session=7qk2-m9xd-4hrt-0bwe&host=abcdefghijklmnopqrstuv')).toEqual({ code: '7QK2-M9XD-4HRT-0BWE', token: 'abcdefghijklmnopqrstuv' });
    expect(readHostLink('#session=7QK2M9XD4HRT0BWE&host=short')).toBeNull();
    expect(readHostLink('#session=nope&host=abcdefghijklmnopqrstuv')).toBeNull();
    expect(readHostLink('#model=ppocr-cls&mode=devices')).toBeNull();
  });

  it('turns the measured cluster into the lab scenario the run plans on, keeping the run settings', () => {
    const base = { ...defaultScenario(), algorithm: 'kpath' as const, seed: 7 };
    const scenario = measuredScenario(base, measured);
    expect(scenario.mode).toBe('devices');
    expect(scenario.algorithm).toBe('kpath');
    expect(scenario.seed).toBe(7);
    expect(scenario.nodes.map((n) => [n.id, n.gflops])).toEqual([
      ['m1', 2.5],
      ['m2', 1.25],
    ]);
    expect(scenario.links[0][1].bandwidthMbps).toBe(80);
    expect(scenario.links[1][2].latencyMs).toBe(4);
    expect(isMeasuredCluster(scenario, measured)).toBe(true);
    expect(isMeasuredCluster(base, measured)).toBe(false);
    expect(isMeasuredCluster({ ...scenario, nodes: [{ ...scenario.nodes[0], gflops: 9 }, scenario.nodes[1]] }, measured)).toBe(false);
    expect(isMeasuredCluster(scenario, null)).toBe(false);
  });

  it('a link may say mode=devices, and no more devices than a session holds', () => {
    const read = readScenarioFields((key) => ({ mode: 'devices' })[key], defaultScenario());
    expect(read.dropped).toEqual([]);
    expect(read.scenario.mode).toBe('devices');
  });

  it('lists members with their measured speed, and links host first in member order', () => {
    const info = { label: 'Android phone, Chrome', kind: 'browser' as const, cores: 8, memoryBytes: 4 * 2 ** 30, state: 'ready' as const };
    const rows = memberRows(
      [
        { id: 'm1', ...info },
        { id: 'm2', ...info },
      ],
      [{ id: 'm2', msPerBlock: [1, 2], gflops: 3, spreadPct: 4 }],
    );
    expect(rows.map((r) => r.speed?.gflops ?? null)).toEqual([null, 3]);
    const link = { bandwidthBytesPerSec: 1e6, latencyMs: 1, spreadPct: 2, path: 'direct' as const };
    const order = sortedLinks([
      { from: 'm10', to: 'm2', ...link },
      { from: 'm2', to: 'm10', ...link },
      { from: 'host', to: 'm2', ...link },
      { from: 'm2', to: 'm1', ...link },
    ]).map((l) => `${l.from}>${l.to}`);
    expect(order).toEqual(['host>m2', 'm2>m1', 'm2>m10', 'm10>m2']);
  });
});

describe('the member page', () => {
  it('names the device from its user agent', () => {
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36')).toBe('Android phone, Chrome');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')).toBe('iPhone, Safari');
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36')).toBe('Linux computer, headless Chromium');
    expect(deviceLabel('')).toBe('device, browser');
  });

  it('says which node it is and which stage it serves', () => {
    const state = { nodeId: 'm3', stage: { index: 1, firstBlock: 20, lastBlock: 35 }, busyShare: 0.4, results: 12, paths: {}, status: 'serving' as const };
    expect(headline(state, 'ABCD')).toBe('You are node m3: stage 2, blocks 20-35');
    expect(headline({ ...state, status: 'idle', stage: null }, 'ABCD')).toMatch(/^You are node m3\. Waiting/);
    expect(headline({ ...state, status: 'joining', nodeId: null }, 'ABCD')).toBe('Joining session ABCD…');
    expect(headline({ ...state, status: 'error', error: 'the session ended' }, 'ABCD')).toBe('This device could not stay in the session: the session ended');
    expect(headline({ ...state, nodeId: null, status: 'error', error: 'no such session' }, 'ABCD')).toBe('This device could not join the session: no such session');
    expect(pathRows({ m10: 'relay', m2: 'direct', host: 'relay' }).map((r) => r.peer)).toEqual(['host', 'm2', 'm10']);
  });

  it('gives results per second over a sliding window', () => {
    const rate = new ResultRate(5000);
    expect(rate.push(0, 0)).toBe(0);
    expect(rate.push(10, 1000)).toBeCloseTo(10);
    expect(rate.push(20, 2000)).toBeCloseTo(10);
    for (let t = 3000; t <= 10_000; t += 1000) rate.push(20 + (t - 2000) / 100, t);
    expect(rate.push(110, 11_000)).toBeCloseTo(10);
  });
});
