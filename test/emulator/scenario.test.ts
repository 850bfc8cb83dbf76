import { describe, expect, it } from 'vitest';
import { DISPATCHER } from '../../src/emulator/backend';
import { scenarioFromCluster } from '../../src/emulator/cluster-file';
import { toCluster, toWorld, uniformScenario } from '../../src/emulator/scenario';
import { DEVICE_PRESETS, findPreset } from '../../src/emulator/presets';

const link = { bandwidthMbps: 50, latencyMs: 2, jitterMs: 0, lossRate: 0 };

describe('uniformScenario(count, device, link)', () => {
  it('makes n devices and a links matrix with the dispatcher last', () => {
    const s = uniformScenario(3, { memoryBytes: 10, gflops: 2 }, link);
    expect(s.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(s.links.length).toBe(4);
    expect(s.links[3][0]).toEqual(link);
  });
});

describe('toCluster(scenario) and toWorld(scenario)', () => {
  it('give the planner a dispatcher node and netsim every directed link', () => {
    const s = uniformScenario(2, { memoryBytes: 10, gflops: 2 }, link);
    const c = toCluster(s);
    expect(c.dispatcher).toBe(DISPATCHER);
    expect(c.nodes.map((n) => n.id)).toEqual(['n1', 'n2', DISPATCHER]);
    expect(c.bandwidthMbps[0]).toEqual([0, 50, 50]);
    const w = toWorld(s);
    expect(w.nodes.length).toBe(3);
    expect(w.links.length).toBe(6);
  });
});

describe('scenarioFromCluster(cluster, dispatcherLink)', () => {
  it('keeps a named dispatcher and its links', () => {
    const s = scenarioFromCluster(
      {
        nodes: [
          { id: 'd', memoryBytes: 0, gflops: 1 },
          { id: 'a', memoryBytes: 5, gflops: 1 },
        ],
        bandwidthMbps: [
          [0, 7],
          [9, 0],
        ],
        dispatcher: 'd',
      },
      link,
    );
    expect(s.nodes.map((n) => n.id)).toEqual(['a']);
    expect(toCluster(s).bandwidthMbps).toEqual([
      [0, 9],
      [7, 0],
    ]);
  });

  it('adds a dispatcher linked to every node when the cluster has none', () => {
    const s = scenarioFromCluster(
      {
        nodes: [
          { id: 'a', memoryBytes: 5, gflops: 1 },
          { id: 'b', memoryBytes: 5, gflops: 1 },
        ],
        bandwidthMbps: [
          [0, 7],
          [9, 0],
        ],
      },
      link,
    );
    expect(toCluster(s).bandwidthMbps).toEqual([
      [0, 7, 50],
      [9, 0, 50],
      [50, 50, 0],
    ]);
  });
});

describe('toCluster(scenario) with lossy, jittery links', () => {
  it('shows loss as lower bandwidth and jitter as half its span of latency, as the planner should expect them', () => {
    const s = uniformScenario(2, { memoryBytes: 10, gflops: 2 }, { bandwidthMbps: 20, latencyMs: 2, jitterMs: 4, lossRate: 0.5 });
    const c = toCluster(s);
    expect(c.bandwidthMbps[0][1]).toBe(10);
    expect(c.latencyMs?.[0][1]).toBe(4);
  });
});

describe('DEVICE_PRESETS', () => {
  it('each has a positive speed and memory and names its source', () => {
    for (const p of DEVICE_PRESETS) {
      expect(p.gflops).toBeGreaterThan(0);
      expect(p.memoryBytes).toBeGreaterThan(0);
      expect(p.source.length).toBeGreaterThan(20);
    }
    expect(findPreset('pi4')?.title).toMatch(/Raspberry Pi 4/);
    expect(findPreset('nope')).toBeUndefined();
  });
});

describe('toWorld(scenario) with a shared radio', () => {
  it('gives the node its radio rate', () => {
    const s = uniformScenario(2, { memoryBytes: 10, gflops: 2 }, link);
    s.nodes[0].radioMbps = 30;
    expect(toWorld(s).nodes.map((n) => n.radioMbps)).toEqual([30, null, null]);
  });
});
