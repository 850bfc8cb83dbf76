/** From measurements to the planner's figures: medians and spreads, GFLOPS from block times, links from probes, the cluster file. */
import { describe, expect, it } from 'vitest';
import { checkCalibrated, checkReport, MAX_WHOLE_RUNS } from '../../src/devices/device-protocol';
import { DEFAULT_MEMORY_BYTES, measuredCluster, measuredLink, memberSpeed } from '../../src/devices/measure';
import type { MeasuredLink, MemberInfo, MemberSpeed } from '../../src/devices/types';
import { validateClusterFile } from '../../src/emulator/cluster-file';

describe('memberSpeed', () => {
  it('takes each block’s median over the repetitions, GFLOPS from their sum, spread of the whole runs', () => {
    // 3 reps of 2 blocks; the middle run had a hiccup in block 0
    const speed = memberSpeed(
      'm1',
      [
        [10, 5],
        [30, 5],
        [10, 6],
      ],
      3e8,
    );
    expect(speed.msPerBlock).toEqual([10, 5]);
    expect(speed.gflops).toBeCloseTo(3e8 / (15 * 1e6), 9); // 20 GFLOPS
    expect(speed.spreadPct).toBeCloseTo(((35 - 15) / 16) * 100, 6);
  });
});

describe('memberSpeed with the whole chain timed', () => {
  it('takes GFLOPS from the median whole-chain run, not the sum of the blocks (each block run pays a fixed cost)', () => {
    // 2 blocks of 10 ms and 5 ms one by one; the whole chain as one model takes 12 ms (3 ms of per-run cost saved)
    const speed = memberSpeed('m1', [[10, 5]], 3e8, [12, 40, 12, 11, 13]);
    expect(speed.msPerBlock).toEqual([10, 5]);
    expect(speed.gflops).toBeCloseTo(3e8 / (12 * 1e6), 9); // 25 GFLOPS
    expect(speed.spreadPct).toBeCloseTo(((40 - 11) / 12) * 100, 6);
  });
});

describe('measuredLink', () => {
  it('latency is half the fastest small round trip; bandwidth is the large probe’s bytes over its extra time', () => {
    const link = measuredLink('m1', 'm2', [2.2, 2, 9], [12, 12, 14], 1_000_000, 'direct');
    expect(link.latencyMs).toBeCloseTo(1, 9);
    expect(link.bandwidthBytesPerSec).toBeCloseTo(1e8, 0); // 1 MB in 10 ms
    expect(link.spreadPct).toBeGreaterThan(0);
    expect(link.path).toBe('direct');
  });

  it('a large probe no slower than a small one is planned at a finite, very high rate', () => {
    const link = measuredLink('host', 'm1', [1, 1, 1], [1, 1, 1], 1000, 'relay');
    expect(Number.isFinite(link.bandwidthBytesPerSec)).toBe(true);
  });
});

describe('measuredCluster', () => {
  const member = (id: string, state: MemberInfo['state'] = 'ready', memoryBytes: number | null = 4e9): MemberInfo => ({ id, label: id, kind: 'node', cores: 4, memoryBytes, state });
  const speed = (id: string, gflops: number): MemberSpeed => ({ id, msPerBlock: [1], gflops, spreadPct: 0 });
  const links = (ids: string[]) => {
    const map = new Map<string, MeasuredLink>();
    for (const a of ids) for (const b of ids) if (a !== b) map.set(`${a}->${b}`, { from: a, to: b, bandwidthBytesPerSec: 1.25e6, latencyMs: 2, spreadPct: 0, path: 'relay' });
    return map;
  };

  it('makes a valid cluster file: ready members, the host as the dispatcher, Mbit/s from bytes/s, a memory default', () => {
    const speeds = new Map([
      ['m1', speed('m1', 2)],
      ['m3', speed('m3', 5)],
    ]);
    const cluster = measuredCluster([member('m1', 'ready', null), member('m2', 'gone'), member('m3')], speeds, links(['m1', 'm3', 'host']));
    expect(validateClusterFile(JSON.parse(JSON.stringify(cluster)))).toBeTruthy();
    expect(cluster.nodes.map((n) => n.id)).toEqual(['m1', 'm3', 'dispatcher']);
    expect(cluster.dispatcher).toBe('dispatcher');
    expect(cluster.nodes[0].memoryBytes).toBe(DEFAULT_MEMORY_BYTES);
    expect(cluster.nodes[1].gflops).toBe(5);
    expect(cluster.bandwidthMbps[0][1]).toBeCloseTo(10, 9);
    expect(cluster.latencyMs![2][0]).toBe(2);
  });

  it('says what to do when nothing was measured or a link is missing', () => {
    expect(() => measuredCluster([member('m1')], new Map(), new Map())).toThrow(/no measured member/);
    expect(() => measuredCluster([member('m1')], new Map([['m1', speed('m1', 1)]]), links(['m1']))).toThrow(/m1 -> host was not measured/);
  });
});

describe('what the host accepts from a member', () => {
  it('checkReport takes node-protocol reports key by key and nothing else', () => {
    expect(checkReport({ type: 'tensor', epoch: 1, requestId: 7, bytes: 100 })).toEqual({ type: 'tensor', epoch: 1, requestId: 7, bytes: 100 });
    const status = { busyMs: 1, queued: 0, stageEpoch: 1, latestEpoch: 1, serviceMs: null, runs: 0, hop: null, hostBound: false, slowestRunMs: 0 };
    expect(checkReport({ type: 'pong', seq: 3, status })).not.toBeNull();
    for (const bad of [
      null,
      'tensor',
      { type: 'deploy', stage: {} },
      { type: 'tensor', epoch: 1, requestId: -1, bytes: 1 },
      { type: 'tensor', epoch: 1, requestId: 1, bytes: 1, extra: true },
      { type: 'send-failed', to: '<script>' },
      { type: 'pong', seq: 3, status: { ...status, busyMs: 'lots' } },
      { type: 'error', message: 'x'.repeat(5000) },
      { type: '__proto__' },
      { type: 'toString' },
    ])
      expect(checkReport(bad)).toBeNull();
  });

  it('checkCalibrated takes rows of the expected shape only', () => {
    expect(checkCalibrated({ seq: 1, msPerBlock: [[1, 2]] }, 2, 1)).not.toBeNull();
    expect(checkCalibrated({ seq: 1, msPerBlock: [[1]] }, 2, 1)).toBeNull();
    expect(checkCalibrated({ seq: 1, msPerBlock: [[1, -2]] }, 2, 1)).toBeNull();
    expect(checkCalibrated({ seq: 1, msPerBlock: 'x' }, 2, 1)).toBeNull();
  });

  it('checkCalibrated asked for the whole chain wants at least one time per repetition, bounded in count and value', () => {
    const rows = [[1, 2]];
    expect(checkCalibrated({ seq: 1, msPerBlock: rows, wholeMs: [2, 2.5, 2] }, 2, 1, true)?.wholeMs).toEqual([2, 2.5, 2]);
    expect(checkCalibrated({ seq: 1, msPerBlock: rows }, 2, 1, true)).toBeNull();
    expect(checkCalibrated({ seq: 1, msPerBlock: rows, wholeMs: [] }, 2, 1, true)).toBeNull();
    expect(checkCalibrated({ seq: 1, msPerBlock: rows, wholeMs: [2, 'x'] }, 2, 1, true)).toBeNull();
    expect(checkCalibrated({ seq: 1, msPerBlock: rows, wholeMs: new Array(MAX_WHOLE_RUNS + 1).fill(1) }, 2, 1, true)).toBeNull();
  });
});
